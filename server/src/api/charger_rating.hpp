#pragma once

// The rating of a charger in PATCH /api/v1/chargers/{id}: AC or DC and the rated power, for the fleet
// inventory of the quarterly and annual reports and the data-quality check of energy against power.

#include <optional>
#include <string>

#include "body_reader.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::api {

// Body fields currentType ("AC", "DC") and ratedPowerKw (above 0, at most 1000); each changed only when
// sent, null clears it.
struct ChargerRatingChange {
    bool change_current_type = false;
    std::optional<std::string> current_type;
    bool change_rated_power = false;
    std::optional<double> rated_power_kw;

    bool any() const { return change_current_type || change_rated_power; }
};

// 422 naming the field for a value outside its set or range.
ChargerRatingChange read_charger_rating_change(const BodyReader& fields);

// Stores the change over the charger's current rating.
void apply_charger_rating_change(storage::Repositories& repositories, const storage::ChargerRecord& charger,
                                 const ChargerRatingChange& change);

}  // namespace parkgrid::server::api
