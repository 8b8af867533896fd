#include "sqlite_transaction_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view select_transaction =
    "SELECT id, charger_id, connector_id, id_tag, start_timestamp, meter_start, reservation_id, "
    "authorization_status, received_at, stop_timestamp, meter_stop, stop_reason, stop_id_tag, "
    "stop_received_at "
    "FROM transactions ";

TransactionRecord read_transaction(const sqlite::Statement& row) {
    TransactionRecord transaction;
    transaction.id = row.column<std::int32_t>(0);
    transaction.start = TransactionStart{
        .charger_id = row.column<std::string>(1),
        .connector_id = row.column<std::int32_t>(2),
        .id_tag = row.column<std::string>(3),
        .timestamp = timestamp_column(row, 4),
        .meter_start = row.column<std::int64_t>(5),
        .reservation_id = row.column<std::optional<std::int32_t>>(6),
        .authorization_status = row.column<std::string>(7),
        .received_at = timestamp_column(row, 8),
    };
    if (!row.is_null(9)) {  // the schema keeps the stop columns all NULL or all set
        transaction.stop = TransactionStop{
            .timestamp = timestamp_column(row, 9),
            .meter_stop = row.column<std::int64_t>(10),
            .reason = row.column<std::optional<std::string>>(11),
            .id_tag = row.column<std::optional<std::string>>(12),
            .received_at = timestamp_column(row, 13),
        };
    }
    return transaction;
}

// The SQL names only the conditions in use, so SQLite can pick the matching index; each combination is
// prepared once and cached.
WhereClause where_clause(const TransactionFilter& filter) {
    WhereClause where;
    where.add_if("charger_id = ?", filter.charger_id);
    where.add_if("id_tag = ?", filter.id_tag);
    if (filter.from) {
        where.add("start_timestamp >= ?", to_unix_millis(*filter.from));
    }
    if (filter.to) {
        where.add("start_timestamp < ?", to_unix_millis(*filter.to));
    }
    if (filter.open) {
        where.add(*filter.open ? "stop_timestamp IS NULL" : "stop_timestamp IS NOT NULL");
    }
    where.add_if("id IN (SELECT transaction_id FROM transaction_attribution WHERE vehicle_id = ?)",
                 filter.vehicle_id);
    // A transaction is in scope when its charger's site is.
    where.add_scope(
        "charger_id IN (SELECT chargers.id FROM chargers JOIN sites ON sites.id = chargers.site_id "
        "WHERE sites.institution_id IN (SELECT value FROM ?))",
        filter.scope);
    return where;
}

std::vector<TransactionRecord> read_all(sqlite::Statement& statement) {
    std::vector<TransactionRecord> transactions;
    while (statement.step()) {
        transactions.push_back(read_transaction(statement));
    }
    return transactions;
}

}  // namespace

std::optional<TransactionRecord> SqliteTransactionRepository::find(std::int32_t id) {
    static const std::string sql = std::string(select_transaction) + "WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_transaction(*statement)) : std::nullopt;
}

std::optional<TransactionRecord> SqliteTransactionRepository::find_same_start(const TransactionStart& start) {
    // Served by the UNIQUE index transactions_same_start; id_tag compares case-insensitively as everywhere.
    static const std::string sql = std::string(select_transaction) +
                                   "WHERE charger_id = ?1 AND connector_id = ?2 AND id_tag = ?3 "
                                   "AND start_timestamp = ?4 AND meter_start = ?5";
    auto statement = connection_.cached(sql);
    statement->bind_all(start.charger_id, start.connector_id, start.id_tag, to_unix_millis(start.timestamp),
                        start.meter_start);
    return statement->step() ? std::optional(read_transaction(*statement)) : std::nullopt;
}

std::int32_t SqliteTransactionRepository::insert(const TransactionStart& start) {
    auto statement = connection_.cached(
        "INSERT INTO transactions (charger_id, connector_id, id_tag, start_timestamp, meter_start, "
        "reservation_id, authorization_status, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement
        ->bind_all(start.charger_id, start.connector_id, start.id_tag, to_unix_millis(start.timestamp),
                   start.meter_start, start.reservation_id, start.authorization_status,
                   to_unix_millis(start.received_at))
        .execute();
    // The table's CHECK keeps ids within 32 bits; an id beyond fails the INSERT above.
    const auto id = static_cast<std::int32_t>(connection_.last_insert_rowid());
    record_attribution(id, start);
    return id;
}

void SqliteTransactionRepository::record_attribution(std::int32_t id, const TransactionStart& start) {
    // The organisation as it is now, kept for good (see migration 0008). The tag's vehicle and driver are
    // of the tag's institution (a trigger insists), and a tag has at most one of them. id_tags compares
    // NOCASE, as OCPP id tags do.
    auto statement = connection_.cached(
        "INSERT INTO transaction_attribution (transaction_id, site_id, site_institution_id, institution_id, "
        "department_id, vehicle_id, driver_id, id_tag_known) "
        "SELECT ?1, sites.id, sites.institution_id, "
        "coalesce(vehicles.institution_id, id_tags.institution_id, sites.institution_id), "
        "coalesce(vehicles.department_id, drivers.department_id), id_tags.vehicle_id, id_tags.driver_id, "
        "id_tags.id_tag IS NOT NULL "
        "FROM chargers LEFT JOIN sites ON sites.id = chargers.site_id "
        "LEFT JOIN id_tags ON id_tags.id_tag = ?3 "
        "LEFT JOIN vehicles ON vehicles.id = id_tags.vehicle_id "
        "LEFT JOIN drivers ON drivers.id = id_tags.driver_id "
        "WHERE chargers.id = ?2");
    statement->bind_all(id, start.charger_id, start.id_tag).execute();
}

std::vector<TransactionRecord> SqliteTransactionRepository::open_on_connector(std::string_view charger_id,
                                                                              std::int32_t connector_id) {
    static const std::string sql = std::string(select_transaction) +
                                   "WHERE charger_id = ?1 AND connector_id = ?2 AND stop_timestamp IS NULL "
                                   "ORDER BY id";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id, connector_id);
    return read_all(*statement);
}

std::vector<TransactionRecord> SqliteTransactionRepository::open_for_id_tag(std::string_view id_tag) {
    static const std::string sql =
        std::string(select_transaction) + "WHERE id_tag = ?1 AND stop_timestamp IS NULL ORDER BY id";
    auto statement = connection_.cached(sql);
    statement->bind_all(id_tag);
    return read_all(*statement);
}

void SqliteTransactionRepository::record_stop(std::int32_t id, const TransactionStop& stop) {
    auto statement = connection_.cached(
        "UPDATE transactions SET stop_timestamp = ?2, meter_stop = ?3, stop_reason = ?4, stop_id_tag = ?5, "
        "stop_received_at = ?6 WHERE id = ?1 AND stop_timestamp IS NULL");
    statement
        ->bind_all(id, to_unix_millis(stop.timestamp), stop.meter_stop, stop.reason, stop.id_tag,
                   to_unix_millis(stop.received_at))
        .execute();
}

std::vector<TransactionRecord> SqliteTransactionRepository::query(const TransactionFilter& filter) {
    const auto where = where_clause(filter);
    const auto limit_parameter = std::to_string(where.parameter_count() + 1);
    const auto offset_parameter = std::to_string(where.parameter_count() + 2);
    auto statement = connection_.cached(std::string(select_transaction) + where.sql() +
                                        " ORDER BY start_timestamp DESC, id DESC LIMIT ?" + limit_parameter +
                                        " OFFSET ?" + offset_parameter);
    where.bind(*statement);
    statement->bind(static_cast<int>(where.parameter_count() + 1), to_sql_count(filter.limit));
    statement->bind(static_cast<int>(where.parameter_count() + 2), to_sql_count(filter.offset));
    return read_all(*statement);
}

std::size_t SqliteTransactionRepository::count(const TransactionFilter& filter) {
    const auto where = where_clause(filter);
    auto statement = connection_.cached("SELECT count(*) FROM transactions" + where.sql());
    where.bind(*statement);
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

}  // namespace parkgrid::storage
