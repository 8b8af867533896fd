#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace parkgrid::server {

// HTTP as the application sees it, independent of Boost.Beast.
struct HttpRequest {
    std::string method;
    std::string target;  // origin-form: path and query
    std::string authorization;
    std::string content_type;
    std::string body;
    std::string remote_address;
};

struct HttpResponse {
    unsigned status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

// Called exactly once per request, from any thread.
using HttpReply = std::function<void(HttpResponse)>;

}  // namespace parkgrid::server
