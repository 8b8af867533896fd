#pragma once

#include "capacity.hpp"

namespace parkgrid::simulator {

// Baseline: every 15 s, the usable capacity of each circuit phase shared equally (max-min fair) among the
// sessions still wanting energy, each up to its connector's rating. Where a share would fall below the
// 6 A minimum, sessions are paused in a rotating order (the rotation moves every 5 minutes) until the rest
// reach it. No notion of deadlines, prices or the vehicles' own limits.
class EqualSharePolicy final : public PeriodicPolicy {
public:
    using PeriodicPolicy::PeriodicPolicy;
    std::string name() const override { return "equal"; }

protected:
    std::vector<double> plan(const ServerView& view) override;
};

}  // namespace parkgrid::simulator
