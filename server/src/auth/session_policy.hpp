#pragma once

#include <algorithm>
#include <chrono>

#include "parkgrid/storage/records.hpp"
#include "parkgrid/storage/user_records.hpp"

namespace parkgrid::server::auth {

// When sessions and API tokens stop working.
struct SessionPolicy {
    std::chrono::seconds idle_timeout{12 * 3600};  // --session-idle-timeout
    std::chrono::seconds lifetime{7 * 24 * 3600};  // --session-lifetime

    // last_seen_at (and an API token's last_used_at) is written at most this often, so that using a
    // session costs no write per request; a tenth of the idle timeout keeps the timeout accurate.
    std::chrono::milliseconds touch_interval() const {
        return std::min<std::chrono::milliseconds>(std::chrono::minutes(1),
                                                   std::chrono::milliseconds(idle_timeout) / 10);
    }

    storage::Timestamp expiry_for_new_session(storage::Timestamp now) const { return now + lifetime; }

    bool is_live(const storage::SessionRecord& session, storage::Timestamp now) const {
        return !session.revoked_at && now < session.expires_at && now < session.last_seen_at + idle_timeout;
    }
};

inline bool is_live(const storage::ApiTokenRecord& token, storage::Timestamp now) {
    return !token.revoked_at && (!token.expires_at || now < *token.expires_at);
}

}  // namespace parkgrid::server::auth
