#pragma once

// The planning horizon cut into slots: slot 0 runs from now to the next slot boundary (so slots line up
// with time-of-use periods), every later slot is SchedulerOptions::slot_length long.

#include <cstddef>
#include <optional>
#include <vector>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::scheduling {

class SlotTimeline {
public:
    SlotTimeline(const SiteState& site, const SchedulerOptions& options);

    std::size_t size() const { return starts_.size(); }
    Seconds start(std::size_t slot) const { return starts_[slot]; }
    Seconds end(std::size_t slot) const { return slot + 1 < starts_.size() ? starts_[slot + 1] : end_; }
    double price(std::size_t slot) const { return prices_[slot]; }
    // Hours of `slot` before `departure`.
    double hours_before(std::size_t slot, Seconds departure) const;
    // Building load per slot and circuit: live now, then the forecast where there is one.
    const std::vector<std::vector<std::optional<PhaseCurrents>>>& building_load() const { return building_; }

private:
    std::vector<Seconds> starts_;
    Seconds end_ = 0;
    std::vector<double> prices_;
    std::vector<std::vector<std::optional<PhaseCurrents>>> building_;
};

// A session's departure as planned: one in the past means the vehicle overstays, so it is assumed to stay
// for the default dwell time from now.
Seconds planned_departure(const Session& session, Seconds now, const SchedulerOptions& options);

}  // namespace parkgrid::scheduling
