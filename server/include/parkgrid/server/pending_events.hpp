#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "parkgrid/server/event_bus.hpp"

namespace parkgrid::server {

// Events a storage job produces while it runs, published only after its transaction committed: nobody
// hears of a transaction start that a crash could still undo.
class PendingEvents {
public:
    void add(std::string type, nlohmann::json data) {
        events_.emplace_back(std::move(type), std::move(data));
    }
    void publish(EventBus& bus, const std::string& charger_id) {
        for (auto& [type, data] : events_) {
            bus.publish(std::move(type), charger_id, std::move(data));
        }
        events_.clear();
    }

private:
    std::vector<std::pair<std::string, nlohmann::json>> events_;
};

}  // namespace parkgrid::server
