#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "api_error.hpp"
#include "parkgrid/server/principal.hpp"

// Access checks shared by the routes. Role violations are 403; an object outside the caller's scope is
// answered 404, exactly as if it did not exist, so that scopes do not leak what other institutions have.
namespace parkgrid::server::api {

inline void require_admin(const Principal& principal) {
    if (!principal.is_admin()) {
        throw ApiError(403, "forbidden", "this needs the admin role");
    }
}

inline void require_change_right(const Principal& principal) {
    if (!principal.may_change()) {
        throw ApiError(403, "forbidden",
                       "the " + std::string(to_string(principal.role)) + " role is read-only");
    }
}

// Security data (security events, certificate requests, charger logs) is for those who operate chargers.
inline void require_security_reader(const Principal& principal) {
    if (!principal.may_change()) {
        throw ApiError(403, "forbidden",
                       "the " + std::string(to_string(principal.role)) + " role does not see security data");
    }
}

// `what` names the object for the 404 message, e.g. "charger 'CP-1'".
inline void require_visible(const Principal& principal, std::optional<std::int64_t> institution_id,
                            const std::string& what) {
    if (!principal.sees(institution_id)) {
        throw ApiError::not_found(what);
    }
}

}  // namespace parkgrid::server::api
