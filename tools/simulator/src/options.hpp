#pragma once

// parkgrid_sim's command line.

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "instance.hpp"

namespace parkgrid::simulator {

struct Options {
    bool help = false;
    bool help_trace = false;
    InstanceOptions instance{};
    std::optional<std::string> trace{};        // vehicles from this CSV
    std::optional<std::string> write_trace{};  // write the vehicles used as a CSV trace
    double capacity_percent = 50;              // grid connection limit, % of the uncontrolled peak
    std::optional<double> root_limit_a{};      // ...or in amperes per phase
    bool sweep = false;
    std::vector<std::string> policies{};  // empty: all
    std::optional<std::string> csv_day{};
    std::string csv_policy = "parkgrid";
    scheduling::Seconds csv_step = 60;
};

class OptionsError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

Options parse_options(const std::vector<std::string>& args);
std::string help_text();
std::string trace_help_text();

}  // namespace parkgrid::simulator
