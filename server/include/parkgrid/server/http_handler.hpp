#pragma once

#include <memory>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server {

namespace api {
class Authenticator;
class Router;
}  // namespace api

// Everything served over plain HTTP on the listening port: /healthz, the REST API under /api (bearer
// tokens), and the admin UI's static files.
class HttpHandler {
public:
    explicit HttpHandler(CentralSystem& central_system);
    ~HttpHandler();

    void handle(HttpRequest request, HttpReply reply);

private:
    void handle_api(HttpRequest request, HttpReply reply);
    void handle_health(HttpReply reply);
    void handle_static(const HttpRequest& request, const HttpReply& reply) const;

    CentralSystem& central_system_;
    std::unique_ptr<api::Authenticator> authenticator_;
    std::unique_ptr<api::Router> router_;
};

}  // namespace parkgrid::server
