#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class AuthorizationStatus { Accepted, Blocked, Expired, Invalid, ConcurrentTx };
PARKGRID_OCPP_ENUM(AuthorizationStatus, {Accepted, "Accepted"}, {Blocked, "Blocked"}, {Expired, "Expired"},
                   {Invalid, "Invalid"}, {ConcurrentTx, "ConcurrentTx"});

// OCPP IdToken: case-insensitive, at most 20 characters.
using IdToken = CiString<20>;

struct IdTagInfo {
    std::optional<DateTime> expiry_date;
    std::optional<IdToken> parent_id_tag;
    AuthorizationStatus status{};
};
BOOST_DESCRIBE_STRUCT(IdTagInfo, (), (expiry_date, parent_id_tag, status))

}  // namespace parkgrid::ocpp
