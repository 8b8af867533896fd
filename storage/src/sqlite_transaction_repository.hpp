#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Charging transactions. The row id is the OCPP transactionId.
class SqliteTransactionRepository final : public TransactionRepository {
public:
    explicit SqliteTransactionRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<TransactionRecord> find(std::int32_t id) override;
    std::optional<TransactionRecord> find_same_start(const TransactionStart& start) override;
    // Throws sqlite::SqliteError (SQLITE_CONSTRAINT_UNIQUE) for a start that exists already (see
    // find_same_start) and (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown charger. Writes the
    // transaction's attribution in the same call.
    std::int32_t insert(const TransactionStart& start) override;
    std::vector<TransactionRecord> open_on_connector(std::string_view charger_id,
                                                     std::int32_t connector_id) override;
    std::vector<TransactionRecord> open_for_id_tag(std::string_view id_tag) override;
    // Only the first stop counts: stopping a finished (or unknown) transaction changes nothing, so a
    // retried StopTransaction is harmless.
    void record_stop(std::int32_t id, const TransactionStop& stop) override;
    std::vector<TransactionRecord> query(const TransactionFilter& filter) override;
    std::size_t count(const TransactionFilter& filter) override;

private:
    // Writes the transaction_attribution snapshot of a transaction just inserted.
    void record_attribution(std::int32_t id, const TransactionStart& start);

    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
