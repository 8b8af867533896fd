#include "parkgrid/server/application.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <thread>
#include <vector>

#include "api/api_tokens.hpp"
#include "auth/bootstrap_admin_user.hpp"
#include "parkgrid/server/central_system.hpp"
#include "parkgrid/server/housekeeping.hpp"
#include "parkgrid/server/http_handler.hpp"
#include "parkgrid/server/http_server.hpp"
#include "parkgrid/server/log.hpp"
#include "reports/quality_monitor.hpp"
#include "reports/quality_settings.hpp"
#include "security/certificate_issuer.hpp"

namespace parkgrid::server {
namespace {

namespace net = boost::asio;

std::optional<std::string> environment(const char* name) {
    const char* value = std::getenv(name);
    return value && *value ? std::optional<std::string>(value) : std::nullopt;
}

// Waits (polling) until every charger connection has closed or the grace period is over.
void wait_for_chargers(const std::shared_ptr<net::steady_timer>& timer, CentralSystem& central_system,
                       std::chrono::steady_clock::time_point deadline, std::function<void()> done) {
    if (central_system.registry().size() == 0 || std::chrono::steady_clock::now() >= deadline) {
        done();
        return;
    }
    timer->expires_after(std::chrono::milliseconds(20));
    timer->async_wait(
        [timer, &central_system, deadline, done = std::move(done)](boost::system::error_code) mutable {
            wait_for_chargers(timer, central_system, deadline, std::move(done));
        });
}

}  // namespace

int run_application(const Config& config) {
    log::configure(config.log_level, config.log_json);

    Metrics metrics;
    storage::SqliteOptions storage_options;
    storage_options.path = config.db_path;
    storage_options.durable = config.db_durable;
    storage_options.commit_gather = config.db_commit_gather;
    storage_options.batch_observer = [&metrics](std::size_t batch_size, std::chrono::microseconds time) {
        metrics.record_commit(batch_size, time);
    };
    const auto database = storage::open_sqlite_database(storage_options);

    if (const auto token = api::bootstrap_admin_token(*database, environment("CSMS_ADMIN_TOKEN"))) {
        // Shown once: only its hash is stored.
        std::cout << "Generated the administrator API token (shown only now; set CSMS_ADMIN_TOKEN to choose "
                     "one):\n  "
                  << *token << std::endl;
    }
    if (auth::bootstrap_admin_user(*database, environment("CSMS_ADMIN_PASSWORD"))) {
        log::info("created the administrator user from CSMS_ADMIN_PASSWORD",
                  {{"user", std::string(auth::kBootstrapAdminUsername)}});
    }

    const std::size_t threads =
        config.threads ? config.threads : std::max(1u, std::thread::hardware_concurrency());
    net::io_context io_context(static_cast<int>(threads));
    // Registered before the server announces itself: a signal that arrives before its handler is waiting is
    // kept by asio, not left to the default action.
    net::signal_set signals(io_context, SIGINT, SIGTERM);
    net::signal_set reload_signal(io_context, SIGHUP);
    CentralSystem central_system(io_context.get_executor(), *database, config, metrics);
    // ParkGrid's own CA for charger certificates, when --charger-ca-cert and --charger-ca-key name one.
    const auto certificate_issuer = security::start_certificate_issuer(central_system);
    HttpHandler http_handler(central_system);
    HttpServer server(io_context, central_system, http_handler, config);
    const Endpoint bound = server.start();
    const auto bound_tls = server.start_tls();
    auto housekeeping = std::make_shared<Housekeeping>(
        io_context.get_executor(), *database,
        Housekeeping::Options{.meter_value_retention_months = config.meter_value_retention_months});
    housekeeping->start();
    auto quality_monitor = std::make_shared<reports::QualityMonitor>(
        io_context.get_executor(), *database, reports::quality_limits(config), config.quality_period);
    quality_monitor->start();
    log::info("csms listening", {{"address", bound.host + ":" + std::to_string(bound.port)},
                                 {"db", config.db_path},
                                 {"threads", std::to_string(threads)}});
    std::cout << "csms listening on " << bound.host << ":" << bound.port << std::endl;
    if (bound_tls) {
        log::info("csms listening with TLS",
                  {{"address", bound_tls->host + ":" + std::to_string(bound_tls->port)}});
        std::cout << "csms listening with TLS on " << bound_tls->host << ":" << bound_tls->port << std::endl;
    }

    auto work = net::make_work_guard(io_context);
    // SIGHUP reads the TLS certificates and keys again without dropping a connection.
    std::function<void()> wait_for_reload = [&] {
        reload_signal.async_wait([&](boost::system::error_code reload_error, int) {
            if (reload_error) {
                return;
            }
            try {
                server.reload_tls();
                log::info("TLS certificates reloaded");
            } catch (const std::exception& error) {
                log::error("TLS reload failed; the previous certificates stay in use",
                           {{"error", error.what()}});
            }
            wait_for_reload();
        });
    };
    wait_for_reload();

    signals.async_wait([&](boost::system::error_code ec, int signal) {
        if (ec) {
            return;
        }
        log::info("shutting down", {{"signal", std::to_string(signal)}});
        reload_signal.cancel();
        server.stop_accepting();
        housekeeping->stop();
        quality_monitor->stop();
        central_system.close_all(CloseCode::GoingAway, "server shutting down");
        auto timer = std::make_shared<net::steady_timer>(io_context);
        wait_for_chargers(timer, central_system, std::chrono::steady_clock::now() + config.shutdown_grace,
                          [&] {
                              work.reset();
                              io_context.stop();
                          });
    });

    std::vector<std::thread> pool;
    for (std::size_t i = 1; i < threads; ++i) {
        pool.emplace_back([&] { io_context.run(); });
    }
    io_context.run();
    for (auto& thread : pool) {
        thread.join();
    }
    database->shutdown();  // commits what chargers already sent, checkpoints the WAL
    log::info("stopped");
    return 0;
}

}  // namespace parkgrid::server
