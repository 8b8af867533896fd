#pragma once

#include "capacity.hpp"

namespace parkgrid::simulator {

// Baseline: plain earliest-deadline-first. Every 15 s, sessions in departure order each take up to their
// connector's rating from what their circuits have left (or nothing if that is below the minimum). No
// valley shifting, no stability rules, no use of meter readings beyond the energy count.
class EdfPolicy final : public PeriodicPolicy {
public:
    using PeriodicPolicy::PeriodicPolicy;
    std::string name() const override { return "edf"; }

protected:
    std::vector<double> plan(const ServerView& view) override;
};

}  // namespace parkgrid::simulator
