#include "parkgrid_policy.hpp"

#include <cmath>
#include <cstdio>

#include "tariff.hpp"

namespace parkgrid::simulator {

namespace {

// A server plans at least this often even when nothing happens.
constexpr scheduling::Seconds kPlanPeriod = 15;
constexpr double kContractTolerance = 1e-6;

}  // namespace

scheduling::BuildingLoadAt forecast_function(const BuildingLoad& building) {
    return
        [&building](std::size_t circuit, scheduling::Seconds at) -> std::optional<scheduling::PhaseCurrents> {
            return building.forecast(circuit, at);
        };
}

scheduling::PriceAt price_function() {
    return [](scheduling::Seconds at) { return price_at(at); };
}

std::vector<double> boot_failsafe(const Site& site, const BuildingLoad& building) {
    scheduling::SiteState state;
    state.now = 0;
    state.circuits = site.circuits;
    for (const auto& charger : site.chargers) {
        state.connectors.push_back(charger.connector);
    }
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        state.building_load.emplace_back(building.forecast(c, 0));
    }
    state.building_load_forecast = forecast_function(building);
    state.price_per_kwh = price_function();
    return scheduling::failsafe_limits(state);
}

ParkGridPolicy::ParkGridPolicy(const Site& site, const BuildingLoad& building, std::vector<double> failsafe,
                               scheduling::SchedulerOptions options)
    : options_(options),
      failsafe_(std::move(failsafe)),
      status_(site.chargers.size(), ConnectorStatus::Available),
      watches_(site.chargers.size()),
      trackers_(site.chargers.size()),
      flagged_at_(site.chargers.size()) {
    state_.circuits = site.circuits;
    for (const auto& charger : site.chargers) {
        state_.connectors.push_back(charger.connector);
    }
    state_.building_load_forecast = forecast_function(building);
    state_.price_per_kwh = price_function();
}

void ParkGridPolicy::step(const ServerView& view, std::vector<LimitSend>& sends) {
    track_transactions(view);
    watch_overdraw(view);
    if (!view.event && view.now - last_plan_ < kPlanPeriod) {
        return;
    }
    last_plan_ = view.now;
    const auto state = site_state(view);
    const auto started = std::chrono::steady_clock::now();
    const auto plan = scheduling::plan_site(state, options_);
    planning_time_ += std::chrono::steady_clock::now() - started;
    ++plans_;
    check_contract(state, plan);
    last_plan_result_ = plan;
    last_state_ = state;
    for (std::size_t i = 0; i < plan.connectors.size(); ++i) {
        auto& connector = state_.connectors[i];
        const auto& planned = plan.connectors[i];
        if (!planned.send || !connector.session || connector.mode != scheduling::ConnectorMode::Controlled) {
            continue;
        }
        sends.push_back({i, planned.limit_a});
        connector.previous_limit_a = connector.current_limit_a;
        connector.current_limit_a = planned.limit_a;
        connector.current_limit_since = view.now;
        if (!planned.forced) {
            trackers_[i].limit_sent(view.now);
        }
        watches_[i] = scheduling::OverdrawWatch{};  // readings under the old limit say nothing of the new
    }
}

void ParkGridPolicy::track_transactions(const ServerView& view) {
    for (std::size_t i = 0; i < view.connectors.size(); ++i) {
        const auto& seen = view.connectors[i];
        auto& connector = state_.connectors[i];
        if (seen.status == status_[i]) {
            continue;
        }
        status_[i] = seen.status;
        connector.session.reset();
        connector.current_limit_a.reset();
        connector.previous_limit_a.reset();
        connector.current_limit_since = 0;
        connector.idle_budget_a = seen.status == ConnectorStatus::Preparing ? failsafe_[i] : 0.0;
        watches_[i] = scheduling::OverdrawWatch{};
        if (seen.status == ConnectorStatus::Charging) {
            connector.session.emplace();
            connector.session->started_at = view.now;
            trackers_[i].session_started();
            // The charger runs on the TxDefaultProfile ParkGrid sent at boot until told otherwise.
            connector.current_limit_a = failsafe_[i];
            connector.current_limit_since = view.now;
        }
    }
}

void ParkGridPolicy::watch_overdraw(const ServerView& view) {
    for (std::size_t i = 0; i < view.connectors.size(); ++i) {
        const auto& seen = view.connectors[i];
        auto& connector = state_.connectors[i];
        if (!seen.meter_reading_now || !connector.current_limit_a ||
            connector.mode != scheduling::ConnectorMode::Controlled) {
            continue;
        }
        // Right after a new limit the vehicle may still draw at the old one: not evidence yet.
        if (seen.measured_at < connector.current_limit_since + options_.decrease_settle_time) {
            continue;
        }
        trackers_[i].vehicle_drew(*seen.measured_a, *connector.current_limit_a);
        if (watches_[i].observe(*seen.measured_a, *connector.current_limit_a)) {
            connector.mode = scheduling::ConnectorMode::Uncontrolled;
            flagged_at_[i] = view.now;
        }
    }
}

scheduling::SiteState ParkGridPolicy::site_state(const ServerView& view) const {
    scheduling::SiteState state = state_;
    state.now = view.now;
    state.building_load = view.building;
    for (std::size_t i = 0; i < view.connectors.size(); ++i) {
        const auto& seen = view.connectors[i];
        auto& connector = state.connectors[i];
        if (!connector.session) {
            continue;
        }
        connector.changes_last_hour = trackers_[i].changes_since(view.now - 3600);
        auto& session = *connector.session;
        session.vehicle_max_a = trackers_[i].vehicle_max_a();
        session.energy_needed_kwh = std::max(0.0, seen.requested_kwh - seen.metered_kwh);
        session.departure = seen.departure;
        session.priority = seen.priority;
        session.vehicle_phases = seen.vehicle_phases;
        // Only a reading taken once the current limit had time to take effect says what the vehicle uses.
        if (seen.measured_a &&
            seen.measured_at >= connector.current_limit_since + options_.decrease_settle_time) {
            session.measured_a = seen.measured_a;
        }
    }
    return state;
}

void ParkGridPolicy::check_contract(const scheduling::SiteState& state, const scheduling::SitePlan& plan) {
    if (!contract_violation_.empty()) {
        return;
    }
    char text[256];
    for (std::size_t i = 0; i < plan.connectors.size(); ++i) {
        const auto& connector = state.connectors[i];
        const auto& planned = plan.connectors[i];
        if (!connector.session || connector.mode != scheduling::ConnectorMode::Controlled) {
            continue;
        }
        if (planned.limit_a != 0 && (planned.limit_a < connector.min_current_a - kContractTolerance ||
                                     planned.limit_a > connector.max_current_a + kContractTolerance)) {
            std::snprintf(text, sizeof text, "t=%lld s: connector %zu limit %.1f A outside 0 or [%.1f, %.1f]",
                          static_cast<long long>(state.now), i, planned.limit_a, connector.min_current_a,
                          connector.max_current_a);
            contract_violation_ = text;
            return;
        }
    }
    // The hard rule, recomputed from the limits: building + limits (idle connectors at their budget,
    // uncontrolled ones at their rating) <= limit - margin, wherever a session holds a limit above zero.
    const auto circuits = state.circuits.size();
    std::vector<scheduling::PhaseCurrents> fixed(circuits), limits(circuits);
    for (std::size_t i = 0; i < state.connectors.size(); ++i) {
        const auto& connector = state.connectors[i];
        const bool session = connector.session && connector.mode == scheduling::ConnectorMode::Controlled;
        const double amps = session ? plan.connectors[i].limit_a
                            : connector.mode == scheduling::ConnectorMode::Uncontrolled
                                ? connector.max_current_a
                                : connector.idle_budget_a;
        const auto phases = loaded_phases(connector, session ? connector.session->vehicle_phases : 0);
        for (std::size_t c = connector.circuit;; c = *state.circuits[c].parent) {
            for (const int phase : phases) {
                (session ? limits : fixed)[c][static_cast<std::size_t>(phase)] += amps;
            }
            if (!state.circuits[c].parent) {
                break;
            }
        }
    }
    for (std::size_t c = 0; c < circuits; ++c) {
        const auto& circuit = state.circuits[c];
        for (std::size_t p = 0; p < scheduling::kGridPhases; ++p) {
            const double building = state.building_load[c] ? (*state.building_load[c])[p] : 0.0;
            const double usable = circuit.limit_a - circuit.margin_a;
            if (limits[c][p] > kContractTolerance &&
                building + fixed[c][p] + limits[c][p] > usable + kContractTolerance) {
                std::snprintf(
                    text, sizeof text,
                    "t=%lld s: circuit %zu L%zu: building %.1f A + budgets %.1f A + session limits %.1f A "
                    "> limit - margin %.1f A",
                    static_cast<long long>(state.now), c, p + 1, building, fixed[c][p], limits[c][p], usable);
                contract_violation_ = text;
                return;
            }
        }
    }
}

std::vector<std::pair<std::size_t, scheduling::Seconds>> ParkGridPolicy::flagged() const {
    std::vector<std::pair<std::size_t, scheduling::Seconds>> flagged;
    for (std::size_t i = 0; i < flagged_at_.size(); ++i) {
        if (flagged_at_[i]) {
            flagged.emplace_back(i, *flagged_at_[i]);
        }
    }
    return flagged;
}

}  // namespace parkgrid::simulator
