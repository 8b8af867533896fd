#include "charger_access.hpp"

namespace parkgrid::server::api {

std::optional<std::int64_t> institution_of(const storage::ChargerRecord& charger) {
    return charger.institution_id;
}

storage::ChargerRecord require_charger(storage::Repositories& repositories, const Principal& principal,
                                       const std::string& id) {
    auto charger = repositories.chargers().find(id);
    const std::string what = "charger '" + id + "'";
    if (!charger) {
        throw ApiError::not_found(what);
    }
    require_visible(principal, institution_of(*charger), what);
    return std::move(*charger);
}

}  // namespace parkgrid::server::api
