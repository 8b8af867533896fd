#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Connection log, anomalies and data transfers. None needs a registered charger.
class SqliteEventRepository final : public EventRepository {
public:
    explicit SqliteEventRepository(sqlite::Connection& connection) : connection_(connection) {}

    void record_connection(const ConnectionEvent& event) override;
    // Newest first.
    std::vector<ConnectionEvent> connections(std::string_view charger_id, std::size_t limit,
                                             std::size_t offset) override;
    // The record's id is ignored; the database assigns one.
    void record_anomaly(const AnomalyRecord& anomaly) override;
    // Oldest first: the story of one transaction.
    std::vector<AnomalyRecord> anomalies_for_transaction(std::int32_t transaction_id) override;
    // Newest first.
    std::vector<AnomalyRecord> anomalies_for_charger(std::string_view charger_id, std::size_t limit,
                                                     std::size_t offset) override;
    void record_data_transfer(const DataTransferRecord& transfer) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
