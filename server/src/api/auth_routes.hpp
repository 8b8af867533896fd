#pragma once

// Route registration for logins and sessions, users, API tokens and the audit log.

#include <string_view>

#include "parkgrid/storage/database.hpp"
#include "router.hpp"

namespace parkgrid::server::auth {
struct AuthServices;
}  // namespace parkgrid::server::auth

namespace parkgrid::server::api {

inline constexpr std::string_view kLoginPath = "/api/v1/auth/login";

// POST /api/v1/auth/login, on the router of requests that need no authentication (HttpHandler routes
// kLoginPath there, before the Authenticator).
void add_login_route(Router& public_router, storage::Database& database, auth::AuthServices& auth);
// POST /api/v1/auth/logout, GET /api/v1/auth/me and POST /api/v1/auth/password.
void add_session_routes(Router& router, storage::Database& database, auth::AuthServices& auth);
// /api/v1/users (admin only).
void add_user_routes(Router& router, storage::Database& database, auth::AuthServices& auth);
// /api/v1/api-tokens (admin only).
void add_api_token_routes(Router& router, storage::Database& database);
// GET /api/v1/audit-log (admin only).
void add_audit_routes(Router& router, storage::Database& database);

}  // namespace parkgrid::server::api
