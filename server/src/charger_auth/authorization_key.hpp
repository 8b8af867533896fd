#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server {

// The rules of the OCPP 1.6 Security Whitepaper (edition 3) for the AuthorizationKey, the HTTP Basic
// password of security profiles 1 and 2: 16 to 20 printable ASCII characters, or 32 to 40 hexadecimal
// digits (the hex form of 16 to 20 random bytes). nullopt when `key` follows them, else what is wrong.
std::optional<std::string> authorization_key_problem(std::string_view key);

// A new key of 20 random bytes as 40 hex digits: the most entropy the rules allow.
std::string generate_authorization_key();

}  // namespace parkgrid::server
