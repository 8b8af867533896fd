#include <algorithm>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::scheduling {
namespace {

constexpr Seconds kHistory = 3600;

}  // namespace

void ConnectorTracker::limit_sent(Seconds at) {
    std::erase_if(changes_, [at](Seconds change) { return change <= at - kHistory; });
    changes_.push_back(at);
}

int ConnectorTracker::changes_since(Seconds since) const {
    return static_cast<int>(
        std::count_if(changes_.begin(), changes_.end(), [since](Seconds at) { return at > since; }));
}

void ConnectorTracker::vehicle_drew(double measured_a, double limit_a, double gap_a) {
    if (limit_a <= 0) {
        return;  // paused: says nothing about the vehicle
    }
    if (measured_a < limit_a - gap_a) {
        vehicle_max_a_ = measured_a;
    } else if (vehicle_max_a_ && measured_a > *vehicle_max_a_ + gap_a) {
        vehicle_max_a_.reset();  // it takes more than we thought: its maximum is unknown again
    }
}

}  // namespace parkgrid::scheduling
