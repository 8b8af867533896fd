#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"
#include "sqlite_api_token_repository.hpp"
#include "sqlite_charger_repository.hpp"
#include "sqlite_event_repository.hpp"
#include "sqlite_id_tag_repository.hpp"
#include "sqlite_meter_value_repository.hpp"
#include "sqlite_transaction_repository.hpp"

namespace parkgrid::storage {

// All repositories over one connection. Each storage thread keeps one for its connection and hands it to
// every job it runs; the transaction around the job is the unit of work.
class SqliteRepositories final : public Repositories {
public:
    explicit SqliteRepositories(sqlite::Connection& connection);

    ChargerRepository& chargers() override { return chargers_; }
    IdTagRepository& id_tags() override { return id_tags_; }
    TransactionRepository& transactions() override { return transactions_; }
    MeterValueRepository& meter_values() override { return meter_values_; }
    EventRepository& events() override { return events_; }
    ApiTokenRepository& api_tokens() override { return api_tokens_; }

    // For code inside storage/ (and its tests) that needs SQL beyond the repositories.
    sqlite::Connection& connection() { return connection_; }

private:
    sqlite::Connection& connection_;
    SqliteChargerRepository chargers_;
    SqliteIdTagRepository id_tags_;
    SqliteTransactionRepository transactions_;
    SqliteMeterValueRepository meter_values_;
    SqliteEventRepository events_;
    SqliteApiTokenRepository api_tokens_;
};

}  // namespace parkgrid::storage
