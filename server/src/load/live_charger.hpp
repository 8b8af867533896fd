#pragma once

// What ParkGrid knows right now about a managed charger: connection, connector states, running sessions
// and the limits it was sent. Kept by the LoadManager from charger events.

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::server::load {

using scheduling::Seconds;

struct LiveSession {
    std::int32_t transaction_id = 0;
    Seconds started_at = 0;
    double meter_start_wh = 0;
    std::optional<double> energy_wh{};  // latest Energy.Active.Import.Register
    // From the transaction's charging need, else from its vehicle.
    std::optional<double> requested_kwh{};
    std::optional<Seconds> departure{};
    std::optional<double> battery_kwh{};
    int priority = 5;
    std::optional<double> soc_percent{};
    std::optional<double> measured_a{};
    Seconds measured_at = 0;
    int vehicle_phases = 0;

    double delivered_kwh() const {
        return energy_wh ? std::max(0.0, *energy_wh - meter_start_wh) / 1000.0 : 0.0;
    }
    // What it still needs: the request less what it got, else what its battery lacks; infinity if unknown.
    double remaining_kwh() const;
};

struct LiveConnector {
    std::string status{};  // the latest StatusNotification status
    std::optional<LiveSession> session{};
    std::optional<double> limit_a{};  // the TxProfile limit sent last (or the failsafe at the start)
    Seconds limit_since = 0;
    std::optional<double> previous_limit_a{};
    scheduling::OverdrawWatch overdraw{};
    scheduling::ConnectorTracker tracker{};
};

struct LiveCharger {
    bool online = false;
    std::optional<double> failsafe_sent_a{};             // the TxDefaultProfile it has
    std::optional<double> max_profile_sent_a{};          // the ChargePointMaxProfile it has
    std::map<std::int32_t, LiveConnector> connectors{};  // by connector id (1..)
};

}  // namespace parkgrid::server::load
