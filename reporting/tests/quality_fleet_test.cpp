// Data-quality checks of an institution's period figures: check_period_change and check_fleet_consumption.

#include <gtest/gtest.h>

#include "parkgrid/reporting/quality.hpp"
#include "quality_test_support.hpp"

namespace parkgrid::reporting {
namespace {

using testing::count_kind;
using testing::keys_of;
using testing::only_kind;

const QualityLimits kLimits{};

PeriodFigures figures(std::string period, std::int64_t wh, std::int64_t vehicles, std::int64_t chargers) {
    return {std::move(period), wh, vehicles, chargers};
}

// ---- [9] period change ----

TEST(QualityFleetTest, ChangeOfMoreThanTenPercentIsReportedPerFigure) {
    const auto previous = figures("2026-02", 100000, 10, 4);
    const auto current = figures("2026-03", 110001, 8, 4);
    const auto findings = check_period_change(7, previous, current, kLimits);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(keys_of(findings),
              (std::vector<std::string>{"period_change:institution:7:period:2026-03:figure:energy",
                                        "period_change:institution:7:period:2026-03:figure:vehicles"}));
    const Finding& energy = findings[0];
    EXPECT_EQ(energy.kind, finding::kPeriodChange);
    EXPECT_EQ(energy.severity, Severity::Warning);
    EXPECT_EQ(energy.subject.institution_id, 7);
    EXPECT_EQ(energy.subject.period, "2026-03");
    EXPECT_EQ(energy.evidence["figure"], "energy");
    EXPECT_EQ(energy.evidence["previous"].get<std::int64_t>(), 100000);
    EXPECT_EQ(energy.evidence["current"].get<std::int64_t>(), 110001);
    EXPECT_NEAR(energy.evidence["changeShare"].get<double>(), 0.10001, 1e-9);
    EXPECT_NEAR(findings[1].evidence["changeShare"].get<double>(), -0.2, 1e-9);
    EXPECT_EQ(keys_of(check_period_change(7, previous, current, kLimits)), keys_of(findings));
}

TEST(QualityFleetTest, ChangeOfExactlyTenPercentIsNotReported) {
    EXPECT_TRUE(
        check_period_change(7, figures("2026-02", 100000, 10, 10), figures("2026-03", 110000, 11, 9), kLimits)
            .empty());
}

TEST(QualityFleetTest, EmptyPreviousFigureIsSkipped) {
    const auto findings =
        check_period_change(7, figures("2026-02", 0, 0, 2), figures("2026-03", 50000, 5, 3), kLimits);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].evidence["figure"], "chargers");
}

// ---- [10] consumption outliers ----

VehiclePeriod vehicle(std::int64_t id, std::int64_t charged_wh, std::optional<double> distance_km,
                      std::string kind = "BEV", std::int64_t sessions = 5) {
    return {id, std::move(kind), charged_wh, sessions, distance_km};
}

TEST(QualityFleetTest, ConsumptionOutsideThePlausibleRange) {
    // 40.1 and 7.9 kWh/100 km, with too few vehicles for fences.
    const auto findings = check_fleet_consumption(
        7, "2026-03", {vehicle(1, 40100, 100), vehicle(2, 7900, 100), vehicle(3, 15000, 100)}, kLimits);
    ASSERT_EQ(count_kind(findings, finding::kConsumptionOutlier), 2u);
    EXPECT_EQ(keys_of(findings),
              (std::vector<std::string>{"consumption_outlier:institution:7:vehicle:1:period:2026-03",
                                        "consumption_outlier:institution:7:vehicle:2:period:2026-03"}));
    const Finding& high = findings[0];
    EXPECT_EQ(high.severity, Severity::Warning);
    EXPECT_EQ(high.subject.vehicle_id, 1);
    EXPECT_NEAR(high.evidence["kwhPer100km"].get<double>(), 40.1, 1e-9);
    EXPECT_TRUE(high.evidence["outsideRange"].get<bool>());
    EXPECT_TRUE(high.evidence["fences"].is_null());
}

TEST(QualityFleetTest, ConsumptionAtTheRangeLimitsIsPlausible) {
    EXPECT_TRUE(
        check_fleet_consumption(7, "2026-03", {vehicle(1, 40000, 100), vehicle(2, 8000, 100)}, kLimits)
            .empty());
}

TEST(QualityFleetTest, ConsumptionFarFromTheFleetIsAnOutlier) {
    // 15, 16, 17, 18, 30 kWh/100 km: Q1 16, Q3 18, upper fence 21.
    const std::vector<VehiclePeriod> fleet = {vehicle(1, 15000, 100), vehicle(2, 16000, 100),
                                              vehicle(3, 17000, 100), vehicle(4, 18000, 100),
                                              vehicle(5, 30000, 100)};
    const auto findings = check_fleet_consumption(7, "2026-03", fleet, kLimits);
    const Finding* found = only_kind(findings, finding::kConsumptionOutlier);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->subject.vehicle_id, 5);
    EXPECT_FALSE(found->evidence["outsideRange"].get<bool>());
    EXPECT_TRUE(found->evidence["outsideFleet"].get<bool>());
    EXPECT_DOUBLE_EQ(found->evidence["fences"]["q1"].get<double>(), 16);
    EXPECT_DOUBLE_EQ(found->evidence["fences"]["q3"].get<double>(), 18);
    EXPECT_DOUBLE_EQ(found->evidence["fences"]["upper"].get<double>(), 21);
    EXPECT_EQ(findings.size(), 1u);
}

TEST(QualityFleetTest, ConsumptionOnTheFenceIsNoOutlier) {
    const std::vector<VehiclePeriod> fleet = {vehicle(1, 15000, 100), vehicle(2, 16000, 100),
                                              vehicle(3, 17000, 100), vehicle(4, 18000, 100),
                                              vehicle(5, 21000, 100)};
    EXPECT_TRUE(check_fleet_consumption(7, "2026-03", fleet, kLimits).empty());
}

TEST(QualityFleetTest, VehicleBreakingBothRulesIsOneFinding) {
    // Quartiles by interpolation of 15, 16, 17, 18, 45: upper fence 21; 45 is also above 40.
    const std::vector<VehiclePeriod> fleet = {vehicle(1, 15000, 100), vehicle(2, 16000, 100),
                                              vehicle(3, 17000, 100), vehicle(4, 18000, 100),
                                              vehicle(5, 45000, 100)};
    const auto findings = check_fleet_consumption(7, "2026-03", fleet, kLimits);
    const Finding* found = only_kind(findings, finding::kConsumptionOutlier);
    ASSERT_NE(found, nullptr);
    EXPECT_TRUE(found->evidence["outsideRange"].get<bool>());
    EXPECT_TRUE(found->evidence["outsideFleet"].get<bool>());
}

TEST(QualityFleetTest, VehiclesWithoutDistanceOrEnergyHaveNoFigure) {
    EXPECT_TRUE(
        check_fleet_consumption(
            7, "2026-03", {vehicle(1, 90000, std::nullopt), vehicle(2, 0, 100), vehicle(3, 5000, 0)}, kLimits)
            .empty());
}

// ---- [10] plug-in hybrids never charged ----

TEST(QualityFleetTest, PlugInHybridNeverCharged) {
    const auto findings =
        check_fleet_consumption(7, "2026-03",
                                {vehicle(1, 0, 800, "PHEV", 0), vehicle(2, 3000, 200, "PHEV", 1),
                                 vehicle(3, 0, 800, "BEV", 0), vehicle(4, 0, 800, "petrol", 0)},
                                kLimits);
    const Finding* found = only_kind(findings, finding::kPhevNotCharged);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "phev_not_charged:institution:7:vehicle:1:period:2026-03");
    EXPECT_EQ(found->subject.vehicle_id, 1);
    EXPECT_EQ(found->subject.institution_id, 7);
    EXPECT_EQ(found->evidence["sessions"].get<std::int64_t>(), 0);
    // Vehicle 2 (1.5 kWh/100 km) is a consumption outlier, but it was charged.
    EXPECT_EQ(count_kind(findings, finding::kConsumptionOutlier), 1u);
}

}  // namespace
}  // namespace parkgrid::reporting
