#include "sqlite_event_repository.hpp"

#include <string>

#include "column_conversions.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view select_anomaly =
    "SELECT id, charger_id, transaction_id, kind, detail, at FROM anomalies ";

std::vector<AnomalyRecord> read_anomalies(sqlite::Statement& statement) {
    std::vector<AnomalyRecord> anomalies;
    while (statement.step()) {
        anomalies.push_back(AnomalyRecord{
            .id = statement.column<std::int64_t>(0),
            .charger_id = statement.column<std::string>(1),
            .transaction_id = statement.column<std::optional<std::int32_t>>(2),
            .kind = statement.column<std::string>(3),
            .detail = statement.column<std::string>(4),
            .at = timestamp_column(statement, 5),
        });
    }
    return anomalies;
}

}  // namespace

void SqliteEventRepository::record_connection(const ConnectionEvent& event) {
    auto statement = connection_.cached(
        "INSERT INTO connection_log (charger_id, event, remote_address, detail, at) VALUES (?1, ?2, ?3, ?4, "
        "?5)");
    statement
        ->bind_all(event.charger_id, event.event, event.remote_address, event.detail,
                   to_unix_millis(event.at))
        .execute();
}

std::vector<ConnectionEvent> SqliteEventRepository::connections(std::string_view charger_id,
                                                                std::size_t limit, std::size_t offset) {
    auto statement = connection_.cached(
        "SELECT charger_id, event, remote_address, detail, at FROM connection_log WHERE charger_id = ?1 "
        "ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3");
    statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    std::vector<ConnectionEvent> events;
    while (statement->step()) {
        events.push_back(ConnectionEvent{
            .charger_id = statement->column<std::string>(0),
            .event = statement->column<std::string>(1),
            .remote_address = statement->column<std::string>(2),
            .detail = statement->column<std::optional<std::string>>(3),
            .at = timestamp_column(*statement, 4),
        });
    }
    return events;
}

void SqliteEventRepository::record_anomaly(const AnomalyRecord& anomaly) {
    auto statement = connection_.cached(
        "INSERT INTO anomalies (charger_id, transaction_id, kind, detail, at) VALUES (?1, ?2, ?3, ?4, ?5)");
    statement
        ->bind_all(anomaly.charger_id, anomaly.transaction_id, anomaly.kind, anomaly.detail,
                   to_unix_millis(anomaly.at))
        .execute();
}

std::vector<AnomalyRecord> SqliteEventRepository::anomalies_for_transaction(std::int32_t transaction_id) {
    static const std::string sql = std::string(select_anomaly) + "WHERE transaction_id = ?1 ORDER BY at, id";
    auto statement = connection_.cached(sql);
    statement->bind_all(transaction_id);
    return read_anomalies(*statement);
}

std::vector<AnomalyRecord> SqliteEventRepository::anomalies_for_charger(std::string_view charger_id,
                                                                        std::size_t limit,
                                                                        std::size_t offset) {
    static const std::string sql =
        std::string(select_anomaly) + "WHERE charger_id = ?1 ORDER BY at DESC, id DESC LIMIT ?2 OFFSET ?3";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    return read_anomalies(*statement);
}

void SqliteEventRepository::record_data_transfer(const DataTransferRecord& transfer) {
    auto statement = connection_.cached(
        "INSERT INTO data_transfers (charger_id, vendor_id, message_id, data, response_status, at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    statement
        ->bind_all(transfer.charger_id, transfer.vendor_id, transfer.message_id, transfer.data,
                   transfer.response_status, to_unix_millis(transfer.at))
        .execute();
}

}  // namespace parkgrid::storage
