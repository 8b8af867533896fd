#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class DataTransferStatus { Accepted, Rejected, UnknownMessageId, UnknownVendorId };
PARKGRID_OCPP_ENUM(DataTransferStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {UnknownMessageId, "UnknownMessageId"}, {UnknownVendorId, "UnknownVendorId"});

struct DataTransferResponse {
    DataTransferStatus status{};
    std::optional<std::string> data;
};
BOOST_DESCRIBE_STRUCT(DataTransferResponse, (), (status, data))

// Vendor-specific payload; `data` is an opaque string (often JSON text) whose meaning the vendor defines.
struct DataTransferRequest {
    static constexpr std::string_view action = "DataTransfer";
    static constexpr Initiator initiator = Initiator::Either;
    using Response = DataTransferResponse;

    CiString<255> vendor_id;
    std::optional<CiString<50>> message_id;
    std::optional<std::string> data;
};
BOOST_DESCRIBE_STRUCT(DataTransferRequest, (), (vendor_id, message_id, data))

}  // namespace parkgrid::ocpp
