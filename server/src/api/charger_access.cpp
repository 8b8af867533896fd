#include "charger_access.hpp"

namespace parkgrid::server::api {

storage::ChargerRecord require_charger(storage::Repositories& repositories, const Principal& principal,
                                       const std::string& id) {
    auto charger = repositories.chargers().find(id);
    const std::string what = "charger '" + id + "'";
    if (!charger) {
        throw ApiError::not_found(what);
    }
    // Chargers reach an institution through their site (organisation model); until assigned, the admin's.
    require_visible(principal, std::nullopt, what);
    return std::move(*charger);
}

}  // namespace parkgrid::server::api
