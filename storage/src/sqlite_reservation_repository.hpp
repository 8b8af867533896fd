#pragma once

#include "parkgrid/storage/operations_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteReservationRepository final : public ReservationRepository {
public:
    explicit SqliteReservationRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int32_t insert(const ReservationRecord& reservation) override;
    std::optional<ReservationRecord> find(std::int32_t id) override;
    void set_status(std::int32_t id, const std::string& status,
                    const std::optional<std::string>& charger_status, Timestamp at) override;
    bool mark_used(std::int32_t id, std::string_view charger_id, std::int32_t transaction_id,
                   Timestamp at) override;
    std::size_t expire_due(Timestamp now) override;
    Listing<ReservationRecord> query(const ReservationFilter& filter) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
