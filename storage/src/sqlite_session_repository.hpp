#pragma once

#include "parkgrid/storage/user_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteSessionRepository final : public SessionRepository {
public:
    explicit SqliteSessionRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t insert(const SessionRecord& session) override;
    std::optional<SessionRecord> find_by_hash(std::string_view token_hash) override;
    void touch(std::int64_t id, Timestamp seen_at) override;
    bool revoke(std::int64_t id, Timestamp at) override;
    std::size_t revoke_all_of_user(std::int64_t user_id, Timestamp at) override;
    std::size_t purge_ended(Timestamp now, Timestamp idle_cutoff) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
