#include "load_history.hpp"

#include <algorithm>
#include <cmath>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::load {
namespace {

nlohmann::json phases_json(const scheduling::PhaseCurrents& currents, int phases) {
    auto list = nlohmann::json::array();
    for (int phase = 0; phase < phases; ++phase) {
        list.push_back(std::round(currents[static_cast<std::size_t>(phase)] * 10.0) / 10.0);
    }
    return list;
}

}  // namespace

nlohmann::json circuit_figures_json(const CircuitFigures& figures) {
    return {
        {"circuitId", figures.circuit_id},
        {"buildingA", phases_json(figures.load.building_a, figures.phases)},
        {"chargingA", phases_json(figures.load.charging_a, figures.phases)},
        {"usableA", phases_json(figures.load.available_a, figures.phases)},
    };
}

LoadHistory::LoadHistory(Seconds span, Seconds resolution) : span_(span), resolution_(resolution) {}

void LoadHistory::record(Seconds at, std::vector<CircuitFigures> circuits) {
    // The wall clock was set back: entries "after" now would break the order that since() relies on.
    while (!entries_.empty() && entries_.back().at > at) {
        entries_.pop_back();
    }
    while (!entries_.empty() && entries_.front().at < at - span_) {
        entries_.pop_front();
    }
    if (!entries_.empty() && at - entries_.back().opened < resolution_) {
        entries_.back().at = at;
        entries_.back().circuits = std::move(circuits);
        return;
    }
    entries_.push_back({at, at, std::move(circuits)});
}

nlohmann::json LoadHistory::since(Seconds from) const {
    const auto first = std::lower_bound(entries_.begin(), entries_.end(), from,
                                        [](const Entry& entry, Seconds value) { return entry.at < value; });
    auto list = nlohmann::json::array();
    for (auto entry = first; entry != entries_.end(); ++entry) {
        auto circuits = nlohmann::json::array();
        for (const auto& figures : entry->circuits) {
            circuits.push_back(circuit_figures_json(figures));
        }
        list.push_back({{"at", ocpp::DateTime::from_unix_millis(entry->at * 1000).to_rfc3339()},
                        {"circuits", std::move(circuits)}});
    }
    return list;
}

}  // namespace parkgrid::server::load
