#include "parkgrid/reporting/factors.hpp"

#include <gtest/gtest.h>

namespace parkgrid::reporting {
namespace {

Factor factor(std::string_view kind, double value, int year, bool own = false) {
    Factor result;
    result.kind = std::string(kind);
    result.value = value;
    result.year = year;
    result.source = "test";
    result.institution_specific = own;
    return result;
}

const std::vector<Factor> kDefaults = {
    factor(factor_kind::kCoal, 0.1229, 2020),         factor(factor_kind::kGridCo2, 0.5568, 2021),
    factor(factor_kind::kGridCo2, 0.5366, 2022),      factor(factor_kind::kGridCo2, 0.5306, 2023),
    factor(factor_kind::kPetrolReference, 8.0, 2024), factor(factor_kind::kEvReference, 15.0, 2024),
    factor(factor_kind::kPetrolCo2, 2.27, 2006),      factor(factor_kind::kPetrolCoal, 1.0888, 2020),
};

TEST(FactorTest, PicksTheNewestFactorNotAfterTheYear) {
    EXPECT_DOUBLE_EQ(pick_factor({}, kDefaults, factor_kind::kGridCo2, 2022)->value, 0.5366);
    EXPECT_DOUBLE_EQ(pick_factor({}, kDefaults, factor_kind::kGridCo2, 2026)->value, 0.5306);
    // Figures older than every factor use the oldest one.
    EXPECT_DOUBLE_EQ(pick_factor({}, kDefaults, factor_kind::kGridCo2, 2019)->value, 0.5568);
    EXPECT_FALSE(pick_factor({}, {}, factor_kind::kGridCo2, 2026));
}

TEST(FactorTest, AnInstitutionsOwnFactorWins) {
    const std::vector<Factor> own = {factor(factor_kind::kGridCo2, 0.5500, 2023, true)};  // East China grid
    const auto picked = pick_factor(own, kDefaults, factor_kind::kGridCo2, 2026);
    EXPECT_DOUBLE_EQ(picked->value, 0.5500);
    EXPECT_TRUE(picked->institution_specific);
    EXPECT_DOUBLE_EQ(pick_factor(own, kDefaults, factor_kind::kCoal, 2026)->value, 0.1229);
}

TEST(FactorTest, AnOwnFactorForALaterYearLeavesEarlierYearsToTheDefaults) {
    const std::vector<Factor> own = {factor(factor_kind::kGridCo2, 0.6000, 2027, true)};
    EXPECT_DOUBLE_EQ(pick_factor(own, kDefaults, factor_kind::kGridCo2, 2026)->value, 0.5306);
    EXPECT_DOUBLE_EQ(pick_factor(own, kDefaults, factor_kind::kGridCo2, 2027)->value, 0.6000);
    // Older than every factor: the oldest there is, the institution's on a tie.
    EXPECT_DOUBLE_EQ(pick_factor(own, kDefaults, factor_kind::kGridCo2, 2019)->value, 0.5568);
    const std::vector<Factor> own_2021 = {factor(factor_kind::kGridCo2, 0.5700, 2021, true)};
    EXPECT_DOUBLE_EQ(pick_factor(own_2021, kDefaults, factor_kind::kGridCo2, 2019)->value, 0.5700);
}

TEST(FactorTest, DerivesCoalCo2AndPetrolFigures) {
    // 1500 kWh: 1500 x 0.1229 = 184.35 kgce = 0.18435 tce; 1500 x 0.5306 = 795.9 kg CO2;
    // 1500 kWh / 15 kWh per 100 km = 10,000 km, x 8 L/100 km = 800 L petrol, x 2.27 = 1816 kg CO2,
    // 800 L x 1.0888 kgce/L = 871.04 kgce; avoided 1816 - 795.9 = 1020.1 kg.
    const auto figures = derive_figures(1'500'000, pick_factors({}, kDefaults, 2026));
    EXPECT_NEAR(*figures.tce, 0.18435, 1e-12);
    EXPECT_NEAR(*figures.co2_kg, 795.9, 1e-9);
    EXPECT_NEAR(*figures.petrol_displaced_l, 800, 1e-9);
    EXPECT_NEAR(*figures.petrol_displaced_tce, 0.87104, 1e-12);
    EXPECT_NEAR(*figures.co2_avoided_kg, 1020.1, 1e-9);
}

TEST(FactorTest, AMeasuredConsumptionReplacesTheEvReference) {
    // 20 kWh/100 km measured: 1500 kWh is 7,500 km, 600 L petrol.
    const auto figures = derive_figures(1'500'000, pick_factors({}, kDefaults, 2026), 20.0);
    EXPECT_NEAR(*figures.petrol_displaced_l, 600, 1e-9);
}

TEST(FactorTest, AMissingFactorLeavesItsFigureEmpty) {
    const auto figures = derive_figures(1'000, FactorSet{});
    EXPECT_FALSE(figures.tce);
    EXPECT_FALSE(figures.co2_kg);
    EXPECT_FALSE(figures.petrol_displaced_l);
    EXPECT_FALSE(figures.co2_avoided_kg);
}

}  // namespace
}  // namespace parkgrid::reporting
