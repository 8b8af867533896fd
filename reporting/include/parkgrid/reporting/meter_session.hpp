#pragma once

// What energy accounting and the per-session data-quality checks know about one charging session: its start
// and stop as the charger reported them, and the meter readings it sent. Plain values, no storage or OCPP.

#include <cstdint>
#include <optional>
#include <vector>

namespace parkgrid::reporting {

// Unix milliseconds, UTC.
using Millis = std::int64_t;

// One MeterValue element of the session (one instant) with the readings accounting uses.
struct MeterSample {
    Millis at = 0;                        // the charger's timestamp
    Millis received_at = 0;               // when the central system received it
    std::optional<double> energy_wh{};    // Energy.Active.Import.Register
    std::optional<double> power_w{};      // Power.Active.Import
    std::optional<double> soc_percent{};  // SoC
};

struct MeterSession {
    Millis start_at = 0;
    Millis start_received_at = 0;
    std::int64_t meter_start_wh = 0;
    // All three unset while the session runs.
    std::optional<Millis> stop_at{};
    std::optional<Millis> stop_received_at{};
    std::optional<std::int64_t> meter_stop_wh{};
    std::vector<MeterSample> samples{};  // any order
};

}  // namespace parkgrid::reporting
