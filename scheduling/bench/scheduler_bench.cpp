// Times a full recompute: plan_site for every site of a large installation, as the server would run it
// after a restart or a tariff change. 1,000 sites of 10 connectors (10,000 connectors) on two- and
// three-level circuit trees, with a seeded mix of idle, preparing, charging, settling and uncontrolled
// connectors, single- and three-phase vehicles, priorities, departures from minutes to a day away.
//
// Build and run (Release, or the figures mean nothing):
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-bench --target parkgrid_scheduler_bench
//   build-bench/scheduling/bench/parkgrid_scheduler_bench [--sites N] [--connectors N] [--repetitions N]
//                                                        [--seed N]
// Prints the median and p99 of one site's plan_site and of a whole sweep over all sites, in ms.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "parkgrid/scheduling/scheduler.hpp"

namespace {

using namespace parkgrid::scheduling;

constexpr Seconds kHour = 3600;
// Monday 08:00 local at the simulated epoch's day 0, as in the simulator.
constexpr Seconds kNow = 8 * kHour + 17 * 60;

struct Settings {
    std::size_t sites = 1000;
    std::size_t connectors = 10;
    int repetitions = 20;
    std::uint64_t seed = 1;
};

// The simulator's Beijing-like time-of-use bands, so the planner has cheap slots to shift into.
double price(Seconds at) {
    const double hour = static_cast<double>(((at % (24 * kHour)) + 24 * kHour) % (24 * kHour)) / kHour;
    if (hour < 7 || hour >= 23) {
        return 0.30;
    }
    if (hour >= 11 && hour < 13) {
        return 1.30;
    }
    if ((hour >= 10 && hour < 15) || (hour >= 18 && hour < 21)) {
        return 1.00;
    }
    return 0.65;
}

// An office profile: a share of each circuit's limit, higher during the day.
BuildingLoadAt forecast(std::vector<double> base_a) {
    return [base = std::move(base_a)](std::size_t circuit, Seconds at) -> std::optional<PhaseCurrents> {
        const double hour = static_cast<double>(at % (24 * kHour)) / kHour;
        const double level = hour >= 8 && hour < 18 ? 1.0 : 0.4;
        const double amps = base[circuit] * level;
        return PhaseCurrents{amps, amps * 0.9, amps * 1.1};
    };
}

SiteState make_site(std::mt19937_64& rng, std::size_t connectors) {
    std::uniform_real_distribution<double> unit(0, 1);
    SiteState site;
    site.now = kNow;
    const double root_limit = 60 + 80 * unit(rng);
    site.circuits.push_back({.id = 1, .parent = std::nullopt, .limit_a = root_limit, .margin_a = 5});
    // Two boards; half the sites have a third level under the first board.
    site.circuits.push_back({.id = 2, .parent = 0, .limit_a = 0.7 * root_limit, .margin_a = 2});
    site.circuits.push_back({.id = 3, .parent = 0, .limit_a = 0.6 * root_limit, .margin_a = 2});
    if (unit(rng) < 0.5) {
        site.circuits.push_back({.id = 4, .parent = 1, .limit_a = 0.4 * root_limit, .margin_a = 1});
    }
    std::vector<double> base;
    for (const auto& circuit : site.circuits) {
        base.push_back(circuit.parent ? 0.05 * circuit.limit_a : 0.15 * circuit.limit_a);
    }
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        site.building_load.push_back(*forecast(base)(c, site.now));
    }
    site.building_load_forecast = forecast(base);
    site.price_per_kwh = price;

    for (std::size_t i = 0; i < connectors; ++i) {
        Connector connector;
        connector.charger_id = "CP" + std::to_string(i + 1);
        connector.circuit =
            1 + static_cast<std::size_t>(unit(rng) * static_cast<double>(site.circuits.size() - 1));
        if (unit(rng) < 0.6) {
            connector.phases = 1;
            connector.max_current_a = 32;
            const int phase = static_cast<int>(i % 3);
            connector.wiring = {phase, (phase + 1) % 3, (phase + 2) % 3};
        } else {
            connector.phases = 3;
            connector.max_current_a = 16;
        }
        const double kind = unit(rng);
        if (kind < 0.15) {
            // idle
        } else if (kind < 0.22) {
            connector.idle_budget_a = 6;  // preparing
        } else if (kind < 0.25) {
            connector.mode = ConnectorMode::Uncontrolled;
        } else {
            Session session;
            session.energy_needed_kwh =
                unit(rng) < 0.05 ? std::numeric_limits<double>::infinity() : 2 + 40 * unit(rng);
            session.departure = kNow + static_cast<Seconds>((0.2 + 14 * unit(rng)) * kHour);
            session.priority = unit(rng) < 0.1 ? 8 : 5;
            session.started_at = kNow - static_cast<Seconds>(unit(rng) * 2 * kHour);
            session.vehicle_phases = unit(rng) < 0.3 ? 0 : (unit(rng) < 0.5 ? 1 : 3);
            connector.current_limit_a = std::round(6 + (connector.max_current_a - 6) * unit(rng));
            connector.current_limit_since = kNow - static_cast<Seconds>(unit(rng) * 900);
            if (unit(rng) < 0.2) {
                connector.previous_limit_a = connector.max_current_a;  // a decrease still settling
                connector.current_limit_since = kNow - 5;
            }
            if (unit(rng) < 0.8) {
                session.measured_a = *connector.current_limit_a * (unit(rng) < 0.2 ? 0.5 : 1.0);
            }
            connector.session = session;
        }
        site.connectors.push_back(std::move(connector));
    }
    return site;
}

double percentile(std::vector<double> values, double share) {
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(share * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (i + 1 >= argc) {
            std::fprintf(stderr, "usage: %s [--sites N] [--connectors N] [--repetitions N] [--seed N]\n",
                         argv[0]);
            std::exit(2);
        }
        const auto value = std::strtoull(argv[++i], nullptr, 10);
        if (flag == "--sites") {
            settings.sites = value;
        } else if (flag == "--connectors") {
            settings.connectors = value;
        } else if (flag == "--repetitions") {
            settings.repetitions = static_cast<int>(value);
        } else if (flag == "--seed") {
            settings.seed = value;
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            std::exit(2);
        }
    }
    if (settings.sites == 0 || settings.connectors == 0 || settings.repetitions < 1) {
        std::fprintf(stderr, "--sites, --connectors and --repetitions must be positive\n");
        std::exit(2);
    }
    return settings;
}

}  // namespace

int main(int argc, char** argv) {
    const auto settings = parse(argc, argv);
    std::mt19937_64 rng(settings.seed);
    std::vector<SiteState> sites;
    for (std::size_t s = 0; s < settings.sites; ++s) {
        sites.push_back(make_site(rng, settings.connectors));
    }

    using Clock = std::chrono::steady_clock;
    const auto ms = [](Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); };
    std::vector<double> per_site;
    std::vector<double> per_sweep;
    std::size_t sends = 0;
    for (int rep = 0; rep < settings.repetitions; ++rep) {
        const auto sweep_start = Clock::now();
        for (const auto& site : sites) {
            const auto start = Clock::now();
            const auto plan = plan_site(site);
            per_site.push_back(ms(Clock::now() - start));
            for (const auto& connector : plan.connectors) {
                sends += connector.send ? 1 : 0;  // keeps the plan observable
            }
        }
        per_sweep.push_back(ms(Clock::now() - sweep_start));
    }
    std::printf("plan_site on %zu sites x %zu connectors, %d repetitions (%zu limits to send per sweep)\n",
                settings.sites, settings.connectors, settings.repetitions,
                sends / static_cast<std::size_t>(settings.repetitions));
    std::printf("per site:           median %8.3f ms   p99 %8.3f ms   max %8.3f ms\n",
                percentile(per_site, 0.5), percentile(per_site, 0.99), percentile(per_site, 1.0));
    std::printf("per full recompute: median %8.1f ms   p99 %8.1f ms   max %8.1f ms\n",
                percentile(per_sweep, 0.5), percentile(per_sweep, 0.99), percentile(per_sweep, 1.0));
    return 0;
}
