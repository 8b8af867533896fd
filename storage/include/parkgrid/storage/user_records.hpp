#pragma once

// Records of the people and sessions that use the API and the web UI. Roles are carried as their API names
// (admin, fleet_admin, energy_office): storage does not depend on the server's Role type.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

struct UserRecord {
    std::int64_t id = 0;
    std::string username;  // case-insensitive; the stored spelling is kept
    std::string display_name;
    std::string role;
    std::string password_hash;  // self-describing PBKDF2 encoding; never the password
    bool disabled = false;
    std::vector<std::int64_t> institution_ids{};  // scope, ascending; empty for admins
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<Timestamp> last_login_at{};
};

struct UserFilter {
    std::optional<std::string> role{};
    std::optional<bool> disabled{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// A login session. The token is known only to the client; storage keeps its SHA-256.
struct SessionRecord {
    std::int64_t id = 0;
    std::string token_hash;
    std::int64_t user_id = 0;
    Timestamp created_at{};
    Timestamp last_seen_at{};
    Timestamp expires_at{};  // absolute end, whatever the activity
    std::optional<Timestamp> revoked_at{};
    std::string remote_address;
};

}  // namespace parkgrid::storage
