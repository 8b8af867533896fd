#pragma once

#include <functional>
#include <string>

#include "parkgrid/server/boot_sync_queue.hpp"
#include "parkgrid/server/command_service.hpp"
#include "parkgrid/server/desired_configuration.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

// Keeps chargers configured as administrators want (desired configuration): after every accepted boot
// (through the BootSyncQueue), and on request, it reads the charger's configuration with GetConfiguration,
// stores it, and sends ChangeConfiguration for each key whose value differs. Every CALL goes through the
// command log; the outcome per key (Accepted, RebootRequired, Rejected, NotSupported) is stored with the
// configuration.
class ConfigurationManager {
public:
    struct Result {
        bool read = false;  // GetConfiguration was answered
        std::size_t changes_sent = 0;
        std::size_t changes_accepted = 0;  // Accepted or RebootRequired
        bool reboot_required = false;
        std::string problem;  // why it stopped early, when it did
    };
    using Done = std::function<void(const Result&)>;

    ConfigurationManager(CommandService& commands, storage::Database& database, EventBus& events,
                         BootSyncQueue& boot_syncs);

    void synchronise(const std::string& charger_id, const std::string& requested_by, Done done);

private:
    void apply(const std::string& charger_id, const std::string& requested_by,
               std::vector<ConfigurationChange> changes, std::shared_ptr<Result> result, Done done);

    CommandService& commands_;
    storage::Database& database_;
    EventBus& events_;
    EventBus::Subscription on_boot_;
};

}  // namespace parkgrid::server
