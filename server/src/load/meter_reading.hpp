#pragma once

// What the scheduler takes from a MeterValues message: the current the vehicle draws, on how many
// phases, its state of charge and the energy register.

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "parkgrid/ocpp/types/meter_value.hpp"

namespace parkgrid::server::load {

struct MeterReading {
    std::optional<double> current_a{};    // highest Current.Import over the phases
    std::optional<int> phases_drawing{};  // phases with Current.Import above 1 A, when reported per phase
    std::optional<double> soc_percent{};
    std::optional<double> energy_wh{};  // Energy.Active.Import.Register
};

// The latest value of each kind wins. Values that are not numbers are skipped.
MeterReading read_meter_values(const std::vector<ocpp::MeterValue>& meter_values);

// The `meter_reading` event's data (besides connectorId and transactionId): the reading in a few numbers,
// published for every MeterValues so that the load manager need not decode whole readings.
nlohmann::json to_event_data(const MeterReading& reading);
MeterReading from_event_data(const nlohmann::json& data);

}  // namespace parkgrid::server::load
