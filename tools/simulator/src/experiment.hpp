#pragma once

// Running the policies side by side on one instance at one grid-connection limit, and the capacity sweep.

#include <string>
#include <vector>

#include "instance.hpp"
#include "metrics.hpp"
#include "simulation.hpp"

namespace parkgrid::simulator {

inline const std::vector<std::string> kAllPolicies{"uncontrolled", "equal", "edf", "parkgrid", "optimum"};

struct CaseSettings {
    std::vector<std::string> policies = kAllPolicies;
    std::string series_policy = "parkgrid";  // whose run feeds `series`
    SeriesSink* series = nullptr;
};

struct PolicyOutcome {
    Metrics metrics{};
    RunResult run{};  // empty for the optimum
    double wall_seconds = 0;
};

struct CaseOutcome {
    double root_limit_a = 0;
    Site site{};  // with this case's limits
    std::vector<PolicyOutcome> policies{};
    // Anything worth a human's look: the scheduler breaking a rule, overloads, flagged chargers, LP trouble.
    std::vector<std::string> findings{};
    std::size_t plans = 0;  // plan_site calls in the ParkGrid run
    double planning_seconds = 0;
};

// The highest per-phase load at the grid connection (building without spikes + every vehicle at its
// maximum), max over phases: the 100% of the sweep.
double uncontrolled_peak_a(const Instance& instance);

CaseOutcome run_case(const Instance& instance, double root_limit_a, const CaseSettings& settings = {});

const PolicyOutcome* find_policy(const CaseOutcome& outcome, const std::string& policy);

}  // namespace parkgrid::simulator
