#pragma once

// The real scheduler (parkgrid::scheduling) driven the way the server drives it: a SiteState rebuilt from
// what the server knows on every event and at least every 15 s, limits sent only when the plan says so,
// chargers that overdraw flagged by OverdrawWatch and counted as uncontrolled from then on.

#include <chrono>
#include <optional>

#include "building_load.hpp"
#include "parkgrid/scheduling/scheduler.hpp"
#include "policy.hpp"
#include "site.hpp"

namespace parkgrid::simulator {

// The TxDefaultProfile of every charger, as sent at boot: the scheduler's failsafe_limits for the site with
// nobody plugged in and the building as the gateway would report it at time 0, plus the forecast.
std::vector<double> boot_failsafe(const Site& site, const BuildingLoad& building);

// The forecast and the tariff as the scheduler's functions.
scheduling::BuildingLoadAt forecast_function(const BuildingLoad& building);
scheduling::PriceAt price_function();

class ParkGridPolicy final : public Policy {
public:
    ParkGridPolicy(const Site& site, const BuildingLoad& building, std::vector<double> failsafe,
                   scheduling::SchedulerOptions options = {});

    std::string name() const override { return "parkgrid"; }
    void step(const ServerView& view, std::vector<LimitSend>& sends) override;
    std::vector<std::pair<std::size_t, scheduling::Seconds>> flagged() const override;

    std::size_t plans() const { return plans_; }
    std::chrono::nanoseconds planning_time() const { return planning_time_; }
    // The first plan that broke the scheduler's own hard rules (limit outside [min, max], or its circuit
    // accounting over limit - margin), for the report; empty when none did.
    const std::string& contract_violation() const { return contract_violation_; }
    // The latest plan and the state it was made from (for tests and debugging).
    const scheduling::SitePlan& last_plan() const { return last_plan_result_; }
    const scheduling::SiteState& last_state() const { return last_state_; }

private:
    void track_transactions(const ServerView& view);
    void watch_overdraw(const ServerView& view);
    scheduling::SiteState site_state(const ServerView& view) const;
    void check_contract(const scheduling::SiteState& state, const scheduling::SitePlan& plan);

    scheduling::SchedulerOptions options_;
    std::vector<double> failsafe_;
    scheduling::SiteState state_;  // circuits and connectors; sessions and limits kept up to date
    std::vector<ConnectorStatus> status_;
    std::vector<scheduling::OverdrawWatch> watches_;
    std::vector<scheduling::ConnectorTracker> trackers_;
    std::vector<std::optional<scheduling::Seconds>> flagged_at_;
    scheduling::Seconds last_plan_ = -1'000'000;
    std::size_t plans_ = 0;
    std::chrono::nanoseconds planning_time_{};
    std::string contract_violation_;
    scheduling::SitePlan last_plan_result_;
    scheduling::SiteState last_state_;
};

}  // namespace parkgrid::simulator
