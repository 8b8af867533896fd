#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "parkgrid/ocpp/codec.hpp"
#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/server/charger_registry.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/rpc_endpoint.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

// How a command ended: the charger's answer (or why there is none) and its entry in the command log.
struct CommandOutcome {
    std::int64_t command_id = 0;
    bool offline = false;  // the charger was not connected; nothing was sent
    CallOutcome call;
};

// The one way CALLs reach chargers: used by the command API and by ParkGrid's own flows (configuration,
// local lists, reservations, firmware). Each command is logged before it is sent (who asked, when, what)
// and completed in the log with the answer, the CALLERROR, the timeout or the disconnection. The charger's
// session queues commands with one outstanding (RpcEndpoint).
class CommandService {
public:
    using Done = std::function<void(const CommandOutcome&)>;

    CommandService(ChargerRegistry& registry, storage::Database& database, EventBus& events)
        : registry_(registry), database_(database), events_(events) {}

    // `payload` must already satisfy the request schema of `action` (see ocpp::validate_request).
    // `requested_by` is "user:<name>", "token:<name>" or "system:<purpose>". `done` runs once the outcome
    // is in the log, on a storage thread.
    void send(const std::string& charger_id, const std::string& action, nlohmann::json payload,
              const std::string& requested_by, Done done);

    template <ocpp::Request T>
    void send(const std::string& charger_id, const T& request, const std::string& requested_by, Done done) {
        send(charger_id, std::string(T::action), ocpp::encode(request), requested_by, std::move(done));
    }

private:
    void complete(std::int64_t command_id, const std::string& charger_id, const std::string& action,
                  const std::string& requested_by, CommandOutcome outcome, Done done);

    ChargerRegistry& registry_;
    storage::Database& database_;
    EventBus& events_;
};

// Whether a request sets the AuthorizationKey (HTTP Basic password of security profiles 1 and 2). Its value
// is never written to the command log.
bool is_authorization_key_change(const std::string& action, const nlohmann::json& payload);

// The command log's name for how a command ended, e.g. "result", "call_error", "timeout", "offline".
std::string command_status_name(const CommandOutcome& outcome);

}  // namespace parkgrid::server
