#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace parkgrid::testing {

// An HTTP answer with its headers, for tests of cookies, CSRF headers, Retry-After and the like.
struct HttpExchange {
    unsigned status = 0;
    std::string body;
    std::multimap<std::string, std::string> headers;  // names in lower case

    nlohmann::json json() const;
    // The first value of a header, if present; `name` in lower case.
    std::optional<std::string> header(const std::string& name) const;
};

// A blocking request with arbitrary headers (e.g. {"Cookie", "..."}, {"X-CSRF-Token", "..."}).
HttpExchange http_exchange(std::uint16_t port, const std::string& method, const std::string& target,
                           const std::string& body = "",
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace parkgrid::testing
