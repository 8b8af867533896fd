#include "options.hpp"

#include <algorithm>
#include <charconv>

#include "experiment.hpp"

namespace parkgrid::simulator {

namespace {

template <typename Number>
Number parse_number(const std::string& flag, const std::string& text) {
    Number value{};
    const auto* end = text.data() + text.size();
    const auto [ptr, error] = std::from_chars(text.data(), end, value);
    if (error != std::errc{} || ptr != end) {
        throw OptionsError(flag + ": not a number: '" + text + "'");
    }
    return value;
}

std::vector<std::string> split_list(const std::string& text) {
    std::vector<std::string> items;
    std::size_t from = 0;
    while (from <= text.size()) {
        const auto comma = std::min(text.find(',', from), text.size());
        items.push_back(text.substr(from, comma - from));
        from = comma + 1;
    }
    return items;
}

}  // namespace

std::string help_text() {
    return R"(usage: parkgrid_sim [options]

Simulates one car park second by second under several load-management policies on the same seeded
instance and prints, per policy, the energy delivered, vehicles served, cost and seconds over a circuit
limit. Output is the same for the same options; timings go to stderr.

Instance:
  --seed N                 seed of every random choice (default 1)
  --chargers N             chargers on the site (default 20; 60% 7 kW single-phase, 40% 11 kW three-phase)
  --days N                 days of generated vehicles (default 1); the run ends when the last one leaves
  --trace FILE             vehicles from a CSV trace instead of the generator (format: --help-trace)
  --write-trace FILE       write the vehicles of this run as a trace
  --spikes MODE            building-load spikes: none, within-margin (default) or over-margin
  --ignore-fraction F      share of chargers that ignore limits (default 0)
Grid connection:
  --capacity PCT           root limit as % of the uncontrolled peak per phase (default 50)
  --root-limit A           root limit in amperes per phase (overrides --capacity)
  --sweep                  run the capacities 20%, 30%, ... 100% and print one row each
Policies:
  --policies LIST          comma-separated, of uncontrolled,equal,edf,parkgrid,optimum (default all)
Series:
  --csv-day FILE           per-step series of one run (time, root building and charging load per phase,
                           limit, price, energy of every vehicle), and FILE's -vehicles.csv companion
                           (requested and delivered energy per vehicle)
  --csv-policy NAME        whose run goes into --csv-day (default parkgrid)
  --csv-step S             seconds between rows (default 60; 1 for every second)
  --help                   this text
  --help-trace             the trace format
)";
}

std::string trace_help_text() {
    return R"(Trace format (--trace FILE): CSV, a header line, then one vehicle per line:

  arrival,departure,energy_kwh,battery_kwh,phases,max_current_a,priority,charger[,initial_soc]

  arrival, departure  seconds since midnight (local time) of the first simulated day; arrival is the
                      plug-in (the connector reports Preparing; the RFID wait of 5-30 s is seeded)
  energy_kwh          what the driver asks for (capped at what the battery can take)
  battery_kwh         battery capacity
  phases              1 or 3: phases the vehicle charges on (a charger with fewer limits it)
  max_current_a       the vehicle's maximum per phase (6..63); above 80% state of charge it falls
                      linearly to 10% of this at 100%
  priority            0..10, higher first (the scheduler's priority classes)
  charger             index of the charger, 0 .. --chargers - 1; one vehicle at a time per charger
  initial_soc         optional, 0..1; by default the request ends at 90% (or 100% if it is larger)

Lines starting with # are ignored. The run starts a minute before the first arrival and ends a
minute after the last departure. --write-trace writes the generated vehicles in this format.
)";
}

Options parse_options(const std::vector<std::string>& args) {
    Options options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& flag = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) {
                throw OptionsError(flag + " needs a value");
            }
            return args[++i];
        };
        if (flag == "--help" || flag == "-h") {
            options.help = true;
        } else if (flag == "--help-trace") {
            options.help_trace = true;
        } else if (flag == "--seed") {
            options.instance.seed = parse_number<std::uint64_t>(flag, value());
        } else if (flag == "--chargers") {
            options.instance.chargers = parse_number<std::size_t>(flag, value());
            if (options.instance.chargers < 1 || options.instance.chargers > 500) {
                throw OptionsError("--chargers must be within 1..500");
            }
        } else if (flag == "--days") {
            options.instance.days = parse_number<int>(flag, value());
            if (options.instance.days < 1 || options.instance.days > 31) {
                throw OptionsError("--days must be within 1..31");
            }
        } else if (flag == "--trace") {
            options.trace = value();
        } else if (flag == "--write-trace") {
            options.write_trace = value();
        } else if (flag == "--spikes") {
            const auto& mode = value();
            if (mode == "none") {
                options.instance.spikes = SpikeMode::None;
            } else if (mode == "within-margin") {
                options.instance.spikes = SpikeMode::WithinMargin;
            } else if (mode == "over-margin") {
                options.instance.spikes = SpikeMode::OverMargin;
            } else {
                throw OptionsError("--spikes must be none, within-margin or over-margin");
            }
        } else if (flag == "--ignore-fraction") {
            options.instance.ignore_fraction = parse_number<double>(flag, value());
            if (options.instance.ignore_fraction < 0 || options.instance.ignore_fraction > 1) {
                throw OptionsError("--ignore-fraction must be within 0..1");
            }
        } else if (flag == "--capacity") {
            options.capacity_percent = parse_number<double>(flag, value());
            if (options.capacity_percent <= 0) {
                throw OptionsError("--capacity must be above 0");
            }
        } else if (flag == "--root-limit") {
            options.root_limit_a = parse_number<double>(flag, value());
            if (*options.root_limit_a <= 0) {
                throw OptionsError("--root-limit must be above 0");
            }
        } else if (flag == "--sweep") {
            options.sweep = true;
        } else if (flag == "--policies") {
            options.policies = split_list(value());
            for (const auto& policy : options.policies) {
                if (std::find(kAllPolicies.begin(), kAllPolicies.end(), policy) == kAllPolicies.end()) {
                    throw OptionsError("--policies: unknown policy '" + policy + "'");
                }
            }
        } else if (flag == "--csv-day") {
            options.csv_day = value();
        } else if (flag == "--csv-policy") {
            options.csv_policy = value();
            if (std::find(kAllPolicies.begin(), kAllPolicies.end(), options.csv_policy) ==
                    kAllPolicies.end() ||
                options.csv_policy == "optimum") {
                throw OptionsError("--csv-policy must be a simulated policy (not optimum)");
            }
        } else if (flag == "--csv-step") {
            options.csv_step = parse_number<scheduling::Seconds>(flag, value());
            if (options.csv_step < 1) {
                throw OptionsError("--csv-step must be at least 1");
            }
        } else {
            throw OptionsError("unknown option '" + flag + "' (see --help)");
        }
    }
    if (options.policies.empty()) {
        options.policies = kAllPolicies;
    }
    if (options.csv_day && std::find(options.policies.begin(), options.policies.end(), options.csv_policy) ==
                               options.policies.end()) {
        throw OptionsError("--csv-policy " + options.csv_policy + " is not among --policies");
    }
    if (options.sweep && options.csv_day) {
        throw OptionsError("--csv-day records one run: not with --sweep");
    }
    return options;
}

}  // namespace parkgrid::simulator
