#include "parkgrid/server/charger_registry.hpp"

namespace parkgrid::server {

std::shared_ptr<ChargerSession> ChargerRegistry::add(const std::shared_ptr<ChargerSession>& session) {
    const std::lock_guard lock(mutex_);
    auto& slot = sessions_[session->state().id];
    auto replaced = std::move(slot);
    slot = session;
    return replaced;
}

void ChargerRegistry::remove(const ChargerSession& session) {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(session.state().id);
    if (it != sessions_.end() && it->second.get() == &session) {
        sessions_.erase(it);
    }
}

std::shared_ptr<ChargerSession> ChargerRegistry::find(std::string_view charger_id) const {
    const std::lock_guard lock(mutex_);
    const auto it = sessions_.find(std::string(charger_id));
    return it == sessions_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<ChargerSession>> ChargerRegistry::all() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::shared_ptr<ChargerSession>> out;
    out.reserve(sessions_.size());
    for (const auto& [id, session] : sessions_) {
        out.push_back(session);
    }
    return out;
}

std::size_t ChargerRegistry::size() const {
    const std::lock_guard lock(mutex_);
    return sessions_.size();
}

}  // namespace parkgrid::server
