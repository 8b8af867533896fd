#pragma once

#include <string>
#include <string_view>

namespace parkgrid::server::auth {

inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The CSRF token of a session: HMAC-SHA256 of a fixed label keyed with the session token, in hex. Deriving
// it means nothing more is stored, it stays the same for the whole session (the UI can fetch it again from
// /auth/me), and knowing it reveals nothing about the session token. A page on another site can make the
// browser send the session cookie but cannot read the token, so it cannot send the header.
std::string csrf_token_for(std::string_view session_token);

// Whether `presented` (the X-CSRF-Token header) is the session's CSRF token; constant-time.
bool csrf_token_matches(std::string_view presented, std::string_view session_token);

// Requests that cannot change state need no CSRF token.
bool is_safe_method(std::string_view method);

}  // namespace parkgrid::server::auth
