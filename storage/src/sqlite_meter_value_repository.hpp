#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Meter values, one row per MeterValue element (see migrations/0001_initial.sql).
class SqliteMeterValueRepository final : public MeterValueRepository {
public:
    explicit SqliteMeterValueRepository(sqlite::Connection& connection) : connection_(connection) {}

    bool insert(const MeterValueRecord& meter_value) override;
    // Oldest first.
    std::vector<MeterValueRecord> for_transaction(std::int32_t transaction_id) override;
    std::size_t delete_before(Timestamp cutoff, std::size_t limit) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
