#pragma once

// The plan behind the limits: how many amperes each session gets in each slot of the horizon. Built in
// the order of the goals: first every session's energy by its deadline (priority classes, then least
// laxity; ties share evenly), then energy moved into cheaper slots where that changes nobody's total.

#include <cstddef>
#include <vector>

#include "capacity_grid.hpp"
#include "slot_timeline.hpp"

namespace parkgrid::scheduling {

// One session as the planner sees it.
struct PlannedSession {
    std::size_t connector = 0;  // index into SiteState::connectors
    const ConnectorGeometry* where = nullptr;
    double need_kwh = 0;    // infinity when unknown
    Seconds departure = 0;  // as planned
    int priority = 5;
    double rate_a = 0;  // most it can take: rated, or less while it leaves headroom unused
    double min_a = 6;
    bool frozen_now = false;     // its limit is settling: slot 0 is already counted, not planned
    double frozen_a = 0;         // what it has in slot 0 while frozen
    std::vector<double> amps{};  // per slot
};

class EnergyPlan {
public:
    EnergyPlan(const SlotTimeline& timeline, CapacityGrid& grid, const SchedulerOptions& options)
        : timeline_(timeline), grid_(grid), options_(options) {}

    // Fills the slots in deadline order, group by group; returns the sessions in that order.
    std::vector<PlannedSession*> plan_deadlines(std::vector<PlannedSession>& sessions) const;
    // Moves energy from dearer to cheaper slots before each session's departure where there is room, with
    // the hedges of SchedulerOptions.
    void shift_to_cheaper_slots(const std::vector<PlannedSession*>& order) const;
    // Gives the room left now to whoever can use it without paying more: sessions short of their need,
    // then energy planned later at the same price or dearer.
    void use_room_now(const std::vector<PlannedSession*>& order) const;
    double energy_kwh(const PlannedSession& session) const;

private:
    double energy_in(const PlannedSession& session, std::size_t slot) const;
    // In the group's order, each session up to the average current that finishes its need by departure.
    void keep_on_track(std::vector<PlannedSession*>& group, std::size_t slot) const;
    // Evenly, each session up to what finishes its need within the slot.
    void fill_slot_evenly(std::vector<PlannedSession*>& group, std::size_t slot) const;
    void shift_session(PlannedSession& session) const;
    // Moves what it can of `source`'s energy into `target`, up to `target_cap_a` there, leaving both at 0
    // or at least the minimum.
    void move_energy(PlannedSession& session, std::size_t source, std::size_t target,
                     double target_cap_a) const;

    const SlotTimeline& timeline_;
    CapacityGrid& grid_;
    const SchedulerOptions& options_;
};

}  // namespace parkgrid::scheduling
