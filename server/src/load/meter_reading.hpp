#pragma once

// What the scheduler takes from a MeterValues message: the current the vehicle draws, on how many
// phases, its state of charge and the energy register.

#include <nlohmann/json.hpp>
#include <optional>

namespace parkgrid::server::load {

struct MeterReading {
    std::optional<double> current_a{};    // highest Current.Import over the phases
    std::optional<int> phases_drawing{};  // phases with Current.Import above 1 A, when reported per phase
    std::optional<double> soc_percent{};
    std::optional<double> energy_wh{};  // Energy.Active.Import.Register
};

// `meter_values` is the OCPP meterValue array as sent (the `meter_values` event's data); the latest
// value of each kind wins. Values that are not numbers are skipped.
MeterReading read_meter_values(const nlohmann::json& meter_values);

}  // namespace parkgrid::server::load
