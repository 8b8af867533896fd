#pragma once

#include <nlohmann/json.hpp>

#include "json_views.hpp"
#include "parkgrid/storage/organisation_records.hpp"

// How the organisation model appears in the REST API (see json_views.hpp for the conventions).
namespace parkgrid::server::api {

// {"items": [view(item)...], "total": N}: the answer of every list endpoint.
template <typename T, typename View>
nlohmann::json listing_json(const storage::Listing<T>& listing, View view) {
    return {{"items", array_of(listing.items, view)}, {"total", listing.total}};
}

nlohmann::json institution_json(const storage::InstitutionRecord& institution);
nlohmann::json site_json(const storage::SiteRecord& site);
nlohmann::json department_json(const storage::DepartmentRecord& department);
nlohmann::json vehicle_json(const storage::VehicleRecord& vehicle);
nlohmann::json driver_json(const storage::DriverRecord& driver);

}  // namespace parkgrid::server::api
