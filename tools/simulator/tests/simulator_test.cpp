#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "equal_share_policy.hpp"
#include "experiment.hpp"
#include "fleet.hpp"
#include "optimum_lp.hpp"
#include "parkgrid_policy.hpp"
#include "simulation.hpp"
#include "tariff.hpp"
#include "trace.hpp"

namespace parkgrid::simulator {
namespace {

constexpr scheduling::Seconds kHour = 3600;

// A morning on 8 chargers: ten vehicles arriving 8:00-9:30 and gone by 13:00, so a Debug build runs the
// whole thing in seconds. Chargers 2 and 4 are three-phase (make_site's pattern).
constexpr const char* kMorningTrace =
    R"(arrival,departure,energy_kwh,battery_kwh,phases,max_current_a,priority,charger
28800,43200,20,60,1,32,5,0
29100,41400,25,75,1,32,5,1
29400,45000,30,64,3,16,5,2
29700,39600,8,50,1,16,5,3,0.3
30000,46800,28,70,1,32,5,4
30300,42000,18,40,1,32,8,5
30600,44400,22,60,1,32,5,6
31200,46200,26,58,3,32,5,7
39700,46500,8,45,1,32,5,3
43500,46800,10,52,3,16,5,0
)";

std::vector<Vehicle> morning_vehicles() {
    std::istringstream in(kMorningTrace);
    return read_trace(in, 8);
}

Instance morning(SpikeMode spikes, double ignore_fraction = 0, std::uint64_t seed = 7) {
    InstanceOptions options;
    options.seed = seed;
    options.chargers = 8;
    options.spikes = spikes;
    options.ignore_fraction = ignore_fraction;
    return make_instance(options, morning_vehicles());
}

TEST(Tariff, CoversTheDayWithTheBeijingBands) {
    EXPECT_DOUBLE_EQ(price_at(3 * kHour), 0.30);
    EXPECT_DOUBLE_EQ(price_at(7 * kHour), 0.65);
    EXPECT_DOUBLE_EQ(price_at(10 * kHour), 1.00);
    EXPECT_DOUBLE_EQ(price_at(12 * kHour), 1.30);
    EXPECT_DOUBLE_EQ(price_at(14 * kHour + 3599), 1.00);
    EXPECT_DOUBLE_EQ(price_at(16 * kHour), 0.65);
    EXPECT_DOUBLE_EQ(price_at(19 * kHour), 1.00);
    EXPECT_DOUBLE_EQ(price_at(22 * kHour), 0.65);
    EXPECT_DOUBLE_EQ(price_at(23 * kHour + 30 * 60), 0.30);
    EXPECT_DOUBLE_EQ(price_at(24 * kHour + 12 * kHour), 1.30);  // the next day too
    int minutes = 0;
    for (const auto& band : kTariff) {
        minutes += band.to_minute - band.from_minute;
    }
    EXPECT_EQ(minutes, 24 * 60);
}

TEST(Vehicle, TapersLinearlyAboveEightyPercentToATenth) {
    Vehicle vehicle;
    vehicle.battery_kwh = 50;
    vehicle.initial_soc = 0.5;
    vehicle.energy_kwh = 25;
    vehicle.max_current_a = 32;
    EXPECT_DOUBLE_EQ(vehicle_max_current(vehicle, 10), 32);          // 70%
    EXPECT_DOUBLE_EQ(vehicle_max_current(vehicle, 15), 32);          // 80%
    EXPECT_NEAR(vehicle_max_current(vehicle, 20), 32 * 0.55, 1e-9);  // 90%
    EXPECT_NEAR(vehicle_max_current(vehicle, 24.99), 32 * 0.1, 0.05);
    EXPECT_DOUBLE_EQ(vehicle_max_current(vehicle, 25), 0);  // the driver's target reached
}

TEST(Fleet, IsTheSameForTheSameSeedAndDiffersForAnother) {
    const auto site = make_site(20, 0, 3);
    const auto a = generate_fleet(site, 2, 3);
    const auto b = generate_fleet(site, 2, 3);
    const auto c = generate_fleet(site, 2, 4);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t v = 0; v < a.size(); ++v) {
        EXPECT_EQ(a[v].arrival, b[v].arrival);
        EXPECT_EQ(a[v].energy_kwh, b[v].energy_kwh);
        EXPECT_EQ(a[v].authorisation_delay, b[v].authorisation_delay);
    }
    std::ostringstream text_a, text_c;
    write_trace(text_a, a);
    write_trace(text_c, c);
    EXPECT_NE(text_a.str(), text_c.str());
    for (const auto& vehicle : a) {
        EXPECT_GE(vehicle.authorisation_delay, 5);
        EXPECT_LE(vehicle.authorisation_delay, 30);
        EXPECT_GT(vehicle.departure, vehicle.arrival);
        EXPECT_LE(vehicle.energy_kwh, (1 - vehicle.initial_soc) * vehicle.battery_kwh + 1e-9);
    }
}

TEST(Trace, RoundTripsAndNamesTheBadLine) {
    const auto vehicles = morning_vehicles();
    ASSERT_EQ(vehicles.size(), 10u);
    std::ostringstream out;
    write_trace(out, vehicles);
    std::istringstream in(out.str());
    const auto again = read_trace(in, 8);
    ASSERT_EQ(again.size(), vehicles.size());
    EXPECT_EQ(again[3].departure, vehicles[3].departure);
    EXPECT_NEAR(again[3].initial_soc, vehicles[3].initial_soc, 1e-4);

    std::istringstream bad("header\n0,100,5,40,2,32,5,0\n");
    try {
        read_trace(bad, 8);
        FAIL() << "two phases accepted";
    } catch (const TraceError& error) {
        EXPECT_NE(std::string(error.what()).find("line 2"), std::string::npos);
    }
    std::istringstream overlapping("header\n0,1000,5,40,1,32,5,0\n500,2000,5,40,1,32,5,0\n");
    EXPECT_THROW(read_trace(overlapping, 8), TraceError);
}

TEST(Simulation, UncontrolledDeliversWhatPhysicsAllowsAndTheOptimumBoundsEveryPolicy) {
    const auto instance = morning(SpikeMode::None);
    const auto peak = uncontrolled_peak_a(instance);
    const auto outcome = run_case(instance, 0.45 * peak, {{"uncontrolled", "equal", "edf", "optimum"}});
    const auto* uncontrolled = find_policy(outcome, "uncontrolled");
    ASSERT_NE(uncontrolled, nullptr);
    // Unlimited, vehicle 3 (single phase, 16 A, 8 kWh from 30%: no taper) needs 8 / 3.68 kW = 2.2 h of its
    // 2.75 h plugged in: all of it.
    const auto* optimum = find_policy(outcome, "optimum");
    ASSERT_NE(optimum, nullptr) << (outcome.findings.empty() ? "" : outcome.findings.front());
    for (const auto* name : {"equal", "edf"}) {
        const auto* policy = find_policy(outcome, name);
        ASSERT_NE(policy, nullptr);
        EXPECT_LE(policy->metrics.delivered_kwh, optimum->metrics.delivered_kwh * 1.001) << name;
        EXPECT_GT(policy->metrics.delivered_kwh, 0.3 * optimum->metrics.delivered_kwh) << name;
    }
    EXPECT_LT(optimum->metrics.delivered_kwh, uncontrolled->metrics.delivered_kwh);
}

TEST(Simulation, ChargerFollowsANewLimitOnlyAfterItsLag) {
    auto instance = morning(SpikeMode::None);
    instance.vehicles.resize(1);  // vehicle 0 on charger 0: single phase, 32 A
    Site site = instance.site;
    set_root_limit(site, 1000);
    const BuildingTruth truth(instance.building, site);
    struct OneLimit final : Policy {
        std::string name() const override { return "one-limit"; }
        void step(const ServerView& view, std::vector<LimitSend>& sends) override {
            if (view.now == 30000) {
                sends.push_back({0, 10});
            }
        }
    } policy;
    struct Draw final : SeriesSink {
        std::vector<double> amps;
        void record(scheduling::Seconds now, const std::vector<scheduling::PhaseCurrents>&,
                    const std::vector<scheduling::PhaseCurrents>& charging,
                    const std::vector<double>&) override {
            amps.resize(static_cast<std::size_t>(now) + 1);
            amps.back() =
                (std::max({charging[kRootCircuit][0], charging[kRootCircuit][1], charging[kRootCircuit][2]}));
        }
    } draw;
    const auto lag = site.chargers[0].lag_s;
    const auto run = simulate({&instance, &site, &truth, std::vector<double>(8, 20.0)}, policy, &draw);
    const auto start = instance.vehicles[0].arrival + instance.vehicles[0].authorisation_delay;
    EXPECT_DOUBLE_EQ(draw.amps[static_cast<std::size_t>(start - 1)], 0);
    EXPECT_DOUBLE_EQ(draw.amps[static_cast<std::size_t>(start)], 20);  // the failsafe TxDefaultProfile
    EXPECT_DOUBLE_EQ(draw.amps[static_cast<std::size_t>(30000 + lag - 1)], 20);
    EXPECT_DOUBLE_EQ(draw.amps[static_cast<std::size_t>(30000 + lag)], 10);
    EXPECT_EQ(run.messages, 1u);
    // 20 A then 10 A on one phase at 230 V.
    const double expected =
        energy_kwh(20, 1, 230, static_cast<double>(30000 + lag - start)) +
        energy_kwh(10, 1, 230, static_cast<double>(instance.vehicles[0].departure - 30000 - lag));
    EXPECT_NEAR(run.delivered_kwh[0], expected, 1e-6);
}

// The issue's acceptance: with spikes inside the margin, ParkGrid never puts a circuit over its limit and
// delivers at least what the equal-share baseline does.
// The issue's goal is 99% of the optimum's energy on average; the scheduler reaches about 91% on the sweep
// (docs/load-management.md). This floor catches regressions below today's level on a small instance.
TEST(ParkGridPolicy, StaysWithinEveryLimitAndDeliversMostOfTheOptimum) {
    const auto instance = morning(SpikeMode::WithinMargin);
    ASSERT_FALSE(instance.building.spikes().empty());
    const auto peak = uncontrolled_peak_a(instance);
    for (const double share : {0.35, 0.6}) {
        const auto outcome = run_case(instance, share * peak, {{"parkgrid", "optimum"}});
        const auto* parkgrid = find_policy(outcome, "parkgrid");
        const auto* optimum = find_policy(outcome, "optimum");
        ASSERT_NE(parkgrid, nullptr);
        ASSERT_NE(optimum, nullptr);
        std::string findings;
        for (const auto& finding : outcome.findings) {
            findings += finding + "\n";
        }
        EXPECT_EQ(*parkgrid->metrics.seconds_over_limit, 0) << "at " << share << " of the peak\n" << findings;
        EXPECT_GE(parkgrid->metrics.delivered_kwh, 0.8 * optimum->metrics.delivered_kwh)
            << "at " << share << " of the peak\n"
            << findings;
        EXPECT_LE(parkgrid->metrics.delivered_kwh, optimum->metrics.delivered_kwh * 1.001);
        EXPECT_GT(outcome.plans, 0u);
        EXPECT_GT(parkgrid->run.messages, 0u);
    }
}

TEST(ParkGridPolicy, FlagsAChargerThatIgnoresLimitsAndKeepsTheRestWithinLimits) {
    const auto instance = morning(SpikeMode::WithinMargin, 0.125);
    const auto ignoring = std::find_if(instance.site.chargers.begin(), instance.site.chargers.end(),
                                       [](const ChargerModel& charger) { return charger.ignores_limits; });
    ASSERT_NE(ignoring, instance.site.chargers.end());
    const auto charger = static_cast<std::size_t>(ignoring - instance.site.chargers.begin());
    const auto peak = uncontrolled_peak_a(instance);
    const auto outcome = run_case(instance, 0.35 * peak, {{"parkgrid"}});
    const auto& run = find_policy(outcome, "parkgrid")->run;

    ASSERT_EQ(run.flagged.size(), 1u) << "only the ignoring charger is flagged";
    EXPECT_EQ(run.flagged[0].first, charger);
    scheduling::Seconds start = 0;
    for (const auto& vehicle : instance.vehicles) {
        if (vehicle.charger == charger) {
            start = vehicle.arrival + vehicle.authorisation_delay;
            break;
        }
    }
    // Two meter readings 30 s apart, after the limit had 15 s to take effect.
    EXPECT_LE(run.flagged[0].second, start + 120);
    // Once it is counted at its rating, no circuit goes over its limit again.
    for (const auto& episode : run.overloads) {
        EXPECT_LT(episode.start, run.flagged[0].second + 15)
            << "over " << episode.limit_a << " A on circuit " << episode.circuit << " at t=" << episode.start;
    }
}

}  // namespace
}  // namespace parkgrid::simulator
