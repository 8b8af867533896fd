#include "router.hpp"

#include <boost/url/parse.hpp>
#include <charconv>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {

std::optional<std::string> ApiRequest::query(const std::string& name) const {
    const auto it = query_.find(name);
    return it == query_.end() ? std::nullopt : std::optional<std::string>(it->second);
}

std::optional<storage::Timestamp> ApiRequest::query_time(const std::string& name) const {
    const auto text = query(name);
    if (!text) {
        return std::nullopt;
    }
    const auto parsed = ocpp::DateTime::parse(*text);
    if (!parsed) {
        throw ApiError::invalid_field(name, "must be an RFC 3339 date-time such as 2026-11-01T00:00:00Z");
    }
    return parsed->instant();
}

std::optional<std::int64_t> ApiRequest::query_integer(const std::string& name, std::int64_t min,
                                                      std::int64_t max) const {
    const auto text = query(name);
    if (!text) {
        return std::nullopt;
    }
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size() || value < min || value > max) {
        throw ApiError::invalid_field(
            name, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    return value;
}

Page page_of(const ApiRequest& request, std::size_t default_limit, std::size_t max_limit) {
    Page page;
    page.limit =
        static_cast<std::size_t>(request.query_integer("limit", 1, static_cast<std::int64_t>(max_limit))
                                     .value_or(static_cast<std::int64_t>(default_limit)));
    page.offset = static_cast<std::size_t>(request.query_integer("offset", 0, 1'000'000'000).value_or(0));
    return page;
}

nlohmann::json ApiRequest::json_body() const {
    if (http_.body.empty()) {
        throw ApiError(400, "invalid_body", "a JSON object body is required");
    }
    auto body = nlohmann::json::parse(http_.body, nullptr, false);
    if (body.is_discarded()) {
        throw ApiError(400, "invalid_body", "the body is not valid JSON");
    }
    if (!body.is_object()) {
        throw ApiError(400, "invalid_body", "the body must be a JSON object");
    }
    return body;
}

void Router::add(std::string method, std::string_view pattern, RouteHandler handler) {
    Route route{std::move(method), std::string(pattern), {}, std::move(handler)};
    // Patterns are literal paths (no escapes), so splitting on '/' is exact.
    while (!pattern.empty()) {
        pattern.remove_prefix(1);  // the leading '/'
        const auto slash = pattern.find('/');
        route.segments.emplace_back(pattern.substr(0, slash));
        pattern = slash == std::string_view::npos ? std::string_view() : pattern.substr(slash);
    }
    routes_.push_back(std::move(route));
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    for (const auto& route : routes_) {
        out.push_back({route.method, route.pattern});
    }
    return out;
}

void Router::route(HttpRequest request, Principal principal, const HttpReply& reply) const {
    const auto url = boost::urls::parse_origin_form(request.target);
    if (!url) {
        reply(error_response(ApiError(400, "invalid_target", "the request target is not a valid URL path")));
        return;
    }
    std::vector<std::string> segments;
    for (const auto& segment : url->segments()) {
        segments.push_back(segment);
    }
    bool path_matched = false;
    for (const auto& route : routes_) {
        if (route.segments.size() != segments.size()) {
            continue;
        }
        std::vector<std::string> params;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i) {
            if (route.segments[i].starts_with('{')) {
                params.push_back(segments[i]);
            } else {
                match = route.segments[i] == segments[i];
            }
        }
        if (!match) {
            continue;
        }
        path_matched = true;
        if (route.method != request.method) {
            continue;
        }
        std::multimap<std::string, std::string> query;
        for (const auto& param : url->params()) {
            query.emplace(param.key, param.value);
        }
        try {
            route.handler(
                ApiRequest(std::move(request), std::move(principal), std::move(params), std::move(query)),
                reply);
        } catch (const ApiError& error) {
            reply(error_response(error));
        } catch (const std::exception& e) {
            log::error("API handler failed", {{"error", e.what()}});
            reply(internal_error_response());
        }
        return;
    }
    if (path_matched) {
        reply(error_response(ApiError(405, "method_not_allowed", request.method + " is not allowed here")));
    } else {
        reply(error_response(ApiError::not_found("resource")));
    }
}

void reply_with(const HttpReply& reply, const std::function<HttpResponse()>& present) {
    try {
        reply(present());
    } catch (const ApiError& error) {
        reply(error_response(error));
    } catch (const std::exception& e) {
        log::error("API request failed", {{"error", e.what()}});
        reply(internal_error_response());
    }
}

HttpResponse json_response(unsigned status, const nlohmann::json& body) {
    HttpResponse response;
    response.status = status;
    response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return response;
}

HttpResponse no_content() {
    HttpResponse response;
    response.status = 204;
    response.content_type.clear();
    return response;
}

}  // namespace parkgrid::server::api

namespace parkgrid::server::api {

void reply_storage_failure(const HttpReply& reply, const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const ApiError& api_error) {
        reply(error_response(api_error));
    } catch (const std::exception& e) {
        log::error("API storage job failed", {{"error", e.what()}});
        reply(internal_error_response());
    }
}

}  // namespace parkgrid::server::api
