#include "charger_credentials.hpp"

#include <algorithm>
#include <cctype>

#include "../auth/base64.hpp"

namespace parkgrid::server {

std::optional<BasicCredentials> parse_basic_authorization(std::string_view header) {
    constexpr std::string_view kScheme = "basic ";
    if (header.size() <= kScheme.size() ||
        !std::equal(kScheme.begin(), kScheme.end(), header.begin(),
                    [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); })) {
        return std::nullopt;
    }
    auto encoded = header.substr(kScheme.size());
    while (!encoded.empty() && encoded.front() == ' ') {
        encoded.remove_prefix(1);
    }
    while (!encoded.empty() && encoded.back() == ' ') {
        encoded.remove_suffix(1);
    }
    const auto decoded = auth::base64_decode(encoded);
    if (!decoded) {
        return std::nullopt;
    }
    const std::string text(decoded->begin(), decoded->end());
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    return BasicCredentials{text.substr(0, colon), text.substr(colon + 1)};
}

int observed_security_profile(const ChargerCredentials& credentials) {
    if (credentials.tls) {
        return credentials.certificate ? 3 : 2;
    }
    return credentials.basic ? 1 : 0;
}

}  // namespace parkgrid::server
