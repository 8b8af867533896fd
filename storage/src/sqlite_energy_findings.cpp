// Data quality: findings, the quality tally, and what the checks read about transactions and sessions.

#include <string>

#include "column_conversions.hpp"
#include "energy_sql.hpp"
#include "sqlite_energy_repository.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kFindingColumns =
    "id, key, kind, severity, message, evidence, transaction_id, charger_id, connector_id, vehicle_id, "
    "department_id, site_id, institution_id, period, local_date, detected_at";

DataQualityFindingRecord read_finding(const sqlite::Statement& row) {
    return DataQualityFindingRecord{
        .id = row.column<std::int64_t>(0),
        .key = row.column<std::string>(1),
        .kind = row.column<std::string>(2),
        .severity = row.column<std::string>(3),
        .message = row.column<std::string>(4),
        .evidence_json = row.column<std::string>(5),
        .transaction_id = row.column<std::optional<std::int32_t>>(6),
        .charger_id = row.column<std::optional<std::string>>(7),
        .connector_id = row.column<std::optional<std::int32_t>>(8),
        .vehicle_id = row.column<std::optional<std::int64_t>>(9),
        .department_id = row.column<std::optional<std::int64_t>>(10),
        .site_id = row.column<std::optional<std::int64_t>>(11),
        .institution_id = row.column<std::optional<std::int64_t>>(12),
        .period = row.column<std::optional<std::string>>(13),
        .local_date = row.column<std::optional<std::string>>(14),
        .detected_at = timestamp_column(row, 15),
    };
}

}  // namespace

bool SqliteEnergyRepository::upsert_finding(const DataQualityFindingRecord& finding) {
    // Asked first: an upsert reports one change whether it inserted or updated.
    bool known = false;
    {
        auto exists = connection_.cached("SELECT 1 FROM data_quality_findings WHERE key = ?1");
        exists->bind_all(finding.key);
        known = exists->step();
    }
    // A finding seen again keeps its id, first detection and what it is about; what it says may change.
    auto statement = connection_.cached(
        "INSERT INTO data_quality_findings (key, kind, severity, message, evidence, transaction_id, "
        "charger_id, "
        "connector_id, vehicle_id, department_id, site_id, institution_id, period, local_date, detected_at, "
        "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15) "
        "ON CONFLICT (key) DO UPDATE SET severity = excluded.severity, message = excluded.message, "
        "evidence = excluded.evidence, updated_at = excluded.detected_at");
    statement
        ->bind_all(finding.key, finding.kind, finding.severity, finding.message,
                   finding.evidence_json.empty() ? std::string("{}") : finding.evidence_json,
                   finding.transaction_id, finding.charger_id, finding.connector_id, finding.vehicle_id,
                   finding.department_id, finding.site_id, finding.institution_id, finding.period,
                   finding.local_date, to_unix_millis(finding.detected_at))
        .execute();
    return !known;
}

std::optional<DataQualityFindingRecord> SqliteEnergyRepository::find_finding(std::int64_t id) {
    static const std::string sql =
        "SELECT " + std::string(kFindingColumns) + " FROM data_quality_findings WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_finding(*statement)) : std::nullopt;
}

Listing<DataQualityFindingRecord> SqliteEnergyRepository::findings(const FindingFilter& filter) {
    WhereClause where;
    where.add_scope("institution_id IN (SELECT value FROM ?)", filter.scope);
    where.add_if("institution_id = ?", filter.institution_id);
    where.add_if("kind = ?", filter.kind);
    where.add_if("severity = ?", filter.severity);
    if (filter.transaction_id) {
        where.add("transaction_id = ?", std::int64_t{*filter.transaction_id});
    }
    where.add_if("charger_id = ?", filter.charger_id);
    where.add_if("vehicle_id = ?", filter.vehicle_id);
    // about_date: the local date, else the first day of the period (a generated column, see 0008).
    where.add_if("about_date >= ?", filter.from_date);
    where.add_if("about_date < ?", filter.to_date);
    return query_listing(connection_, kFindingColumns, "data_quality_findings", where,
                         "detected_at DESC, id DESC", filter.limit, filter.offset, read_finding);
}

QualityTally SqliteEnergyRepository::quality_tally(std::int64_t institution_id, const std::string& from_date,
                                                   const std::string& to_date) {
    QualityTally tally;
    {
        auto sessions = connection_.cached(
            "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM data_quality_findings f WHERE "
            "f.transaction_id "
            "= s.transaction_id AND f.severity IN ('warning', 'error'))), 0) FROM energy_sessions s "
            "WHERE s.institution_id = ?1 AND s.start_date >= ?2 AND s.start_date < ?3");
        sessions->bind_all(institution_id, from_date, to_date).step();
        tally.sessions = sessions->column<std::int64_t>(0);
        tally.flagged_sessions = sessions->column<std::int64_t>(1);
    }
    auto warnings = connection_.cached(
        "SELECT count(*) FROM data_quality_findings WHERE institution_id = ?1 AND about_date >= ?2 "
        "AND about_date < ?3 AND transaction_id IS NULL AND severity IN ('warning', 'error')");
    warnings->bind_all(institution_id, from_date, to_date).step();
    tally.institution_warnings = warnings->column<std::int64_t>(0);
    return tally;
}

std::vector<ConnectorSessionRow> SqliteEnergyRepository::connector_sessions(std::string_view charger_id,
                                                                            std::int32_t connector_id,
                                                                            Timestamp from, Timestamp to) {
    // [start, stop) overlaps [from, to); a running transaction has not stopped yet.
    auto statement = connection_.cached(
        "SELECT id, id_tag, start_timestamp, stop_timestamp, meter_start, meter_stop FROM transactions "
        "WHERE charger_id = ?1 AND connector_id = ?2 AND start_timestamp < ?4 "
        "AND (stop_timestamp IS NULL OR stop_timestamp > ?3) ORDER BY start_timestamp, id");
    statement->bind_all(charger_id, connector_id, to_unix_millis(from), to_unix_millis(to));
    return read_all(*statement, [](const sqlite::Statement& row) {
        return ConnectorSessionRow{
            .transaction_id = row.column<std::int32_t>(0),
            .id_tag = row.column<std::string>(1),
            .start_at = timestamp_column(row, 2),
            .stop_at = optional_timestamp_column(row, 3),
            .meter_start = row.column<std::int64_t>(4),
            .meter_stop = row.column<std::optional<std::int64_t>>(5),
        };
    });
}

std::vector<std::pair<std::string, std::int32_t>> SqliteEnergyRepository::active_connectors(Timestamp from,
                                                                                            Timestamp to) {
    // Two index ranges (transactions_by_start, transactions_by_stop) rather than one scan for an OR.
    auto statement = connection_.cached(
        "SELECT charger_id, connector_id FROM transactions WHERE start_timestamp >= ?1 AND start_timestamp < "
        "?2 "
        "UNION SELECT charger_id, connector_id FROM transactions WHERE stop_timestamp >= ?1 "
        "AND stop_timestamp < ?2 ORDER BY 1, 2");
    statement->bind_all(to_unix_millis(from), to_unix_millis(to));
    return read_all(*statement, [](const sqlite::Statement& row) {
        return std::pair(row.column<std::string>(0), row.column<std::int32_t>(1));
    });
}

std::vector<std::int32_t> SqliteEnergyRepository::open_transactions_started_before(Timestamp before) {
    auto statement = connection_.cached(
        "SELECT id FROM transactions WHERE stop_timestamp IS NULL AND start_timestamp < ?1 "
        "ORDER BY start_timestamp, id");
    statement->bind_all(to_unix_millis(before));
    return read_all(*statement, [](const sqlite::Statement& row) { return row.column<std::int32_t>(0); });
}

std::vector<std::pair<std::int32_t, std::int64_t>> SqliteEnergyRepository::session_energies(
    std::string_view charger_id, const std::string& from_date, const std::string& to_date) {
    auto statement = connection_.cached(
        "SELECT transaction_id, total_wh FROM energy_sessions WHERE charger_id = ?1 AND start_date >= ?2 "
        "AND start_date < ?3 ORDER BY start_at, transaction_id");
    statement->bind_all(charger_id, from_date, to_date);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return std::pair(row.column<std::int32_t>(0), row.column<std::int64_t>(1));
    });
}

std::vector<std::int64_t> SqliteEnergyRepository::institutions_with_sessions(const std::string& from_date,
                                                                             const std::string& to_date) {
    auto statement = connection_.cached(
        "SELECT DISTINCT institution_id FROM energy_sessions WHERE institution_id IS NOT NULL "
        "AND start_date >= ?1 AND start_date < ?2 ORDER BY institution_id");
    statement->bind_all(from_date, to_date);
    return read_all(*statement, [](const sqlite::Statement& row) { return row.column<std::int64_t>(0); });
}

}  // namespace parkgrid::storage
