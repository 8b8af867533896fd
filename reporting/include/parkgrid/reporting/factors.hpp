#pragma once

// Conversion factors and the figures derived from charged energy: standard coal equivalent, CO2 from
// electricity, petrol displaced and CO2 avoided. Every factor carries its value, year and source, and a
// report names the ones it used.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::reporting {

namespace factor_kind {
inline constexpr std::string_view kCoal = "coal_kgce_per_kwh";       // basis: equivalent / equal_value
inline constexpr std::string_view kGridCo2 = "grid_co2_kg_per_kwh";  // national or regional grid
inline constexpr std::string_view kPetrolReference = "petrol_reference_l_per_100km";  // the car displaced
inline constexpr std::string_view kEvReference = "ev_reference_kwh_per_100km";        // the electric car
inline constexpr std::string_view kPetrolCo2 = "petrol_co2_kg_per_l";
inline constexpr std::string_view kPetrolCoal = "petrol_kgce_per_l";
inline constexpr std::string_view kAll[] = {kCoal,        kGridCo2,   kPetrolReference,
                                            kEvReference, kPetrolCo2, kPetrolCoal};
}  // namespace factor_kind

struct Factor {
    std::int64_t id = 0;
    std::string kind;
    double value = 0;
    std::string unit;
    int year = 0;
    std::string source;
    std::optional<std::string> basis{};
    bool institution_specific = false;
};

// The factor of `kind` for figures of `year`: the newest whose year is not after `year`, the institution's
// own before the defaults; for figures older than every factor, the oldest (the institution's on a tie).
// nullopt when neither has a factor of the kind.
std::optional<Factor> pick_factor(const std::vector<Factor>& own, const std::vector<Factor>& defaults,
                                  std::string_view kind, int year);

// One factor of each kind, as picked for a year.
struct FactorSet {
    std::optional<Factor> coal;
    std::optional<Factor> grid_co2;
    std::optional<Factor> petrol_reference;
    std::optional<Factor> ev_reference;
    std::optional<Factor> petrol_co2;
    std::optional<Factor> petrol_coal;
};
FactorSet pick_factors(const std::vector<Factor>& own, const std::vector<Factor>& defaults, int year);

// Figures derived from `wh`; a figure whose factor is missing is nullopt.
struct DerivedFigures {
    std::optional<double> tce{};     // tonnes of standard coal equivalent
    std::optional<double> co2_kg{};  // from the electricity
    std::optional<double>
        petrol_displaced_l{};  // what reference petrol cars would have burnt for the distance
    std::optional<double> petrol_displaced_tce{};
    std::optional<double> co2_avoided_kg{};  // the petrol's CO2 minus the electricity's
};
// `kwh_per_100km` is the fleet's measured consumption where odometer readings give one, else the EV
// reference factor is used.
DerivedFigures derive_figures(std::int64_t wh, const FactorSet& factors,
                              std::optional<double> kwh_per_100km = std::nullopt);

}  // namespace parkgrid::reporting
