#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ConfigurationStatus { Accepted, Rejected, RebootRequired, NotSupported };
PARKGRID_OCPP_ENUM(ConfigurationStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"},
                   {RebootRequired, "RebootRequired"}, {NotSupported, "NotSupported"});

struct ChangeConfigurationResponse {
    ConfigurationStatus status{};
};
BOOST_DESCRIBE_STRUCT(ChangeConfigurationResponse, (), (status))

struct ChangeConfigurationRequest {
    static constexpr std::string_view action = "ChangeConfiguration";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = ChangeConfigurationResponse;

    CiString<50> key;
    CiString<500> value;
};
BOOST_DESCRIBE_STRUCT(ChangeConfigurationRequest, (), (key, value))

}  // namespace parkgrid::ocpp
