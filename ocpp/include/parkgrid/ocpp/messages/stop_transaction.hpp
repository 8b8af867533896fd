#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/id_tag_info.hpp"
#include "parkgrid/ocpp/types/meter_value.hpp"

namespace parkgrid::ocpp {

enum class Reason {
    EmergencyStop,
    EVDisconnected,
    HardReset,
    Local,
    Other,
    PowerLoss,
    Reboot,
    Remote,
    SoftReset,
    UnlockCommand,
    DeAuthorized,
};
PARKGRID_OCPP_ENUM(Reason, {EmergencyStop, "EmergencyStop"}, {EVDisconnected, "EVDisconnected"},
                   {HardReset, "HardReset"}, {Local, "Local"}, {Other, "Other"}, {PowerLoss, "PowerLoss"},
                   {Reboot, "Reboot"}, {Remote, "Remote"}, {SoftReset, "SoftReset"},
                   {UnlockCommand, "UnlockCommand"}, {DeAuthorized, "DeAuthorized"});

struct StopTransactionResponse {
    std::optional<IdTagInfo> id_tag_info;
};
BOOST_DESCRIBE_STRUCT(StopTransactionResponse, (), (id_tag_info))

struct StopTransactionRequest {
    static constexpr std::string_view action = "StopTransaction";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = StopTransactionResponse;

    std::optional<IdToken> id_tag;
    std::int64_t meter_stop = 0;  // Wh; lifetime registers of DC chargers exceed 2^31
    DateTime timestamp;
    std::int32_t transaction_id = 0;
    std::optional<Reason> reason;  // absent means Local
    std::optional<std::vector<MeterValue>> transaction_data;
};
BOOST_DESCRIBE_STRUCT(StopTransactionRequest, (),
                      (id_tag, meter_stop, timestamp, transaction_id, reason, transaction_data))

}  // namespace parkgrid::ocpp
