#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

struct KeyValue {
    CiString<50> key;
    bool readonly = false;
    std::optional<CiString<500>> value;
};
BOOST_DESCRIBE_STRUCT(KeyValue, (), (key, readonly, value))

struct GetConfigurationResponse {
    std::optional<std::vector<KeyValue>> configuration_key;
    std::optional<std::vector<CiString<50>>> unknown_key;
};
BOOST_DESCRIBE_STRUCT(GetConfigurationResponse, (), (configuration_key, unknown_key))

struct GetConfigurationRequest {
    static constexpr std::string_view action = "GetConfiguration";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetConfigurationResponse;

    std::optional<std::vector<CiString<50>>> key;  // absent: all keys
};
BOOST_DESCRIBE_STRUCT(GetConfigurationRequest, (), (key))

}  // namespace parkgrid::ocpp
