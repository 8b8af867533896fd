#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server::auth {

inline constexpr std::size_t kUsernameMinLength = 3;
inline constexpr std::size_t kUsernameMaxLength = 64;
inline constexpr std::size_t kPasswordMinCharacters = 12;
// PBKDF2 hashes a long password once per call, so length costs little; the cap only bounds request size.
inline constexpr std::size_t kPasswordMaxBytes = 1024;

// What is wrong with a username, worded to follow the field name ("must ..."), or nullopt when it is valid:
// 3 to 64 characters of A-Z, a-z, 0-9 and . _ @ -.
std::optional<std::string> username_problem(std::string_view username);
// Likewise for a new password: at least 12 characters (Unicode code points, so that a passphrase in
// Chinese counts its characters, not its bytes) and at most 1024 bytes.
std::optional<std::string> password_problem(std::string_view password);

}  // namespace parkgrid::server::auth
