#pragma once

// Plain-text tables for the terminal and for docs/load-management.md.

#include <iosfwd>
#include <vector>

#include "experiment.hpp"
#include "instance.hpp"
#include "options.hpp"

namespace parkgrid::simulator {

void print_instance(std::ostream& out, const Options& options, const Instance& instance);
void print_case(std::ostream& out, const CaseOutcome& outcome, double peak_a);

struct SweepRow {
    int percent = 0;
    CaseOutcome outcome{};
};
void print_sweep(std::ostream& out, const std::vector<std::string>& policies,
                 const std::vector<SweepRow>& rows);

}  // namespace parkgrid::simulator
