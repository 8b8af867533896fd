#include "sqlite_maintenance_repository.hpp"

#include "column_conversions.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kSelectFirmware =
    "SELECT id, charger_id, location, retrieve_date, retries, retry_interval, requested_by, requested_at, "
    "status, "
    "status_at, finished_at FROM firmware_updates ";

constexpr std::string_view kSelectDiagnostics =
    "SELECT id, charger_id, location, upload_token_hash, start_time, stop_time, requested_by, requested_at, "
    "file_name, "
    "status, status_at, stored_path, stored_bytes, stored_at FROM diagnostics_requests ";

FirmwareUpdateRecord read_firmware(const sqlite::Statement& statement) {
    return FirmwareUpdateRecord{
        .id = statement.column<std::int64_t>(0),
        .charger_id = statement.column<std::string>(1),
        .location = statement.column<std::string>(2),
        .retrieve_date = timestamp_column(statement, 3),
        .retries = statement.column<std::optional<std::int32_t>>(4),
        .retry_interval = statement.column<std::optional<std::int32_t>>(5),
        .requested_by = statement.column<std::string>(6),
        .requested_at = timestamp_column(statement, 7),
        .status = statement.column<std::string>(8),
        .status_at = timestamp_column(statement, 9),
        .finished_at = optional_timestamp_column(statement, 10),
    };
}

DiagnosticsRequestRecord read_diagnostics(const sqlite::Statement& statement) {
    return DiagnosticsRequestRecord{
        .id = statement.column<std::int64_t>(0),
        .charger_id = statement.column<std::string>(1),
        .location = statement.column<std::string>(2),
        .upload_token_hash = statement.column<std::optional<std::string>>(3),
        .start_time = optional_timestamp_column(statement, 4),
        .stop_time = optional_timestamp_column(statement, 5),
        .requested_by = statement.column<std::string>(6),
        .requested_at = timestamp_column(statement, 7),
        .file_name = statement.column<std::optional<std::string>>(8),
        .status = statement.column<std::string>(9),
        .status_at = timestamp_column(statement, 10),
        .stored_path = statement.column<std::optional<std::string>>(11),
        .stored_bytes = statement.column<std::optional<std::int64_t>>(12),
        .stored_at = optional_timestamp_column(statement, 13),
    };
}

}  // namespace

std::int64_t SqliteMaintenanceRepository::insert_firmware_update(const FirmwareUpdateRecord& update) {
    auto statement = connection_.cached(
        "INSERT INTO firmware_updates (charger_id, location, retrieve_date, retries, retry_interval, "
        "requested_by, "
        "requested_at, status, status_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)");
    statement
        ->bind_all(update.charger_id, update.location, to_unix_millis(update.retrieve_date), update.retries,
                   update.retry_interval, update.requested_by, to_unix_millis(update.requested_at),
                   update.status)
        .execute();
    return connection_.last_insert_rowid();
}

void SqliteMaintenanceRepository::set_firmware_status(std::int64_t id, const std::string& status,
                                                      bool finished, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE firmware_updates SET status = ?2, status_at = ?3, finished_at = CASE WHEN ?4 THEN ?3 END "
        "WHERE id = ?1");
    statement->bind_all(id, status, to_unix_millis(at), finished ? 1 : 0).execute();
}

bool SqliteMaintenanceRepository::record_firmware_notification(std::string_view charger_id,
                                                               const std::string& status, bool finished,
                                                               Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE firmware_updates SET status = ?2, status_at = ?3, finished_at = CASE WHEN ?4 THEN ?3 END "
        "WHERE id = (SELECT id FROM firmware_updates WHERE charger_id = ?1 AND finished_at IS NULL "
        "AND status <> 'failed' ORDER BY requested_at DESC, id DESC LIMIT 1)");
    statement->bind_all(charger_id, status, to_unix_millis(at), finished ? 1 : 0).execute();
    return connection_.changes() > 0;
}

std::vector<FirmwareUpdateRecord> SqliteMaintenanceRepository::firmware_updates(std::string_view charger_id,
                                                                                std::size_t limit,
                                                                                std::size_t offset) {
    static const std::string sql =
        std::string(kSelectFirmware) +
        "WHERE charger_id = ?1 ORDER BY requested_at DESC, id DESC LIMIT ?2 OFFSET ?3";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    std::vector<FirmwareUpdateRecord> updates;
    while (statement->step()) {
        updates.push_back(read_firmware(*statement));
    }
    return updates;
}

std::int64_t SqliteMaintenanceRepository::insert_diagnostics_request(
    const DiagnosticsRequestRecord& request) {
    auto statement = connection_.cached(
        "INSERT INTO diagnostics_requests (charger_id, location, upload_token_hash, start_time, stop_time, "
        "requested_by, "
        "requested_at, status, status_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)");
    statement
        ->bind_all(request.charger_id, request.location, request.upload_token_hash,
                   to_optional_millis(request.start_time), to_optional_millis(request.stop_time),
                   request.requested_by, to_unix_millis(request.requested_at), request.status)
        .execute();
    return connection_.last_insert_rowid();
}

void SqliteMaintenanceRepository::set_diagnostics_location(
    std::int64_t id, const std::string& location, const std::optional<std::string>& upload_token_hash) {
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET location = ?2, upload_token_hash = ?3 WHERE id = ?1");
    statement->bind_all(id, location, upload_token_hash).execute();
}

void SqliteMaintenanceRepository::set_diagnostics_answer(std::int64_t id,
                                                         const std::optional<std::string>& file_name,
                                                         const std::string& status, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET file_name = ?2, status = ?3, status_at = ?4 WHERE id = ?1");
    statement->bind_all(id, file_name, status, to_unix_millis(at)).execute();
}

bool SqliteMaintenanceRepository::record_diagnostics_notification(std::string_view charger_id,
                                                                  const std::string& status, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET status = ?2, status_at = ?3 "
        "WHERE id = (SELECT id FROM diagnostics_requests WHERE charger_id = ?1 "
        "AND status IN ('requested', 'Uploading') ORDER BY requested_at DESC, id DESC LIMIT 1)");
    statement->bind_all(charger_id, status, to_unix_millis(at)).execute();
    return connection_.changes() > 0;
}

bool SqliteMaintenanceRepository::claim_diagnostics_upload(std::int64_t id) {
    // An empty stored_path marks an upload in progress.
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET stored_path = '' WHERE id = ?1 AND stored_path IS NULL");
    statement->bind_all(id).execute();
    return connection_.changes() > 0;
}

void SqliteMaintenanceRepository::release_diagnostics_upload(std::int64_t id) {
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET stored_path = NULL WHERE id = ?1 AND stored_path = ''");
    statement->bind_all(id).execute();
}

void SqliteMaintenanceRepository::record_diagnostics_file(std::int64_t id, const std::string& path,
                                                          std::int64_t bytes, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE diagnostics_requests SET stored_path = ?2, stored_bytes = ?3, stored_at = ?4 WHERE id = ?1");
    statement->bind_all(id, path, bytes, to_unix_millis(at)).execute();
}

std::optional<DiagnosticsRequestRecord> SqliteMaintenanceRepository::find_diagnostics_request(
    std::int64_t id) {
    static const std::string sql = std::string(kSelectDiagnostics) + "WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_diagnostics(*statement)) : std::nullopt;
}

std::vector<DiagnosticsRequestRecord> SqliteMaintenanceRepository::diagnostics_requests(
    std::string_view charger_id, std::size_t limit, std::size_t offset) {
    static const std::string sql =
        std::string(kSelectDiagnostics) +
        "WHERE charger_id = ?1 ORDER BY requested_at DESC, id DESC LIMIT ?2 OFFSET ?3";
    auto statement = connection_.cached(sql);
    statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    std::vector<DiagnosticsRequestRecord> requests;
    while (statement->step()) {
        requests.push_back(read_diagnostics(*statement));
    }
    return requests;
}

}  // namespace parkgrid::storage
