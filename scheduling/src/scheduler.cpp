#include "parkgrid/scheduling/scheduler.hpp"

#include <algorithm>
#include <cmath>

#include "capacity_grid.hpp"
#include "energy_plan.hpp"
#include "limit_stability.hpp"
#include "site_geometry.hpp"
#include "slot_timeline.hpp"

namespace parkgrid::scheduling {
namespace {

constexpr double kCompleteKwh = 0.001;  // a charging meter's resolution (JJG 1148/1149)

// OCPP limits have one decimal; rounding down keeps a limit within what was reserved.
double to_tenths(double amps) {
    return std::floor(amps * 10.0 + 1e-6) / 10.0;
}

double current_limit(const Connector& connector) {
    return connector.current_limit_a.value_or(connector.max_current_a);
}

// A lowered limit still counts at its old value until the charger had time to follow it.
bool settling(const Connector& connector, Seconds now, const SchedulerOptions& options) {
    return connector.current_limit_a && connector.previous_limit_a &&
           *connector.previous_limit_a > *connector.current_limit_a &&
           now - connector.current_limit_since < options.decrease_settle_time;
}

// Current the vehicle can take: its connector's rating, or what it draws plus some slack when it leaves
// much of its limit unused (tapering near full, or a small on-board charger) or was seen to do so.
double usable_rate(const Connector& connector, const SchedulerOptions& options) {
    const double limit = current_limit(connector);
    const auto& session = *connector.session;
    std::optional<double> drawn;
    if (session.measured_a && limit >= connector.min_current_a &&
        *session.measured_a < limit - options.unused_headroom_min_gap_a) {
        drawn = session.measured_a;
    } else if (session.vehicle_max_a) {
        drawn = session.vehicle_max_a;
    }
    if (drawn) {
        return std::clamp(*drawn + options.unused_headroom_slack_a, connector.min_current_a,
                          connector.max_current_a);
    }
    return connector.max_current_a;
}

bool building_load_known_on_path(const SiteState& site, const ConnectorGeometry& where) {
    return std::all_of(where.path.begin(), where.path.end(), [&site](std::size_t circuit) {
        return circuit < site.building_load.size() && site.building_load[circuit].has_value();
    });
}

// Whether a connector's limit may change now at all: the first limit of a session always may; later ones
// within the hourly budget and not too soon after the previous one.
// Whether the connector still runs on what it had before its session's first limit.
bool is_first_limit(const Connector& connector) {
    return !connector.current_limit_a || !connector.session ||
           connector.current_limit_since <= connector.session->started_at;
}

bool may_change_now(const Connector& connector, Seconds now, const SchedulerOptions& options) {
    if (is_first_limit(connector)) {
        return true;
    }
    return connector.changes_last_hour < options.max_changes_per_hour &&
           now - connector.current_limit_since >= options.min_change_interval;
}

// Whether a change is worth a message: at least the threshold, or a pause or resumption.
bool worth_sending(double current, double target, const SchedulerOptions& options) {
    return std::abs(target - current) >= options.change_threshold_a || (target > 0) != (current > 0);
}

// Budgets ParkGrid does not choose: uncontrolled chargers at their rating and idle connectors at their
// failsafe share in every slot; for planning, settling connectors at their old limit now.
void reserve_fixed_budgets(const SiteState& site, const SchedulerOptions& options,
                           const std::vector<ConnectorGeometry>& geometry, bool settling_too,
                           CapacityGrid& grid) {
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        const auto& where = geometry[i];
        if (connector.mode == ConnectorMode::Uncontrolled) {
            for (std::size_t slot = 0; slot < grid.slots(); ++slot) {
                grid.reserve(slot, where, where.all_phases, where.kw_per_a_all, connector.max_current_a);
            }
        } else if (!connector.session) {
            for (std::size_t slot = 0; slot < grid.slots(); ++slot) {
                grid.reserve(slot, where, where.all_phases, where.kw_per_a_all, connector.idle_budget_a);
            }
        } else if (settling_too && settling(connector, site.now, options)) {
            grid.reserve(0, where, *connector.previous_limit_a);
        }
    }
}

std::vector<PlannedSession> planned_sessions(const SiteState& site, const SchedulerOptions& options,
                                             const std::vector<ConnectorGeometry>& geometry,
                                             std::size_t slots) {
    std::vector<PlannedSession> sessions;
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        if (!connector.session || connector.mode != ConnectorMode::Controlled) {
            continue;
        }
        PlannedSession session;
        session.connector = i;
        session.where = &geometry[i];
        session.need_kwh = std::max(0.0, connector.session->energy_needed_kwh);
        session.departure = planned_departure(*connector.session, site.now, options);
        session.priority = connector.session->priority;
        session.rate_a = usable_rate(connector, options);
        // Limits go out in tenths, rounded down: plan with the minimum rounded up so a limit never ends
        // up below it.
        session.min_a = std::ceil(connector.min_current_a * 10.0 - 1e-6) / 10.0;
        session.frozen_now = settling(connector, site.now, options);
        session.amps.assign(slots, 0.0);
        if (session.frozen_now) {
            session.amps[0] = current_limit(connector);
        }
        sessions.push_back(std::move(session));
    }
    return sessions;
}

LimitReason reason_for(const SiteState& site, const PlannedSession& session, double limit,
                       double expected_kwh, const ConnectorGeometry& where) {
    if (session.need_kwh <= kCompleteKwh) {
        return LimitReason::Complete;
    }
    if (limit > 0) {
        return LimitReason::Charging;
    }
    if (!building_load_known_on_path(site, where)) {
        return LimitReason::BuildingLoadUnknown;
    }
    return expected_kwh > kCompleteKwh ? LimitReason::Deferred : LimitReason::CapacityExhausted;
}

}  // namespace

std::string_view to_string(LimitReason reason) {
    switch (reason) {
        case LimitReason::Idle: return "idle";
        case LimitReason::Uncontrolled: return "uncontrolled";
        case LimitReason::Charging: return "charging";
        case LimitReason::Deferred: return "deferred";
        case LimitReason::CapacityExhausted: return "capacity_exhausted";
        case LimitReason::BuildingLoadUnknown: return "building_load_unknown";
        case LimitReason::Complete: return "complete";
        case LimitReason::Held: return "held";
    }
    return "unknown";
}

SitePlan plan_site(const SiteState& site, const SchedulerOptions& options) {
    const auto geometry = describe_connectors(site);
    const SlotTimeline timeline(site, options);
    CapacityGrid grid(site, timeline.building_load());
    reserve_fixed_budgets(site, options, geometry, true, grid);
    // What the limits of all sessions together must fit into now.
    CapacityGrid now_budget(site, {timeline.building_load().front()});
    reserve_fixed_budgets(site, options, geometry, false, now_budget);

    auto sessions = planned_sessions(site, options, geometry, timeline.size());
    const EnergyPlan plan(timeline, grid, options);
    const auto order = plan.plan_deadlines(sessions);
    plan.shift_to_cheaper_slots(order);
    plan.use_room_now(order);

    SitePlan result;
    result.connectors.resize(site.connectors.size());
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        auto& out = result.connectors[i];
        if (connector.mode == ConnectorMode::Uncontrolled) {
            out.limit_a = connector.max_current_a;
            out.reason = LimitReason::Uncontrolled;
            out.deadline_met = false;
        } else if (!connector.session) {
            out.limit_a = connector.idle_budget_a;
            out.reason = LimitReason::Idle;
        }
    }

    std::vector<LimitChange> changes;
    std::vector<bool> first_limits(site.connectors.size(), false);
    for (const auto& session : sessions) {
        const auto& connector = site.connectors[session.connector];
        const double target = session.frozen_now ? current_limit(connector) : to_tenths(session.amps[0]);
        const double expected = plan.energy_kwh(session);
        auto& out = result.connectors[session.connector];
        out.expected_energy_kwh = expected;
        out.deadline_met = !std::isinf(session.need_kwh) && expected >= session.need_kwh - kCompleteKwh;
        out.reason = reason_for(site, session, target, expected, *session.where);
        LimitChange change;
        change.connector = session.connector;
        change.where = session.where;
        change.current_a = current_limit(connector);
        change.drawing_a =
            settling(connector, site.now, options) ? *connector.previous_limit_a : change.current_a;
        change.target_a = target;
        change.may_change = !session.frozen_now && may_change_now(connector, site.now, options) &&
                            worth_sending(change.current_a, target, options);
        first_limits[session.connector] = is_first_limit(connector);
        changes.push_back(change);
    }
    settle_changes(changes, now_budget);
    for (const auto& change : changes) {
        auto& out = result.connectors[change.connector];
        out.limit_a = change.sent_a;
        out.send = change.send;
        out.forced = change.send && (change.forced || first_limits[change.connector]);
        if (!change.send && change.sent_a != change.target_a) {
            out.reason = LimitReason::Held;
        }
    }

    // What each circuit carries with the limits as sent.
    CapacityGrid after = now_budget;
    for (const auto& change : changes) {
        after.reserve(0, *change.where, change.sent_a);
    }
    result.circuits.resize(site.circuits.size());
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        const auto& circuit = site.circuits[c];
        auto& load = result.circuits[c];
        const auto& building = timeline.building_load().front()[c];
        for (std::size_t phase = 0; phase < kGridPhases; ++phase) {
            if (static_cast<int>(phase) >= circuit.phases) {
                continue;
            }
            load.available_a[phase] = circuit.limit_a - circuit.margin_a;
            load.building_a[phase] = building ? (*building)[phase] : load.available_a[phase];
            load.charging_a[phase] = load.available_a[phase] - load.building_a[phase] -
                                     after.phase_room(0, c, static_cast<int>(phase));
        }
    }
    return result;
}

}  // namespace parkgrid::scheduling
