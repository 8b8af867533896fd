#pragma once

// The load scheduler: from a SiteState, the current limit of every connector now, and what it expects each
// vehicle to receive by its departure.
//
// Hard rules (always, whatever else happens):
//   * on every circuit and every phase, building load + the sum of the connectors' limits (uncontrolled
//     ones at their rated current, idle ones at their idle budget) <= limit_a - margin_a, and the power
//     limit_kw likewise;
//   * a connector's limit is 0 (paused) or between its minimum and its rated current.
// Goals, in order: priority classes, then deadlines (least laxity first), then cost (energy the deadline
// does not need now is planned into the cheapest slots before departure), then fairness (what is left over
// now is shared out evenly). Headroom a vehicle does not use (it draws less than its limit) goes to others.
// Stability: a limit moves by less than `change_threshold_a` never, and at most once per
// `min_change_interval` unless the hard rules need it lower.

#include <cstdint>
#include <string_view>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::scheduling {

struct SchedulerOptions {
    Seconds slot_length = 900;               // planning resolution
    Seconds horizon = 24 * 3600;             // nothing is planned beyond this
    Seconds default_dwell = 8 * 3600;        // departure assumed when a session's departure is in the past
    double change_threshold_a = 1.0;         // smaller changes are not sent
    Seconds min_change_interval = 300;       // between two changes of one connector, unless safety needs it
    double unused_headroom_slack_a = 2.0;    // a vehicle drawing less than its limit keeps measured + this
    // ...when it draws at least this much less than its limit. Smaller than the slack, so a vehicle kept at
    // what it draws plus the slack stays capped, and one that draws its whole limit may want more.
    double unused_headroom_min_gap_a = 1.0;
    Seconds decrease_settle_time = 15;       // how long a lowered limit still counts at its old value
};

enum class LimitReason : std::uint8_t {
    Idle,                 // no session: the idle budget is reserved, no limit is sent
    Uncontrolled,         // counted at its rated current; ParkGrid cannot limit it
    Charging,             // the plan gives it current now
    Deferred,             // its energy is planned into cheaper slots before departure
    CapacityExhausted,    // it needs current but its circuits have less than its minimum left
    BuildingLoadUnknown,  // a circuit on its path has no building load reading and no fallback
    Complete,             // its energy need is met
    Held,                 // kept at its previous limit for stability (within the threshold or interval)
};

std::string_view to_string(LimitReason reason);

struct ConnectorPlan {
    double limit_a = 0;  // 0, or within [min_current_a, max_current_a]; meaningless for Idle/Uncontrolled
    LimitReason reason = LimitReason::Idle;
    // Whether ParkGrid should send `limit_a` now (it differs from the charger's current limit and the
    // stability rules allow it, or the safety rules demand it).
    bool send = false;
    double expected_energy_kwh = 0;  // what the plan delivers before departure, from now
    bool deadline_met = true;        // expected_energy_kwh covers energy_needed_kwh (false if unknown need)
};

struct CircuitLoad {
    PhaseCurrents building_a{};   // as counted (unknown load counts as the whole usable capacity)
    PhaseCurrents charging_a{};   // the sum of limits and budgets below this circuit
    PhaseCurrents available_a{};  // limit - margin on each existing phase
};

struct SitePlan {
    std::vector<ConnectorPlan> connectors{};  // same order as SiteState::connectors
    std::vector<CircuitLoad> circuits{};      // same order as SiteState::circuits
};

SitePlan plan_site(const SiteState& site, const SchedulerOptions& options = {});

// The failsafe current of each connector (same order as SiteState::connectors): what its charger may draw
// on its own, without ParkGrid, sent as the TxDefaultProfile at boot. With every connector at its
// failsafe value and the building at its worst expected load, no circuit is over its limit. 0 where a
// circuit's share would be below the connector's minimum current.
std::vector<double> failsafe_limits(const SiteState& site);

// Watches one connector for drawing more than its limit: true once the measured current has exceeded
// limit + tolerance in `readings_needed` consecutive meter readings.
class OverdrawWatch {
public:
    explicit OverdrawWatch(double tolerance_a = 2.0, int readings_needed = 2)
        : tolerance_a_(tolerance_a), readings_needed_(readings_needed) {}

    bool observe(double measured_a, double limit_a) {
        consecutive_ = measured_a > limit_a + tolerance_a_ ? consecutive_ + 1 : 0;
        return consecutive_ >= readings_needed_;
    }

private:
    double tolerance_a_;
    int readings_needed_;
    int consecutive_ = 0;
};

}  // namespace parkgrid::scheduling
