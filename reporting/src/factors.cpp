#include "parkgrid/reporting/factors.hpp"

namespace parkgrid::reporting {
namespace {

// Among the factors of `kind`: the newest whose year is not after `year`, and the oldest of all.
struct Candidates {
    const Factor* newest_before = nullptr;
    const Factor* oldest = nullptr;
};

Candidates candidates(const std::vector<Factor>& factors, std::string_view kind, int year) {
    Candidates found;
    for (const auto& factor : factors) {
        if (factor.kind != kind) {
            continue;
        }
        if (factor.year <= year && (!found.newest_before || factor.year > found.newest_before->year)) {
            found.newest_before = &factor;
        }
        if (!found.oldest || factor.year < found.oldest->year) {
            found.oldest = &factor;
        }
    }
    return found;
}

}  // namespace

std::optional<Factor> pick_factor(const std::vector<Factor>& own, const std::vector<Factor>& defaults,
                                  std::string_view kind, int year) {
    const auto own_candidates = candidates(own, kind, year);
    const auto default_candidates = candidates(defaults, kind, year);
    // A factor published for a later year says nothing about this one: an institution's factor for 2027
    // must not replace the national 2026 factor in 2026's figures.
    for (const auto* chosen : {own_candidates.newest_before, default_candidates.newest_before}) {
        if (chosen) {
            return *chosen;
        }
    }
    // Figures older than every factor: the oldest there is, the institution's on a tie.
    const auto* own_oldest = own_candidates.oldest;
    const auto* default_oldest = default_candidates.oldest;
    if (own_oldest && (!default_oldest || own_oldest->year <= default_oldest->year)) {
        return *own_oldest;
    }
    return default_oldest ? std::optional<Factor>(*default_oldest) : std::nullopt;
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
