#include "parkgrid/server/charger_identity.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

namespace parkgrid::server {

bool is_valid_charger_identity(std::string_view identity) {
    return !identity.empty() && identity.size() <= kMaxChargerIdentityLength &&
           std::all_of(identity.begin(), identity.end(), [](char c) { return c >= 0x20 && c <= 0x7e; });
}

std::optional<std::string> charger_identity_from_target(std::string_view target) {
    const auto url = boost::urls::parse_origin_form(target);
    if (!url || url->has_query() || url->has_fragment()) {
        return std::nullopt;
    }
    const auto segments = url->encoded_segments();
    if (segments.size() != 2 || *segments.begin() != "ocpp") {
        return std::nullopt;
    }
    std::string identity = (*std::next(segments.begin())).decode();
    if (!is_valid_charger_identity(identity)) {
        return std::nullopt;
    }
    return identity;
}

}  // namespace parkgrid::server
