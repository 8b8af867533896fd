#include "parkgrid/reporting/factors.hpp"

namespace parkgrid::reporting {
namespace {

std::optional<Factor> pick_from(const std::vector<Factor>& factors, std::string_view kind, int year) {
    const Factor* newest_before = nullptr;
    const Factor* oldest = nullptr;
    for (const auto& factor : factors) {
        if (factor.kind != kind) {
            continue;
        }
        if (factor.year <= year && (!newest_before || factor.year > newest_before->year)) {
            newest_before = &factor;
        }
        if (!oldest || factor.year < oldest->year) {
            oldest = &factor;
        }
    }
    const Factor* chosen = newest_before ? newest_before : oldest;
    return chosen ? std::optional<Factor>(*chosen) : std::nullopt;
}

}  // namespace

std::optional<Factor> pick_factor(const std::vector<Factor>& own, const std::vector<Factor>& defaults,
                                  std::string_view kind, int year) {
    if (auto factor = pick_from(own, kind, year)) {
        return factor;
    }
    return pick_from(defaults, kind, year);
}

FactorSet pick_factors(const std::vector<Factor>& own, const std::vector<Factor>& defaults, int year) {
    FactorSet set;
    set.coal = pick_factor(own, defaults, factor_kind::kCoal, year);
    set.grid_co2 = pick_factor(own, defaults, factor_kind::kGridCo2, year);
    set.petrol_reference = pick_factor(own, defaults, factor_kind::kPetrolReference, year);
    set.ev_reference = pick_factor(own, defaults, factor_kind::kEvReference, year);
    set.petrol_co2 = pick_factor(own, defaults, factor_kind::kPetrolCo2, year);
    set.petrol_coal = pick_factor(own, defaults, factor_kind::kPetrolCoal, year);
    return set;
}

DerivedFigures derive_figures(std::int64_t wh, const FactorSet& factors,
                              std::optional<double> kwh_per_100km) {
    const double kwh = static_cast<double>(wh) / 1000.0;
    DerivedFigures figures;
    if (factors.coal) {
        figures.tce = kwh * factors.coal->value / 1000.0;  // kgce -> tce
    }
    if (factors.grid_co2) {
        figures.co2_kg = kwh * factors.grid_co2->value;
    }
    const std::optional<double> consumption =
        kwh_per_100km && *kwh_per_100km > 0
            ? kwh_per_100km
            : (factors.ev_reference ? std::optional<double>(factors.ev_reference->value) : std::nullopt);
    if (factors.petrol_reference && consumption) {
        const double distance_100km = kwh / *consumption;
        figures.petrol_displaced_l = distance_100km * factors.petrol_reference->value;
        if (factors.petrol_coal) {
            figures.petrol_displaced_tce = *figures.petrol_displaced_l * factors.petrol_coal->value / 1000.0;
        }
        if (factors.petrol_co2 && figures.co2_kg) {
            figures.co2_avoided_kg =
                *figures.petrol_displaced_l * factors.petrol_co2->value - *figures.co2_kg;
        }
    }
    return figures;
}

}  // namespace parkgrid::reporting
