#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api_error.hpp"
#include "parkgrid/server/http_types.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server::api {

// A request matched to a route: decoded path parameters and query, and the body.
class ApiRequest {
public:
    ApiRequest(HttpRequest http, Principal principal, std::vector<std::string> path_params,
               std::multimap<std::string, std::string> query)
        : http_(std::move(http)),
          principal_(std::move(principal)),
          path_params_(std::move(path_params)),
          query_(std::move(query)) {}

    const HttpRequest& http() const { return http_; }
    // Who is asking; every /api route is authenticated before it is routed.
    const Principal& principal() const { return principal_; }
    // The n-th "{...}" segment of the route pattern, percent-decoded.
    const std::string& path_param(std::size_t index) const { return path_params_.at(index); }
    std::optional<std::string> query(const std::string& name) const;
    // Typed query parameters; a malformed value is a 422 naming the parameter.
    std::optional<storage::Timestamp> query_time(const std::string& name) const;
    std::optional<std::int64_t> query_integer(const std::string& name, std::int64_t min,
                                              std::int64_t max) const;
    // The body as a JSON object; 400 when it is missing or not a JSON object.
    nlohmann::json json_body() const;

private:
    HttpRequest http_;
    Principal principal_;
    std::vector<std::string> path_params_;
    std::multimap<std::string, std::string> query_;
};

// Pagination parameters ?limit=&offset= with a default and a ceiling on limit.
struct Page {
    std::size_t limit = 100;
    std::size_t offset = 0;
};
Page page_of(const ApiRequest& request, std::size_t default_limit = 100, std::size_t max_limit = 1000);

// Handlers answer through the reply, now or later; an ApiError thrown synchronously is answered for them.
using RouteHandler = std::function<void(const ApiRequest& request, const HttpReply& reply)>;

class Router {
public:
    // `pattern` is a path whose "{name}" segments match any single segment, e.g. "/api/v1/chargers/{id}".
    void add(std::string method, std::string_view pattern, RouteHandler handler);
    // 404 when no pattern matches the path, 405 when one does but not for this method.
    void route(HttpRequest request, Principal principal, const HttpReply& reply) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
    };
    // Every route, for the API description and its test.
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;  // literal, or "{...}" for a parameter
        RouteHandler handler;
    };
    std::vector<Route> routes_;
};

// Runs `present` and answers with what it returns, or with the ApiError it throws (500 for anything else).
void reply_with(const HttpReply& reply, const std::function<HttpResponse()>& present);

HttpResponse json_response(unsigned status, const nlohmann::json& body);

// 204 without a body.
HttpResponse no_content();

}  // namespace parkgrid::server::api
