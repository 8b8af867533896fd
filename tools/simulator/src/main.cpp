#include <chrono>
#include <fstream>
#include <iostream>

#include "day_series.hpp"
#include "experiment.hpp"
#include "options.hpp"
#include "report.hpp"
#include "trace.hpp"

namespace {

using namespace parkgrid::simulator;

std::optional<std::vector<Vehicle>> load_trace(const Options& options) {
    if (!options.trace) {
        return std::nullopt;
    }
    std::ifstream in(*options.trace);
    if (!in) {
        throw OptionsError("cannot read " + *options.trace);
    }
    return read_trace(in, options.instance.chargers);
}

void print_timing(const CaseOutcome& outcome, const char* label) {
    std::cerr << "timing" << label << ":";
    for (const auto& policy : outcome.policies) {
        std::cerr << ' ' << policy.metrics.policy << ' ' << policy.wall_seconds << " s;";
    }
    std::cerr << " plan_site calls " << outcome.plans << ", "
              << (outcome.plans ? 1e3 * outcome.planning_seconds / static_cast<double>(outcome.plans) : 0.0)
              << " ms each\n";
}

int run(const Options& options) {
    const auto started = std::chrono::steady_clock::now();
    const auto instance = make_instance(options.instance, load_trace(options));
    if (options.write_trace) {
        std::ofstream out(*options.write_trace);
        write_trace(out, instance.vehicles);
    }
    print_instance(std::cout, options, instance);
    const double peak = uncontrolled_peak_a(instance);
    CaseSettings settings;
    settings.policies = options.policies;

    if (options.sweep) {
        std::vector<SweepRow> rows;
        for (int percent = 20; percent <= 100; percent += 10) {
            rows.push_back({percent, run_case(instance, peak * percent / 100.0, settings)});
            print_timing(rows.back().outcome, (" at " + std::to_string(percent) + "%").c_str());
        }
        std::cout << "Uncontrolled peak at the grid connection: " << peak << " A per phase\n\n";
        print_sweep(std::cout, options.policies, rows);
    } else {
        const double limit =
            options.root_limit_a ? *options.root_limit_a : peak * options.capacity_percent / 100.0;
        std::optional<DaySeries> series;
        Site site = instance.site;
        set_root_limit(site, limit);
        if (options.csv_day) {
            series.emplace(*options.csv_day, instance, site, options.csv_step);
            settings.series = &*series;
            settings.series_policy = options.csv_policy;
        }
        const auto outcome = run_case(instance, limit, settings);
        print_timing(outcome, "");
        std::cout << '\n';
        print_case(std::cout, outcome, peak);
        if (series) {
            if (const auto* recorded = find_policy(outcome, options.csv_policy)) {
                series->write_vehicles(recorded->run);
            }
        }
    }
    std::cerr << "total " << std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()
              << " s\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const auto options = parse_options(std::vector<std::string>(argv + 1, argv + argc));
        if (options.help) {
            std::cout << help_text();
            return 0;
        }
        if (options.help_trace) {
            std::cout << trace_help_text();
            return 0;
        }
        return run(options);
    } catch (const OptionsError& error) {
        std::cerr << "parkgrid_sim: " << error.what() << '\n';
        return 2;
    } catch (const TraceError& error) {
        std::cerr << "parkgrid_sim: " << error.what() << '\n';
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "parkgrid_sim: " << error.what() << '\n';
        return 1;
    }
}
