#pragma once

#include <optional>
#include <string>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::auth {

inline constexpr std::string_view kBootstrapAdminUsername = "admin";

// With `password` (from CSMS_ADMIN_PASSWORD) and no user at all, creates the user "admin" with the admin role
// and that password, so that a new installation can log in to the web UI. Returns whether it did; once any
// user exists, the password is ignored. Throws std::runtime_error when the password breaks the password
// rules. Runs the password KDF on the calling thread: for start-up only.
bool bootstrap_admin_user(storage::Database& database, const std::optional<std::string>& password);

}  // namespace parkgrid::server::auth
