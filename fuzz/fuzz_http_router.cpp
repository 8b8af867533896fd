// libFuzzer target: one HTTP request through the REST API router and the request parsing helpers.
//
// Input format (what the seed corpus holds, so that seeds stay readable):
//   METHOD SP TARGET LF
//   Name: value LF            (Authorization, Cookie, Content-Type, X-CSRF-Token, Host; any number)
//   LF
//   body
// The routes are those of docs/openapi.json, which server/tests/openapi_test.cpp keeps equal to the real
// route table; each route's handler runs the parsing helpers the real handlers use (path parameters,
// query strings, pagination, JSON bodies, BodyReader) instead of storage. Building the real HttpHandler would
// need the whole server and a database, which is too slow for a CI fuzz build on two cores.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "api/body_reader.hpp"
#include "api/router.hpp"
#include "parkgrid/server/charger_identity.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::fuzz {
std::string_view route_table_document();
}  // namespace parkgrid::fuzz

namespace parkgrid::server {
namespace {

[[noreturn]] void violated(const char* invariant, std::string_view detail) {
    std::fprintf(stderr, "invariant violated: %s\n%.*s\n", invariant, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

std::string upper(std::string text) {
    for (auto& c : text) {
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    }
    return text;
}

std::size_t parameter_count(std::string_view pattern) {
    std::size_t count = 0;
    for (const char c : pattern) {
        count += c == '{' ? 1 : 0;
    }
    return count;
}

// What a real handler does with a request before it reaches storage.
void parse_like_a_handler(const api::ApiRequest& request, std::size_t parameters, const HttpReply& reply) {
    nlohmann::json seen = nlohmann::json::object();
    for (std::size_t i = 0; i < parameters; ++i) {
        const auto& parameter = request.path_param(i);
        seen["params"].push_back(parameter);
        seen["chargerIdValid"] = is_valid_charger_identity(parameter);
    }
    const auto page = api::page_of(request);
    seen["limit"] = page.limit;
    seen["offset"] = page.offset;
    if (const auto from = request.query_time("from")) {
        seen["from"] = from->time_since_epoch().count();
    }
    if (const auto to = request.query_time("to")) {
        seen["to"] = to->time_since_epoch().count();
    }
    seen["connectorId"] = request.query_integer("connectorId", 0, 100).value_or(-1);
    seen["status"] = request.query("status").value_or("");
    const auto& method = request.http().method;
    if (method == "POST" || method == "PUT" || method == "PATCH") {
        const auto body = request.json_body();
        const api::BodyReader reader(
            body, {"name", "idTag", "status", "expiresAt", "connectorId", "limit", "note", "role"});
        if (const auto id_tag = reader.optional_string("idTag", 20)) {
            api::require_printable_ascii("idTag", *id_tag);
        }
        seen["name"] = reader.optional_string("name", 100).value_or("");
        seen["status"] = reader.optional_one_of("status", {"Accepted", "Blocked", "Expired"}).value_or("");
        seen["role"] = reader.optional_one_of("role", {"admin", "fleet_admin", "energy_office"}).value_or("");
        if (const auto expires = reader.optional_time("expiresAt")) {
            seen["expiresAt"] = expires->time_since_epoch().count();
        }
        seen["connector"] = reader.optional_integer("connectorId", 0, 100).value_or(-1);
        seen["limitValue"] = reader.optional_number("limit", 0, 1e6).value_or(-1);
        seen["note"] = reader.optional_string("note", 500).value_or("");
    }
    reply(api::json_response(200, seen));
}

const api::Router& router() {
    static const auto instance = [] {
        auto router = std::make_unique<api::Router>();
        const auto document = nlohmann::json::parse(fuzz::route_table_document());
        for (const auto& [pattern, operations] : document.at("paths").items()) {
            const std::size_t parameters = parameter_count(pattern);
            for (const auto& [method, unused] : operations.items()) {
                if (method == "parameters") {
                    continue;
                }
                router->add(upper(method), pattern,
                            [parameters](const api::ApiRequest& request, const HttpReply& reply) {
                                parse_like_a_handler(request, parameters, reply);
                            });
            }
        }
        return router;
    }();
    return *instance;
}

HttpRequest request_from(std::string_view input) {
    HttpRequest request;
    const auto take_line = [&input] {
        const auto end = input.find('\n');
        const auto line = input.substr(0, end);
        input = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);
        return line;
    };
    const auto request_line = take_line();
    const auto space = request_line.find(' ');
    request.method = std::string(request_line.substr(0, space));
    request.target = space == std::string_view::npos ? "" : std::string(request_line.substr(space + 1));
    for (auto line = take_line(); !line.empty(); line = take_line()) {
        const auto colon = line.find(':');
        const auto name = line.substr(0, colon);
        auto value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
        while (!value.empty() && value.front() == ' ') {
            value.remove_prefix(1);
        }
        if (name == "Authorization") {
            request.authorization = value;
        } else if (name == "Cookie") {
            request.cookie = value;
        } else if (name == "Content-Type") {
            request.content_type = value;
        } else if (name == "X-CSRF-Token") {
            request.csrf_token = value;
        } else if (name == "Host") {
            request.host = value;
        }
    }
    request.body = std::string(input);
    request.remote_address = "127.0.0.1";
    return request;
}

void fuzz_one(std::string_view input) {
    auto request = request_from(input);
    const std::string description = request.method + " " + request.target;

    // The OCPP endpoint's identity parsing shares the target grammar.
    if (const auto identity = charger_identity_from_target(request.target)) {
        if (!is_valid_charger_identity(*identity)) {
            violated("an accepted charger identity is valid", *identity);
        }
    }

    int replies = 0;
    HttpResponse response;
    router().route(std::move(request), Principal{"token:fuzz", Role::Admin, {}}, [&](HttpResponse answer) {
        ++replies;
        response = std::move(answer);
    });
    if (replies != 1) {
        violated("the router answers exactly once", description);
    }
    // 500 means a parsing helper threw something other than ApiError: malformed input must be a 4xx.
    if (response.status < 200 || response.status >= 500) {
        violated("a request is answered 2xx or 4xx", description + "\n" + response.body);
    }
    if (response.content_type == "application/json" &&
        nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false).is_discarded()) {
        violated("a JSON response is valid JSON", response.body);
    }
}

}  // namespace
}  // namespace parkgrid::server

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // Unexpected-exception logs would flood the fuzzer's output; the invariants report what matters.
    parkgrid::server::log::configure(parkgrid::server::LogLevel::Error, /*json_lines=*/false);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    parkgrid::server::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
