#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::api {

// Hex SHA-256 of a bearer token. API tokens are long random strings, so a fast hash is enough to make a
// leaked database useless for logging in; only the hash is ever stored.
std::string hash_token(std::string_view token);

inline constexpr std::string_view kApiTokenPrefix = "pgt_";
inline constexpr std::string_view kSessionTokenPrefix = "pgs_";

// A fresh secret with 256 bits of entropy: the prefix (which says what it is, e.g. to secret scanners)
// followed by 64 hex digits.
std::string generate_token(std::string_view prefix = kApiTokenPrefix);

// Ensures an administrator can use the API. With `configured_token` (CSMS_ADMIN_TOKEN), that token becomes
// the bootstrap administrator's; without it, a token is generated on the first start only and returned so
// that it can be printed once.
std::optional<std::string> bootstrap_admin_token(storage::Database& database,
                                                 const std::optional<std::string>& configured_token);

}  // namespace parkgrid::server::api
