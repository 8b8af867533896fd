#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server {

namespace api {
class AuditRecorder;
class Authenticator;
class Router;
}  // namespace api
namespace auth {
struct AuthServices;
}  // namespace auth
namespace reports {
class ExportJobs;
}  // namespace reports

// Everything served over plain HTTP on the listening port: /healthz, /metrics, the REST API under /api (login
// sessions and API tokens; state-changing requests are audited), and the admin UI's static files.
class DiagnosticsUploads;

class HttpHandler {
public:
    static constexpr std::string_view kMetricsPath = "/metrics";

    explicit HttpHandler(CentralSystem& central_system);
    ~HttpHandler();

    // Answers exactly once, through `reply`, possibly later and from another thread.
    void handle(HttpRequest request, HttpReply reply);

    // Every API route as "METHOD /pattern", for checking the OpenAPI description against them.
    std::vector<std::string> api_routes() const;

private:
    void handle_api(HttpRequest request, HttpReply reply);
    void handle_health(HttpReply reply);
    void handle_metrics(const HttpRequest& request, const HttpReply& reply);
    void handle_static(const HttpRequest& request, const HttpReply& reply) const;

    CentralSystem& central_system_;
    std::unique_ptr<auth::AuthServices> auth_;  // sessions, login throttle, password worker
    std::unique_ptr<api::AuditRecorder> audit_;
    std::unique_ptr<api::Authenticator> authenticator_;
    std::unique_ptr<api::Router> public_router_;  // routes that need no authentication: the login
    std::unique_ptr<api::Router> router_;
    std::unique_ptr<DiagnosticsUploads> diagnostics_uploads_;
    std::unique_ptr<reports::ExportJobs> exports_;  // report export jobs and their files
};

}  // namespace parkgrid::server
