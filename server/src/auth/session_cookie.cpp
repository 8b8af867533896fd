#include "session_cookie.hpp"

namespace parkgrid::server::auth {
namespace {

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

// The TLS listener adds "; Secure" to every Set-Cookie it sends (http_server.cpp): the same cookie must
// still work on the plain port of a closed network.
std::string with_attributes(std::string value) {
    return value + "; HttpOnly; SameSite=Strict; Path=/";
}

}  // namespace

std::optional<std::string> cookie_value(std::string_view cookie_header, std::string_view name) {
    while (!cookie_header.empty()) {
        const auto semicolon = cookie_header.find(';');
        const auto pair = trim(cookie_header.substr(0, semicolon));
        const auto equals = pair.find('=');
        if (equals != std::string_view::npos && trim(pair.substr(0, equals)) == name) {
            auto value = trim(pair.substr(equals + 1));
            if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
                value = value.substr(1, value.size() - 2);
            }
            return std::string(value);
        }
        cookie_header =
            semicolon == std::string_view::npos ? std::string_view() : cookie_header.substr(semicolon + 1);
    }
    return std::nullopt;
}

std::string session_cookie(std::string_view token) {
    return with_attributes(std::string(kSessionCookieName) + "=" + std::string(token));
}

std::string cleared_session_cookie() {
    return with_attributes(std::string(kSessionCookieName) + "=") + "; Max-Age=0";
}

}  // namespace parkgrid::server::auth
