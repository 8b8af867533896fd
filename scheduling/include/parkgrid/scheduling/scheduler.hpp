#pragma once

// The load scheduler: from a SiteState, the current limit of every connector now, and what it expects each
// vehicle to receive by its departure.
//
// Hard rules (always, whatever else happens):
//   * on every circuit and every phase, building load + the sum of the connectors' limits (uncontrolled
//     ones at their rated current, idle ones at their idle budget) <= limit_a - margin_a, and the power
//     limit_kw likewise;
//   * a connector's limit is 0 (paused) or between its minimum and its rated current.
// Goals, in order: priority classes, then deadlines (least laxity first, each session its on-track
// current), then cost (energy the deadline does not need now is planned into cheaper slots before
// departure, with hedges), then fairness (what is left is shared out evenly). Headroom a vehicle does not
// use (it draws less than its limit) goes to others. Stability: a limit moves by less than
// `change_threshold_a` never, and at most `max_changes_per_hour` times an hour, not counting the first
// limit of a transaction and decreases the hard rules need. docs/load-management.md has the whole story.

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::scheduling {

struct SchedulerOptions {
    Seconds slot_length = 900;         // planning resolution
    Seconds horizon = 24 * 3600;       // nothing is planned beyond this
    Seconds default_dwell = 8 * 3600;  // departure assumed when a session's departure is in the past
    double change_threshold_a = 1.0;   // smaller changes are not sent
    // Changes of one connector's limit, unless the hard rules need it lower: at most this many an hour,
    // and not within this interval of the previous one.
    int max_changes_per_hour = 12;
    Seconds min_change_interval = 30;
    // Energy is moved into cheaper slots only where that keeps a hedge: the vehicle's plan must still end
    // this long before it leaves (or a tenth of its stay, if longer), and slots are filled to at most
    // this share of its rate (vehicles slow down near full, other vehicles arrive).
    Seconds shift_departure_buffer = 1800;
    double shift_rate_share = 0.8;
    double unused_headroom_slack_a = 2.0;  // a vehicle drawing less than its limit keeps measured + this
    // ...when it draws at least this much less than its limit. Smaller than the slack, so a vehicle kept at
    // what it draws plus the slack stays capped, and one that draws its whole limit may want more.
    double unused_headroom_min_gap_a = 1.0;
    Seconds decrease_settle_time = 15;  // how long a lowered limit still counts at its old value
};

enum class LimitReason : std::uint8_t {
    Idle,                 // no session: the idle budget is reserved, no limit is sent
    Uncontrolled,         // counted at its rated current; ParkGrid cannot limit it
    Charging,             // the plan gives it current now
    Deferred,             // its energy is planned into cheaper slots before departure
    CapacityExhausted,    // it needs current but its circuits have less than its minimum left
    BuildingLoadUnknown,  // a circuit on its path has no building load reading and no fallback
    Complete,             // its energy need is met
    Held,                 // kept at its previous limit for stability (threshold, interval or hourly budget)
};

std::string_view to_string(LimitReason reason);

struct ConnectorPlan {
    double limit_a = 0;  // 0, or within [min_current_a, max_current_a]; meaningless for Idle/Uncontrolled
    LimitReason reason = LimitReason::Idle;
    // Whether ParkGrid should send `limit_a` now (it differs from the charger's current limit and the
    // stability rules allow it, or the safety rules demand it).
    bool send = false;
    // The change is not the scheduler's choice: the first limit of a transaction, or a decrease the hard
    // rules need. It does not count against the hourly change budget (ConnectorTracker::limit_sent).
    bool forced = false;
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
// What the scheduler needs to know of a connector's past, kept by the caller (server or simulator) per
// connector: when its limit changed in the last hour, and what its vehicle draws when its limit allows
// more.
class ConnectorTracker {
public:
    // A new session: forgets the vehicle, keeps the change history (the charger is the same).
    void session_started() { vehicle_max_a_.reset(); }
    // A change the scheduler chose; forced ones (ConnectorPlan::forced) are not counted.
    void limit_sent(Seconds at);
    int changes_since(Seconds since) const;
    // A meter reading under `limit_a`: drawing clearly less shows the vehicle's own maximum; drawing the
    // whole limit shows it may take more than was known.
    void vehicle_drew(double measured_a, double limit_a, double gap_a = 1.0);
    std::optional<double> vehicle_max_a() const { return vehicle_max_a_; }

private:
    std::vector<Seconds> changes_;  // the last hour's, oldest first
    std::optional<double> vehicle_max_a_;
};

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
