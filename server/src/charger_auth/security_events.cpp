#include "security_events.hpp"

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/log.hpp"
#include "parkgrid/storage/security_repositories.hpp"

namespace parkgrid::server {

void record_security_event(storage::Database& database, EventBus& events, const std::string& charger_id,
                           std::string_view type, std::string tech_info,
                           std::optional<std::string> remote_address) {
    storage::SecurityEventRecord event;
    event.charger_id = charger_id;
    event.source = storage::SecurityEventSource::CentralSystem;
    event.type = std::string(type);
    event.tech_info = std::move(tech_info);
    event.remote_address = std::move(remote_address);
    event.occurred_at = ocpp::DateTime::now().instant();
    event.received_at = event.occurred_at;
    storage::write(
        database,
        [event](storage::Repositories& repositories) { return repositories.security_events().insert(event); },
        [&events, event](storage::Outcome<std::int64_t> outcome) {
            if (!outcome.ok()) {
                log::error("could not store a security event",
                           {{"charger", event.charger_id}, {"type", event.type}});
                return;
            }
            events.publish("security.event", event.charger_id,
                           {{"id", outcome.value()},
                            {"source", "centralSystem"},
                            {"type", event.type},
                            {"techInfo", event.tech_info.value_or("")},
                            {"critical", false}});
        });
}

}  // namespace parkgrid::server
