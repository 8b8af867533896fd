#include "parkgrid/server/http_handler.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/authenticator.hpp"
#include "api/routes.hpp"
#include "api/storage_reply.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

// The admin UI is same-origin only; nothing it loads comes from elsewhere.
constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

std::string content_type_of(const std::filesystem::path& path) {
    const auto extension = path.extension().string();
    if (extension == ".html")
        return "text/html; charset=utf-8";
    if (extension == ".js" || extension == ".mjs")
        return "text/javascript; charset=utf-8";
    if (extension == ".css")
        return "text/css; charset=utf-8";
    if (extension == ".json")
        return "application/json";
    if (extension == ".svg")
        return "image/svg+xml";
    if (extension == ".png")
        return "image/png";
    if (extension == ".ico")
        return "image/x-icon";
    if (extension == ".woff2")
        return "font/woff2";
    return "application/octet-stream";
}

std::string_view path_of(std::string_view target) {
    return target.substr(0, target.find('?'));
}

}  // namespace

HttpHandler::HttpHandler(CentralSystem& central_system)
    : central_system_(central_system),
      authenticator_(std::make_unique<api::Authenticator>(central_system.database())),
      router_(std::make_unique<api::Router>()) {
    api::add_charger_routes(*router_, central_system_);
    api::add_id_tag_routes(*router_, central_system_.database());
    api::add_transaction_routes(*router_, central_system_.database());
}

HttpHandler::~HttpHandler() = default;

void HttpHandler::handle(HttpRequest request, HttpReply reply) {
    const auto path = path_of(request.target);
    if (path == "/healthz") {
        handle_health(std::move(reply));
    } else if (path == "/api" || path.starts_with("/api/")) {
        handle_api(std::move(request), std::move(reply));
    } else {
        handle_static(request, reply);
    }
}

void HttpHandler::handle_api(HttpRequest request, HttpReply reply) {
    const auto& authenticator = *authenticator_;
    authenticator.authenticate(
        request, [this, request, reply](std::optional<Principal> principal, HttpResponse refusal) mutable {
            if (!principal) {
                reply(std::move(refusal));
                return;
            }
            router_->route(std::move(request), std::move(*principal), reply);
        });
}

void HttpHandler::handle_health(HttpReply reply) {
    // Healthy means the storage answers, not only that the process runs.
    storage::read(
        central_system_.database(),
        [](storage::Repositories& repositories) { return repositories.api_tokens().count(); },
        [this, reply = std::move(reply)](storage::Outcome<std::size_t> outcome) {
            const bool ok = outcome.ok();
            reply(api::json_response(ok ? 200 : 503,
                                     {{"status", ok ? "ok" : "storage unavailable"},
                                      {"chargersConnected", central_system_.registry().size()}}));
        });
}

void HttpHandler::handle_static(const HttpRequest& request, const HttpReply& reply) const {
    if (request.method != "GET" && request.method != "HEAD") {
        reply(api::error_response(
            api::ApiError(405, "method_not_allowed", request.method + " is not allowed here")));
        return;
    }
    std::string relative(path_of(request.target));
    if (relative.empty() || relative.back() == '/') {
        relative += "index.html";
    }
    const std::filesystem::path root =
        std::filesystem::weakly_canonical(central_system_.config().admin_ui_dir);
    const std::filesystem::path file = std::filesystem::weakly_canonical(root / relative.substr(1));
    // Refuse anything that resolves outside the UI directory (../, symlinks).
    const auto [root_end, unused] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
    std::error_code error;
    if (root_end != root.end() || !std::filesystem::is_regular_file(file, error)) {
        reply(api::error_response(api::ApiError::not_found("page")));
        return;
    }
    std::ifstream input(file, std::ios::binary);
    std::ostringstream content;
    content << input.rdbuf();
    HttpResponse response;
    response.content_type = content_type_of(file);
    response.body = request.method == "HEAD" ? std::string() : content.str();
    response.headers.emplace_back("Content-Security-Policy", std::string(kContentSecurityPolicy));
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("Cache-Control", "no-cache");
    reply(std::move(response));
}

}  // namespace parkgrid::server
