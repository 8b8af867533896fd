#include "site_state_builder.hpp"

#include <algorithm>
#include <limits>

namespace parkgrid::server::load {
namespace {

using scheduling::PhaseCurrents;

Seconds to_seconds(storage::Timestamp at) {
    return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

std::optional<PhaseCurrents> currents_of(const storage::BuildingLoadReading& reading,
                                         const storage::CircuitRecord& circuit) {
    if (reading.current_a) {
        return PhaseCurrents{(*reading.current_a)[0], (*reading.current_a)[1], (*reading.current_a)[2]};
    }
    if (reading.power_kw) {
        // Power alone says nothing of its split: assume it balanced over the circuit's phases.
        const double per_phase = *reading.power_kw * 1000.0 / (circuit.voltage_v * circuit.phases);
        return circuit.phases == 1 ? PhaseCurrents{per_phase, 0, 0}
                                   : PhaseCurrents{per_phase, per_phase, per_phase};
    }
    return std::nullopt;
}

std::optional<PhaseCurrents> profile_at(const std::vector<storage::BuildingLoadProfileEntry>* profile,
                                        const storage::CircuitRecord& circuit, const SiteCalendar& calendar,
                                        Seconds at) {
    if (profile == nullptr) {
        return std::nullopt;
    }
    const auto local = calendar.local(at);
    const std::string day_type = local.weekend ? "weekend" : "weekday";
    for (const auto& entry : *profile) {
        if (entry.day_type == day_type && entry.hour == local.minute_of_day / 60) {
            const double a = entry.current_a;
            return circuit.phases == 1 ? PhaseCurrents{a, 0, 0} : PhaseCurrents{a, a, a};
        }
    }
    return std::nullopt;
}

bool plugged_in(const std::string& status) {
    return status == "Preparing" || status == "SuspendedEV" || status == "SuspendedEVSE" ||
           status == "Charging";
}

}  // namespace

double LiveSession::remaining_kwh() const {
    if (requested_kwh) {
        return std::max(0.0, *requested_kwh - delivered_kwh());
    }
    if (battery_kwh && soc_percent) {
        return *battery_kwh * (100.0 - *soc_percent) / 100.0;
    }
    return std::numeric_limits<double>::infinity();
}

std::array<int, scheduling::kGridPhases> wiring_of(const std::string& phase_wiring) {
    std::array<int, scheduling::kGridPhases> wiring{0, 1, 2};
    for (std::size_t k = 0; k * 2 + 1 < phase_wiring.size() && k < wiring.size(); ++k) {
        wiring[k] = phase_wiring[k * 2 + 1] - '1';
    }
    if (phase_wiring.size() == 2) {  // one phase: the others follow it round
        wiring[1] = (wiring[0] + 1) % 3;
        wiring[2] = (wiring[0] + 2) % 3;
    }
    return wiring;
}

BuiltSite build_site_state(const SiteSnapshot& snapshot, const std::map<std::string, LiveCharger>& chargers,
                           const SiteCalendar& calendar, const BuildOptions& options) {
    BuiltSite built;
    auto& site = built.state;
    site.now = options.now;

    std::map<std::int64_t, std::size_t> index_of;
    for (const auto& circuit : snapshot.circuits) {
        index_of.emplace(circuit.id, index_of.size());
    }
    for (const auto& circuit : snapshot.circuits) {
        scheduling::Circuit c;
        c.id = circuit.id;
        if (circuit.parent_id && index_of.contains(*circuit.parent_id)) {
            c.parent = index_of.at(*circuit.parent_id);
        }
        c.limit_a = circuit.limit_a;
        c.limit_kw = circuit.limit_kw;
        c.phases = circuit.phases;
        c.voltage_v = circuit.voltage_v;
        c.margin_a = circuit.margin_a;
        site.circuits.push_back(c);

        std::optional<PhaseCurrents> load;
        if (!circuit.has_building_load) {
            load = PhaseCurrents{};
        } else {
            const auto reading =
                std::find_if(snapshot.latest_readings.begin(), snapshot.latest_readings.end(),
                             [&](const auto& r) { return r.circuit_id == circuit.id; });
            if (reading != snapshot.latest_readings.end() &&
                to_seconds(reading->measured_at) >= options.now - options.building_load_stale_after) {
                load = currents_of(*reading, circuit);
            }
            if (!load) {
                const auto profile = snapshot.profiles.find(circuit.id);
                load = profile_at(profile == snapshot.profiles.end() ? nullptr : &profile->second, circuit,
                                  calendar, options.now);
            }
        }
        site.building_load.push_back(load);
    }

    // Later slots: the profile where there is one; the scheduler keeps the live value otherwise.
    site.building_load_forecast = [circuits = snapshot.circuits, profiles = snapshot.profiles, &calendar](
                                      std::size_t c, Seconds at) -> std::optional<PhaseCurrents> {
        const auto& circuit = circuits[c];
        if (!circuit.has_building_load) {
            return PhaseCurrents{};
        }
        const auto profile = profiles.find(circuit.id);
        return profile_at(profile == profiles.end() ? nullptr : &profile->second, circuit, calendar, at);
    };
    if (!snapshot.tariff.empty()) {
        site.price_per_kwh = [&calendar](Seconds at) { return calendar.price_at(at); };
    }

    std::vector<bool> may_draw_failsafe;  // per connector
    for (const auto& settings : snapshot.chargers) {
        if (!settings.circuit_id || !settings.max_current_a || !index_of.contains(*settings.circuit_id)) {
            continue;
        }
        const auto live = chargers.find(settings.charger_id);
        const bool online = live != chargers.end() && live->second.online;
        std::map<std::int32_t, LiveConnector> none{{1, LiveConnector{}}};
        const auto& connectors =
            live != chargers.end() && !live->second.connectors.empty() ? live->second.connectors : none;
        for (const auto& [connector_id, state] : connectors) {
            scheduling::Connector c;
            c.charger_id = settings.charger_id;
            c.connector_id = connector_id;
            c.circuit = index_of.at(*settings.circuit_id);
            c.max_current_a = *settings.max_current_a;
            c.min_current_a = settings.min_current_a;
            c.phases = settings.phases;
            c.wiring = wiring_of(settings.phase_wiring);
            const bool flagged = settings.load_flag.has_value();
            c.mode = flagged || (!online && state.session) ? scheduling::ConnectorMode::Uncontrolled
                                                           : scheduling::ConnectorMode::Controlled;
            if (state.session) {
                const auto& s = *state.session;
                scheduling::Session session;
                session.energy_needed_kwh = s.remaining_kwh();
                session.departure = s.departure.value_or(0);
                session.priority = s.priority;
                session.started_at = s.started_at;
                session.vehicle_phases = s.vehicle_phases;
                session.vehicle_max_a = state.tracker.vehicle_max_a();
                // Only a reading taken after the limit took effect says what the vehicle leaves unused.
                if (s.measured_at > state.limit_since + options.decrease_settle_time) {
                    session.measured_a = s.measured_a;
                }
                c.session = session;
                c.current_limit_a = state.limit_a;
                c.current_limit_since = state.limit_since;
                c.previous_limit_a = state.previous_limit_a;
                c.changes_last_hour = state.tracker.changes_since(options.now - 3600);
            }
            may_draw_failsafe.push_back(!state.session && (!online || plugged_in(state.status)));
            site.connectors.push_back(std::move(c));
        }
    }

    // The failsafe shares depend on the tree and the chargers only (idle budgets do not count), so they
    // are computed on the state itself and then set the idle budgets.
    const auto shares = scheduling::failsafe_limits(site);
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& id = site.connectors[i].charger_id;
        const auto known = built.failsafe.find(id);
        built.failsafe[id] = known == built.failsafe.end() ? shares[i] : std::min(known->second, shares[i]);
    }
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        if (may_draw_failsafe[i]) {
            site.connectors[i].idle_budget_a = built.failsafe.at(site.connectors[i].charger_id);
        }
    }
    return built;
}

}  // namespace parkgrid::server::load
