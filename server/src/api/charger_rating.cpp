#include "charger_rating.hpp"

#include "api_error.hpp"

namespace parkgrid::server::api {
namespace {

// The most powerful DC chargers for cars deliver about 600 kW; 1000 leaves room without admitting typos in W.
constexpr double kMaxRatedPowerKw = 1000;

}  // namespace

ChargerRatingChange read_charger_rating_change(const BodyReader& fields) {
    ChargerRatingChange change;
    change.change_current_type = fields.has("currentType");
    change.current_type = fields.optional_one_of("currentType", {"AC", "DC"});
    change.change_rated_power = fields.has("ratedPowerKw");
    change.rated_power_kw = fields.optional_number("ratedPowerKw", 0, kMaxRatedPowerKw);
    if (change.rated_power_kw && *change.rated_power_kw <= 0) {
        throw ApiError::invalid_field("ratedPowerKw", "must be greater than 0 (null when unknown)");
    }
    return change;
}

void apply_charger_rating_change(storage::Repositories& repositories, const storage::ChargerRecord& charger,
                                 const ChargerRatingChange& change) {
    if (!change.any()) {
        return;
    }
    repositories.energy().set_charger_rating(
        charger.id, change.change_current_type ? change.current_type : charger.current_type,
        change.change_rated_power ? change.rated_power_kw : charger.rated_power_kw);
}

}  // namespace parkgrid::server::api
