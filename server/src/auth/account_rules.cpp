#include "account_rules.hpp"

#include <algorithm>

namespace parkgrid::server::auth {
namespace {

bool is_username_character(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '@' || c == '-';
}

// Code points of valid UTF-8 (the JSON parser has validated it): every byte that does not continue a
// sequence starts one.
std::size_t code_points(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

}  // namespace

std::optional<std::string> username_problem(std::string_view username) {
    if (username.size() < kUsernameMinLength || username.size() > kUsernameMaxLength ||
        !std::all_of(username.begin(), username.end(), is_username_character)) {
        return "must have " + std::to_string(kUsernameMinLength) + " to " +
               std::to_string(kUsernameMaxLength) + " characters of A-Z, a-z, 0-9, '.', '_', '@' and '-'";
    }
    return std::nullopt;
}

std::optional<std::string> password_problem(std::string_view password) {
    if (code_points(password) < kPasswordMinCharacters) {
        return "must have at least " + std::to_string(kPasswordMinCharacters) + " characters";
    }
    if (password.size() > kPasswordMaxBytes) {
        return "must have at most " + std::to_string(kPasswordMaxBytes) + " bytes";
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::auth
