#include "parkgrid/ocpp/uri.hpp"

#include <cctype>
#include <stdexcept>
#include <utility>

namespace parkgrid::ocpp {
namespace {

bool is_alpha(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}
bool is_hex(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}

// unreserved / sub-delims / gen-delims (RFC 3986 section 2).
bool is_uri_char(char c) {
    static constexpr std::string_view kPunctuation = "-._~!$&'()*+,;=:@/?#[]";
    return is_alnum(c) || kPunctuation.find(c) != std::string_view::npos;
}

bool is_absolute_uri(std::string_view text) {
    // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
    const auto colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || !is_alpha(text[0])) {
        return false;
    }
    for (const char c : text.substr(0, colon)) {
        if (!is_alnum(c) && c != '+' && c != '-' && c != '.') {
            return false;
        }
    }
    bool seen_fragment = false;
    for (std::size_t i = colon + 1; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2])) {
                return false;
            }
            i += 2;
        } else if (c == '#') {
            if (seen_fragment) {
                return false;
            }
            seen_fragment = true;
        } else if (!is_uri_char(c)) {
            return false;
        }
    }
    return true;
}

}  // namespace

Uri::Uri(std::string text) : value_(std::move(text)) {
    if (!is_absolute_uri(value_)) {
        throw std::invalid_argument("'" + value_ + "' is not an absolute URI");
    }
}

std::optional<Uri> Uri::parse(std::string_view text) {
    if (!is_absolute_uri(text)) {
        return std::nullopt;
    }
    Uri uri;
    uri.value_ = std::string(text);
    return uri;
}

}  // namespace parkgrid::ocpp
