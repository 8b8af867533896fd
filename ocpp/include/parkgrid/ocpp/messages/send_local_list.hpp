#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"

namespace parkgrid::ocpp {

enum class UpdateType { Differential, Full };
PARKGRID_OCPP_ENUM(UpdateType, {Differential, "Differential"}, {Full, "Full"});

enum class UpdateStatus { Accepted, Failed, NotSupported, VersionMismatch };
PARKGRID_OCPP_ENUM(UpdateStatus, {Accepted, "Accepted"}, {Failed, "Failed"}, {NotSupported, "NotSupported"},
                   {VersionMismatch, "VersionMismatch"});

// One entry of the local authorization list; in a differential update, an entry without idTagInfo
// removes the idTag from the list.
struct AuthorizationData {
    IdToken id_tag;
    std::optional<IdTagInfo> id_tag_info;
};
BOOST_DESCRIBE_STRUCT(AuthorizationData, (), (id_tag, id_tag_info))

struct SendLocalListResponse {
    UpdateStatus status{};
};
BOOST_DESCRIBE_STRUCT(SendLocalListResponse, (), (status))

struct SendLocalListRequest {
    static constexpr std::string_view action = "SendLocalList";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = SendLocalListResponse;

    std::int32_t list_version = 0;
    std::optional<std::vector<AuthorizationData>> local_authorization_list;
    UpdateType update_type{};
};
BOOST_DESCRIBE_STRUCT(SendLocalListRequest, (), (list_version, local_authorization_list, update_type))

}  // namespace parkgrid::ocpp
