#include "parkgrid/server/http_handler.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/audit_recorder.hpp"
#include "api/auth_routes.hpp"
#include "api/authenticator.hpp"
#include "api/energy_statistics_routes.hpp"
#include "api/load_management_routes.hpp"
#include "api/openapi.hpp"
#include "api/organisation_routes.hpp"
#include "api/routes.hpp"
#include "api/storage_reply.hpp"
#include "auth/auth_services.hpp"
#include "diagnostics_uploads.hpp"
#include "metrics_access.hpp"
#include "metrics_exposition.hpp"
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
      auth_(std::make_unique<auth::AuthServices>(auth::SessionPolicy{
          central_system.config().session_idle_timeout, central_system.config().session_lifetime})),
      audit_(std::make_unique<api::AuditRecorder>(central_system.database())),
      authenticator_(std::make_unique<api::Authenticator>(central_system.database(), auth_->sessions)),
      public_router_(std::make_unique<api::Router>()),
      router_(std::make_unique<api::Router>()),
      diagnostics_uploads_(
          std::make_unique<DiagnosticsUploads>(central_system.database(), central_system.config())),
      exports_(std::make_unique<reports::ExportJobs>(central_system.database(),
                                                     reports::exports_directory(central_system.config()))) {
    api::add_login_route(*public_router_, central_system_.database(), *auth_);
    api::add_session_routes(*router_, central_system_.database(), *auth_);
    api::add_user_routes(*router_, central_system_.database(), *auth_);
    api::add_api_token_routes(*router_, central_system_.database());
    api::add_audit_routes(*router_, central_system_.database());
    api::add_charger_routes(*router_, central_system_);
    api::add_command_routes(*router_, central_system_);
    api::add_configuration_routes(*router_, central_system_);
    api::add_event_routes(*router_, central_system_);
    api::add_local_list_routes(*router_, central_system_);
    api::add_maintenance_routes(*router_, central_system_);
    api::add_reservation_routes(*router_, central_system_);
    api::add_id_tag_routes(*router_, central_system_.database(), central_system_.events());
    api::add_transaction_routes(*router_, central_system_.database());
    api::add_security_event_routes(*router_, central_system_.database());
    api::add_certificate_request_routes(*router_, central_system_);
    api::add_security_maintenance_routes(*router_, central_system_);
    api::add_charger_security_routes(*router_, central_system_);
    api::add_site_plan_routes(*router_, central_system_);
    api::add_institution_routes(*router_, central_system_.database());
    api::add_site_routes(*router_, central_system_.database());
    api::add_department_routes(*router_, central_system_.database());
    api::add_vehicle_routes(*router_, central_system_.database());
    api::add_driver_routes(*router_, central_system_.database());
    api::add_circuit_routes(*router_, central_system_.database(), central_system_.events());
    api::add_building_load_routes(*router_, central_system_.database(), central_system_.events());
    api::add_tariff_routes(*router_, central_system_.database(), central_system_.events());
    api::add_charging_need_routes(*router_, central_system_.database(), central_system_.events());
    api::add_report_routes(*router_, central_system_.database());
    api::add_standard_report_routes(*router_, central_system_.database(), exports_->directory());
    api::add_export_routes(*router_, central_system_.database(), *exports_);
    api::add_data_quality_routes(*router_, central_system_.database(), central_system_.config());
    api::add_energy_factor_routes(*router_, central_system_.database());
    api::add_odometer_routes(*router_, central_system_.database());
}

HttpHandler::~HttpHandler() = default;

namespace {

// Makes `reply` answer at most once, and answer 500 if every copy is dropped unanswered (a handler that
// threw on a storage thread, say): a client must never wait for a response that cannot come.
HttpReply reply_once(HttpReply reply) {
    struct State {
        explicit State(HttpReply r) : reply(std::move(r)) {}
        State(const State&) = delete;
        State& operator=(const State&) = delete;
        ~State() {
            if (!answered.exchange(true)) {
                log::error("API request dropped without an answer");
                reply(api::internal_error_response());
            }
        }
        HttpReply reply;
        std::atomic<bool> answered{false};
    };
    auto state = std::make_shared<State>(std::move(reply));
    return [state](HttpResponse response) {
        if (!state->answered.exchange(true)) {
            state->reply(std::move(response));
        }
    };
}

}  // namespace

std::vector<std::string> HttpHandler::api_routes() const {
    std::vector<std::string> routes = {"GET /healthz", "GET " + std::string(kMetricsPath),
                                       "GET " + std::string(api::kOpenApiPath)};
    for (const auto* router : {public_router_.get(), router_.get()}) {
        for (const auto& route : router->routes()) {
            routes.push_back(route.method + " " + route.pattern);
        }
    }
    return routes;
}

void HttpHandler::handle(HttpRequest request, HttpReply raw_reply) {
    auto reply = reply_once(std::move(raw_reply));
    const auto path = path_of(request.target);
    if (path == "/healthz" && (request.method == "GET" || request.method == "HEAD")) {
        handle_health(std::move(reply));
    } else if (path == kMetricsPath && request.method == "GET") {
        handle_metrics(request, reply);
    } else if (path == api::kOpenApiPath && request.method == "GET") {
        // Public: it describes the API, it reveals no data.
        HttpResponse response;
        response.body = std::string(api::openapi_document());
        reply(std::move(response));
    } else if (path == "/api" || path.starts_with("/api/")) {
        handle_api(std::move(request), std::move(reply));
    } else if (path.starts_with(DiagnosticsUploads::kPathPrefix)) {
        diagnostics_uploads_->handle(std::move(request), std::move(reply));
    } else {
        handle_static(request, reply);
    }
}

void HttpHandler::handle_api(HttpRequest request, HttpReply reply) {
    // Every state-changing request is audited, whatever becomes of it: the wrapped reply records the answer
    // (with the caller, once authentication has named one) before sending it.
    auto caller = std::make_shared<std::optional<Principal>>();
    if (api::is_audited(request)) {
        reply = audit_->audited_reply(request, caller, std::move(reply));
    }
    if (path_of(request.target) == api::kLoginPath) {
        public_router_->route(std::move(request),
                              Principal{std::string(api::kAnonymousSubject), Role::EnergyOffice, {}}, reply);
        return;
    }
    const auto& authenticator = *authenticator_;
    authenticator.authenticate(request, [this, request, reply, caller](std::optional<Principal> principal,
                                                                       HttpResponse refusal) mutable {
        if (!principal) {
            reply(std::move(refusal));
            return;
        }
        *caller = *principal;
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

void HttpHandler::handle_metrics(const HttpRequest& request, const HttpReply& reply) {
    switch (metrics_access(request, central_system_.config())) {
        case MetricsAccess::Granted: break;
        case MetricsAccess::NeedsToken:  // error_response adds the Bearer challenge to a 401
            reply(api::error_response(api::ApiError(
                401, "unauthorized", "GET /metrics needs the metrics token as a Bearer token")));
            return;
        case MetricsAccess::Refused:
            reply(api::error_response(api::ApiError(
                403, "forbidden", "GET /metrics is served to this host only; configure --metrics-token")));
            return;
    }
    const auto depths = central_system_.database().queue_depths();
    const auto& boot_syncs = central_system_.boot_syncs();
    HttpResponse response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body =
        render_metrics(central_system_.metrics(), {.chargers_connected = central_system_.registry().size(),
                                                   .storage_writes_queued = depths.writes,
                                                   .storage_reads_queued = depths.reads,
                                                   .boot_syncs_waiting = boot_syncs.waiting(),
                                                   .boot_syncs_running = boot_syncs.running()});
    reply(std::move(response));
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
