#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string>

#include "parkgrid/server/boot_sync_queue.hpp"
#include "parkgrid/server/charger_registry.hpp"
#include "parkgrid/server/command_service.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/server/configuration_manager.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/local_list_manager.hpp"
#include "parkgrid/server/metrics.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

class ChargerAuthenticator;
struct ChargerCredentials;
class LoadManager;

// Whether a charger's WebSocket upgrade is served; decided before the handshake completes.
struct Admission {
    bool admitted = false;
    unsigned http_status = 200;  // when refused
    std::string reason;
    bool challenge = false;  // a 401 that asks for HTTP Basic credentials
    Registration registration = Registration::Unregistered;
};

// The application core the network layer talks to: admits charger connections, keeps the registry of
// connected chargers and logs their connections.
class CentralSystem {
public:
    // `executor` runs the central system's own timers (e.g. waiting for a remotely started transaction).
    CentralSystem(boost::asio::any_io_executor executor, storage::Database& database, const Config& config,
                  Metrics& metrics);
    ~CentralSystem();
    CentralSystem(const CentralSystem&) = delete;
    CentralSystem& operator=(const CentralSystem&) = delete;

    // Authenticates the connection by the charger's security profile; `done` may run on any thread.
    void admit(const std::string& charger_id, ChargerCredentials credentials,
               std::function<void(Admission)> done);
    // Creates the session of a connection that completed its handshake; replaces (and closes) an earlier
    // connection of the same charger.
    std::shared_ptr<ChargerSession> connect(const boost::asio::any_io_executor& executor,
                                            std::weak_ptr<ChargerLink> link, const std::string& charger_id,
                                            const std::string& remote_address, Registration registration);
    void disconnect(ChargerSession& session, const std::string& why);
    // Closes every charger connection, e.g. with GoingAway on shutdown.
    void close_all(CloseCode code, const std::string& reason);

    ChargerRegistry& registry() { return registry_; }
    EventBus& events() { return events_; }
    CommandService& commands() { return commands_; }
    ConfigurationManager& configuration() { return configuration_; }
    LocalListManager& local_lists() { return local_lists_; }
    const BootSyncQueue& boot_syncs() const { return boot_syncs_; }
    ChargerAuthenticator& authenticator() { return *authenticator_; }
    LoadManager& load() { return *load_; }
    const boost::asio::any_io_executor& executor() const { return executor_; }
    storage::Database& database() { return database_; }
    const Config& config() const { return config_; }
    Metrics& metrics() { return metrics_; }

private:
    void log_connection(const std::string& charger_id, const std::string& event,
                        const std::string& remote_address, std::optional<std::string> detail);

    boost::asio::any_io_executor executor_;
    storage::Database& database_;
    const Config& config_;
    Metrics& metrics_;
    ChargerRegistry registry_;
    EventBus events_;
    CommandService commands_{registry_, database_, events_};
    // Sixteen at a time: with a few boots each synchronisation starts at once; in a reconnect storm they
    // wait behind the boots (34,000 at the peak of a 19,500-charger storm here) and then drain at about
    // 2,500 a second.
    BootSyncQueue boot_syncs_{executor_, 16, [this](const std::string& charger_id) {
                                  return registry_.find(charger_id) != nullptr;
                              }};
    ConfigurationManager configuration_{commands_, database_, events_, boot_syncs_};
    LocalListManager local_lists_{executor_, registry_, commands_, database_, events_, boot_syncs_};
    std::unique_ptr<ChargerAuthenticator> authenticator_;
    std::shared_ptr<LoadManager> load_;
};

}  // namespace parkgrid::server
