#include "capacity.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace parkgrid::simulator {

namespace {

// OCPP limits have one decimal: smaller differences are no new limit.
constexpr double kSendThresholdA = 0.1;
// A meter's resolution: below this the request counts as met.
constexpr double kMetKwh = 0.001;

}  // namespace

std::vector<scheduling::PhaseCurrents> charging_room(const Site& site, const ServerView& view) {
    std::vector<scheduling::PhaseCurrents> room(site.circuits.size());
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        const auto& circuit = site.circuits[c];
        for (std::size_t p = 0; p < scheduling::kGridPhases; ++p) {
            room[c][p] = view.building[c] ? circuit.limit_a - circuit.margin_a - (*view.building[c])[p] : 0.0;
        }
    }
    return room;
}

double room_on(const std::vector<scheduling::PhaseCurrents>& room, const std::vector<std::size_t>& path,
               const std::vector<int>& phases) {
    double smallest = std::numeric_limits<double>::infinity();
    for (const auto c : path) {
        for (const int p : phases) {
            smallest = std::min(smallest, room[c][static_cast<std::size_t>(p)]);
        }
    }
    return smallest;
}

void take(std::vector<scheduling::PhaseCurrents>& room, const std::vector<std::size_t>& path,
          const std::vector<int>& phases, double amps) {
    for (const auto c : path) {
        for (const int p : phases) {
            room[c][static_cast<std::size_t>(p)] -= amps;
        }
    }
}

PeriodicPolicy::PeriodicPolicy(const Site& site) : site_(site), sent_(site.chargers.size()) {
    for (const auto& charger : site.chargers) {
        paths_.push_back(circuit_path(site, charger.connector.circuit));
    }
}

void PeriodicPolicy::step(const ServerView& view, std::vector<LimitSend>& sends) {
    for (std::size_t i = 0; i < sent_.size(); ++i) {
        if (view.connectors[i].status != ConnectorStatus::Charging) {
            sent_[i].reset();  // the TxProfile ended with its transaction
        }
    }
    if (view.now % kPeriod != 0) {
        return;
    }
    const auto limits = plan(view);
    for (std::size_t i = 0; i < sent_.size(); ++i) {
        if (view.connectors[i].status != ConnectorStatus::Charging) {
            continue;
        }
        const double limit = std::floor(limits[i] * 10.0 + 1e-6) / 10.0;
        if (!sent_[i] || std::abs(*sent_[i] - limit) >= kSendThresholdA) {
            sends.push_back({i, limit});
            sent_[i] = limit;
        }
    }
}

std::vector<int> PeriodicPolicy::phases_of(const ServerView& view, std::size_t connector) const {
    return loaded_phases(site_.chargers[connector].connector, view.connectors[connector].vehicle_phases);
}

bool PeriodicPolicy::wants_energy(const ConnectorView& connector) const {
    return connector.status == ConnectorStatus::Charging &&
           connector.requested_kwh - connector.metered_kwh > kMetKwh;
}

}  // namespace parkgrid::simulator
