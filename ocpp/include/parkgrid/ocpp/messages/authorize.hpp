#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"

namespace parkgrid::ocpp {

struct AuthorizeResponse {
    IdTagInfo id_tag_info;
};
BOOST_DESCRIBE_STRUCT(AuthorizeResponse, (), (id_tag_info))

struct AuthorizeRequest {
    static constexpr std::string_view action = "Authorize";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = AuthorizeResponse;

    IdToken id_tag;
};
BOOST_DESCRIBE_STRUCT(AuthorizeRequest, (), (id_tag))

}  // namespace parkgrid::ocpp
