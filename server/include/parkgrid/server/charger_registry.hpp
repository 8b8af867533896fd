#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parkgrid/server/charger_session.hpp"

namespace parkgrid::server {

// The connected chargers by identity; thread-safe. At most one session per identity.
class ChargerRegistry {
public:
    // Registers `session` and returns the session it replaces, if the identity was connected already.
    std::shared_ptr<ChargerSession> add(const std::shared_ptr<ChargerSession>& session);
    // Removes `session` unless a newer session for the identity has replaced it.
    void remove(const ChargerSession& session);
    std::shared_ptr<ChargerSession> find(std::string_view charger_id) const;
    std::vector<std::shared_ptr<ChargerSession>> all() const;
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::unordered_map<std::string, std::shared_ptr<ChargerSession>> sessions_;
};

}  // namespace parkgrid::server
