#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server::auth {

inline constexpr std::string_view kSessionCookieName = "parkgrid_session";

// The value of the cookie `name` in a Cookie request header ("a=1; b=2"), if present.
std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name);

// Set-Cookie values. HttpOnly keeps the token away from scripts; SameSite=Strict keeps browsers from sending
// it with requests started by other sites; no Max-Age, so the browser forgets it when it closes (the server
// enforces the real lifetime).
std::string session_cookie(std::string_view token);
// Tells the browser to drop the session cookie (logout).
std::string cleared_session_cookie();

}  // namespace parkgrid::server::auth
