// Pure rules of the load-management API: phase wiring and the daily coverage of time-of-use tariffs.

#include <gtest/gtest.h>

#include "api/phase_wiring.hpp"
#include "api/tariff_coverage.hpp"

namespace parkgrid::server::api {
namespace {

using storage::TariffPeriod;

TEST(PhaseWiringTest, SinglePhaseChargersSitOnOneGridPhase) {
    for (const char* wiring : {"L1", "L2", "L3"}) {
        EXPECT_TRUE(is_phase_wiring(1, wiring)) << wiring;
    }
    for (const char* wiring : {"L4", "L1L2L3", "", "l1", "N"}) {
        EXPECT_FALSE(is_phase_wiring(1, wiring)) << wiring;
    }
    EXPECT_EQ(default_phase_wiring(1), "L1");
}

TEST(PhaseWiringTest, ThreePhaseChargersArePermutationsOfTheGridPhases) {
    for (const char* wiring : {"L1L2L3", "L1L3L2", "L2L1L3", "L2L3L1", "L3L1L2", "L3L2L1"}) {
        EXPECT_TRUE(is_phase_wiring(3, wiring)) << wiring;
    }
    for (const char* wiring : {"L1", "L1L1L2", "L1L2", "L1L2L3L1", "L1L2L4", "l1l2l3", "L1-L2-L3"}) {
        EXPECT_FALSE(is_phase_wiring(3, wiring)) << wiring;
    }
    EXPECT_FALSE(is_phase_wiring(2, "L1L2"));
    EXPECT_EQ(default_phase_wiring(3), "L1L2L3");
}

TEST(TariffCoverageTest, NoPeriodsIsNoTariff) {
    EXPECT_EQ(tariff_coverage_problem({}), std::nullopt);
}

TEST(TariffCoverageTest, PeriodsThatCoverTheDayOnceAreAccepted) {
    EXPECT_EQ(tariff_coverage_problem({{"valley", "23:00", "07:00", 0.3},
                                       {"flat", "07:00", "10:00", 0.7},
                                       {"peak", "10:00", "15:00", 1.1},
                                       {"flat", "15:00", "18:00", 0.7},
                                       {"sharp_peak", "18:00", "21:00", 1.4},
                                       {"flat", "21:00", "23:00", 0.7}}),
              std::nullopt);
    EXPECT_EQ(tariff_coverage_problem({{"flat", "00:00", "00:00", 0.6}}), std::nullopt)
        << "one all-day period";
    EXPECT_EQ(tariff_coverage_problem({{"peak", "08:00", "20:00", 1}, {"valley", "20:00", "08:00", 0.3}}),
              std::nullopt);
    EXPECT_EQ(tariff_coverage_problem({{"peak", "08:30", "20:15", 1}, {"valley", "20:15", "08:30", 0.3}}),
              std::nullopt);
}

TEST(TariffCoverageTest, AGapIsNamedWithItsTimes) {
    EXPECT_EQ(tariff_coverage_problem({{"peak", "08:00", "20:00", 1}, {"valley", "21:00", "08:00", 0.3}}),
              "no period covers 20:00-21:00; the periods must cover the whole day, each minute once");
    // A gap across midnight is named whole.
    const auto across = tariff_coverage_problem({{"peak", "06:00", "22:00", 1}});
    ASSERT_TRUE(across);
    EXPECT_TRUE(across->starts_with("no period covers 22:00-06:00")) << *across;
}

TEST(TariffCoverageTest, AKindHasOnePrice) {
    EXPECT_EQ(
        tariff_coverage_problem({{"flat", "08:00", "12:00", 0.7},
                                 {"flat", "12:00", "20:00", 0.8},
                                 {"valley", "20:00", "08:00", 0.3}}),
        "periods[0] (08:00-12:00) and periods[1] (12:00-20:00) are both flat at different prices; a kind "
        "has one price");
}

TEST(TariffCoverageTest, AnOverlapNamesBothPeriods) {
    const auto problem = tariff_coverage_problem(
        {{"peak", "08:00", "20:00", 1}, {"valley", "19:00", "08:00", 0.3}, {"flat", "20:00", "19:00", 0.5}});
    ASSERT_TRUE(problem);
    EXPECT_EQ(*problem, "periods[0] (08:00-20:00) and periods[1] (19:00-08:00) overlap at 19:00");
    EXPECT_TRUE(tariff_coverage_problem({{"flat", "00:00", "00:00", 1}, {"peak", "08:00", "09:00", 2}}))
        << "an all-day period leaves room for nothing else";
}

}  // namespace
}  // namespace parkgrid::server::api
