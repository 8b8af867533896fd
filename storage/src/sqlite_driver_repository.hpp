#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Drivers; listed by name. A department of another institution fails with sqlite::SqliteError
// (SQLITE_CONSTRAINT_FOREIGNKEY).
class SqliteDriverRepository final : public DriverRepository {
public:
    explicit SqliteDriverRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<DriverRecord> find(std::int64_t id) override;
    Listing<DriverRecord> query(const DriverFilter& filter) override;
    std::optional<std::int64_t> insert(const DriverRecord& driver) override;
    UpdateResult update(const DriverRecord& driver) override;
    RemoveResult remove(std::int64_t id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
