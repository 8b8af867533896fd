#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteApiTokenRepository final : public ApiTokenRepository {
public:
    explicit SqliteApiTokenRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<ApiTokenRecord> find_by_hash(std::string_view token_hash) override;
    std::optional<ApiTokenRecord> find_by_name(std::string_view name) override;
    // The record's id is ignored. Throws sqlite::SqliteError (SQLITE_CONSTRAINT_UNIQUE) when the name or the
    // hash is taken.
    std::int64_t insert(const ApiTokenRecord& token) override;
    void replace_hash(std::int64_t id, const std::string& token_hash) override;
    std::size_t count() override;
    void touch(std::int64_t id, Timestamp used_at) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
