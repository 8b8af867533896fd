#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Vehicles; listed by plate number. A department of another institution fails with sqlite::SqliteError
// (SQLITE_CONSTRAINT_FOREIGNKEY).
class SqliteVehicleRepository final : public VehicleRepository {
public:
    explicit SqliteVehicleRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<VehicleRecord> find(std::int64_t id) override;
    Listing<VehicleRecord> query(const VehicleFilter& filter) override;
    std::optional<std::int64_t> insert(const VehicleRecord& vehicle) override;
    UpdateResult update(const VehicleRecord& vehicle) override;
    RemoveResult remove(std::int64_t id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
