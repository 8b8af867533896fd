#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <string>

#include "parkgrid/server/boot_sync_queue.hpp"
#include "parkgrid/server/charger_registry.hpp"
#include "parkgrid/server/command_service.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/local_list_plan.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

// Keeps each charger's local authorization list equal to the id tags allowed at its site (its
// institution's tags and the global ones), so that chargers that lose their connection still admit the
// right cards and refuse blocked ones. After an accepted boot (through the BootSyncQueue) it compares
// versions (GetLocalListVersion) and sends a Full list when they differ; when tags change it sends
// Differential updates to the connected chargers. A charger without local list support is remembered as such
// and left alone. The charger's own limits are kept: a list longer than LocalAuthListMaxLength is cut (see
// fit_local_list), and an update longer than SendLocalListMaxLength goes in several SendLocalLists.
class LocalListManager {
public:
    struct Result {
        bool sent = false;
        bool accepted = false;
        bool full = false;
        std::int32_t version = 0;
        std::string problem;
    };
    using Done = std::function<void(const Result&)>;

    LocalListManager(boost::asio::any_io_executor executor, ChargerRegistry& registry,
                     CommandService& commands, storage::Database& database, EventBus& events,
                     BootSyncQueue& boot_syncs);

    // `check_version`: ask the charger for its list version first (after a boot, or when in doubt).
    void synchronise(const std::string& charger_id, bool check_version, const std::string& requested_by,
                     Done done);

private:
    struct Plan;

    void send(const std::string& charger_id, std::optional<std::int32_t> charger_version,
              const std::string& requested_by, bool retried, Done done);
    void send_part(const std::string& charger_id, const std::string& requested_by, bool retried,
                   const std::shared_ptr<const Plan>& plan, std::size_t part, Done done);
    void synchronise_connected();

    ChargerRegistry& registry_;
    CommandService& commands_;
    storage::Database& database_;
    EventBus::Subscription on_boot_;
    EventBus::Subscription on_tags_changed_;
    // Tag changes arrive in bursts (an import, a fleet blocked at once): they are sent together.
    boost::asio::steady_timer debounce_;
    bool pending_ = false;
};

}  // namespace parkgrid::server
