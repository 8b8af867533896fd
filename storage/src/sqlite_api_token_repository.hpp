#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteApiTokenRepository final : public ApiTokenRepository {
public:
    explicit SqliteApiTokenRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<ApiTokenRecord> find_by_hash(std::string_view token_hash) override;
    std::optional<ApiTokenRecord> find_by_name(std::string_view name) override;
    std::optional<ApiTokenRecord> find(std::int64_t id) override;
    std::vector<ApiTokenRecord> list(std::size_t limit, std::size_t offset) override;
    // The record's id is ignored. Throws sqlite::SqliteError (SQLITE_CONSTRAINT_UNIQUE) when the name or the
    // hash is taken, SQLITE_CONSTRAINT_FOREIGNKEY when an institution does not exist.
    std::int64_t insert(const ApiTokenRecord& token) override;
    void replace_hash(std::int64_t id, const std::string& token_hash) override;
    std::size_t count() override;
    void touch(std::int64_t id, Timestamp used_at) override;
    bool revoke(std::int64_t id, Timestamp at) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
