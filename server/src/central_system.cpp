#include "parkgrid/server/central_system.hpp"

#include "charger_auth/charger_authenticator.hpp"
#include "charger_auth/security_events.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/load_manager.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

Registration registration_of(const std::optional<storage::ChargerRecord>& charger) {
    return charger ? to_registration(charger->registration_status) : Registration::Unregistered;
}

LoadManager::Options load_options(const Config& config, Metrics& metrics) {
    LoadManager::Options options;
    options.metrics = &metrics;
    options.period_seconds = config.load_period.count();
    options.building_load_stale_after_seconds = config.building_load_stale_after.count();
    options.scheduler.change_threshold_a = static_cast<double>(config.limit_change_threshold_tenths) / 10.0;
    options.scheduler.min_change_interval = config.limit_min_interval.count();
    options.scheduler.max_changes_per_hour = static_cast<int>(config.limit_changes_per_hour);
    return options;
}

}  // namespace

CentralSystem::CentralSystem(boost::asio::any_io_executor executor, storage::Database& database,
                             const Config& config, Metrics& metrics)
    : executor_(std::move(executor)),
      database_(database),
      config_(config),
      metrics_(metrics),
      authenticator_(std::make_unique<ChargerAuthenticator>(database_, events_, config_)),
      load_(std::make_shared<LoadManager>(executor_, database_, commands_, events_,
                                          load_options(config_, metrics_))) {
    load_->start();
}

CentralSystem::~CentralSystem() {
    load_->stop();
}

void CentralSystem::admit(const std::string& charger_id, ChargerCredentials credentials,
                          std::function<void(Admission)> done) {
    authenticator_->authenticate(
        charger_id, std::move(credentials),
        [&metrics = metrics_, done = std::move(done)](ChargerAuthentication result) {
            metrics.record_connection(result.admitted);
            done(Admission{result.admitted, result.http_status, std::move(result.reason), result.challenge,
                           registration_of(result.charger)});
        });
}

std::shared_ptr<ChargerSession> CentralSystem::connect(const boost::asio::any_io_executor& executor,
                                                       std::weak_ptr<ChargerLink> link,
                                                       const std::string& charger_id,
                                                       const std::string& remote_address,
                                                       Registration registration) {
    auto state = std::make_shared<ChargerState>(charger_id, remote_address);
    state->registration = registration;
    auto session = std::make_shared<ChargerSession>(executor, std::move(link), state, database_, events_,
                                                    config_, &metrics_);
    log::info("charger connected", {{"charger", charger_id}, {"remote", remote_address}});
    log_connection(charger_id, "connected", remote_address, std::nullopt);
    events_.publish("charger.connected", charger_id, {{"remoteAddress", remote_address}});
    if (auto replaced = registry_.add(session)) {
        log::warn("charger connection replaced by a new one", {{"charger", charger_id},
                                                               {"remote", replaced->state().remote_address},
                                                               {"newRemote", remote_address}});
        log_connection(charger_id, "replaced", replaced->state().remote_address,
                       "by a connection from " + remote_address);
        replaced->close(CloseCode::PolicyViolation, "replaced by a new connection");
        if (registration != Registration::Unregistered) {
            record_security_event(database_, events_, charger_id, kConnectionReplaced,
                                  "the connection from " + replaced->state().remote_address +
                                      " was replaced by an authenticated one",
                                  remote_address);
        }
    }
    return session;
}

void CentralSystem::disconnect(ChargerSession& session, const std::string& why) {
    session.closed();
    registry_.remove(session);
    const auto& state = session.state();
    log::info("charger disconnected",
              {{"charger", state.id}, {"remote", state.remote_address}, {"reason", why}});
    log_connection(state.id, "disconnected", state.remote_address, why);
    events_.publish("charger.disconnected", state.id, {{"reason", why}});
}

void CentralSystem::close_all(CloseCode code, const std::string& reason) {
    for (const auto& session : registry_.all()) {
        session->close(code, reason);
    }
}

void CentralSystem::log_connection(const std::string& charger_id, const std::string& event,
                                   const std::string& remote_address, std::optional<std::string> detail) {
    storage::ConnectionEvent record{charger_id, event, remote_address, std::move(detail),
                                    ocpp::DateTime::now().instant()};
    storage::write(
        database_,
        [record = std::move(record)](storage::Repositories& repositories) {
            repositories.events().record_connection(record);
            repositories.chargers().touch(record.charger_id, record.at);  // no-op for unregistered identities
        },
        [charger_id](const storage::Outcome<storage::detail::Unit>& outcome) {
            if (!outcome.ok()) {
                log::error("could not log connection event", {{"charger", charger_id}});
            }
        });
}

}  // namespace parkgrid::server
