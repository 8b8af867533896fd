#pragma once

// Checks shared by the user and API token routes (organisation_access.hpp has id_param and now; router.hpp
// has no_content).

#include <cstdint>
#include <string>
#include <vector>

#include "api_error.hpp"
#include "parkgrid/storage/repositories.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

inline const std::initializer_list<std::string_view> kRoleNames = {"admin", "fleet_admin", "energy_office"};

// Admins see every institution, so a scope on an admin would mean nothing and is refused.
inline void require_scope_fits_role(const std::string& role,
                                    const std::vector<std::int64_t>& institution_ids) {
    if (role == "admin" && !institution_ids.empty()) {
        throw ApiError::invalid_field("institutionIds",
                                      "must be empty for the admin role, which sees every "
                                      "institution");
    }
}

// Inside a storage job, so that the check and the write see the same institutions.
inline void require_known_institutions(storage::Repositories& repositories,
                                       const std::vector<std::int64_t>& institution_ids) {
    const auto unknown = repositories.users().unknown_institutions(institution_ids);
    if (!unknown.empty()) {
        throw ApiError::invalid_field("institutionIds", "no institution " + std::to_string(unknown.front()));
    }
}

}  // namespace parkgrid::server::api
