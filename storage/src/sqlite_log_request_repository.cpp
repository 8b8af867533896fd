#include "sqlite_log_request_repository.hpp"

#include "column_conversions.hpp"
#include "tracked_requests.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, charger_id, log_type, location, upload_token_hash, oldest_timestamp, latest_timestamp, retries, "
    "retry_interval, requested_by, requested_at, charger_status, file_name, status, status_at, finished_at, "
    "stored_path, stored_bytes, stored_at";

LogRequestRecord read_request(const sqlite::Statement& statement) {
    return LogRequestRecord{
        .id = statement.column<std::int32_t>(0),
        .charger_id = statement.column<std::string>(1),
        .log_type = statement.column<std::string>(2),
        .location = statement.column<std::string>(3),
        .upload_token_hash = statement.column<std::optional<std::string>>(4),
        .oldest_timestamp = optional_timestamp_column(statement, 5),
        .latest_timestamp = optional_timestamp_column(statement, 6),
        .retries = statement.column<std::optional<std::int32_t>>(7),
        .retry_interval = statement.column<std::optional<std::int32_t>>(8),
        .requested_by = statement.column<std::string>(9),
        .requested_at = timestamp_column(statement, 10),
        .charger_status = statement.column<std::optional<std::string>>(11),
        .file_name = statement.column<std::optional<std::string>>(12),
        .status = statement.column<std::string>(13),
        .status_at = timestamp_column(statement, 14),
        .finished_at = optional_timestamp_column(statement, 15),
        .stored_path = statement.column<std::optional<std::string>>(16),
        .stored_bytes = statement.column<std::optional<std::int64_t>>(17),
        .stored_at = optional_timestamp_column(statement, 18),
    };
}

}  // namespace

std::int32_t SqliteLogRequestRepository::insert(const LogRequestRecord& request) {
    auto statement = connection_.cached(
        "INSERT INTO log_requests (charger_id, log_type, location, upload_token_hash, oldest_timestamp, "
        "latest_timestamp, retries, retry_interval, requested_by, requested_at, status, status_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)");
    statement
        ->bind_all(request.charger_id, request.log_type, request.location, request.upload_token_hash,
                   to_optional_millis(request.oldest_timestamp), to_optional_millis(request.latest_timestamp),
                   request.retries, request.retry_interval, request.requested_by,
                   to_unix_millis(request.requested_at), request.status)
        .execute();
    return static_cast<std::int32_t>(connection_.last_insert_rowid());
}

std::optional<LogRequestRecord> SqliteLogRequestRepository::find(std::int32_t id) {
    static const std::string sql = "SELECT " + std::string(kColumns) + " FROM log_requests WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_request(*statement)) : std::nullopt;
}

void SqliteLogRequestRepository::set_location(std::int32_t id, const std::string& location,
                                              const std::optional<std::string>& upload_token_hash) {
    auto statement =
        connection_.cached("UPDATE log_requests SET location = ?2, upload_token_hash = ?3 WHERE id = ?1");
    statement->bind_all(id, location, upload_token_hash).execute();
}

void SqliteLogRequestRepository::record_answer(std::int32_t id, const RequestAnswer& answer,
                                               const std::optional<std::string>& file_name) {
    record_request_answer(connection_, "log_requests", id, answer);
    auto statement = connection_.cached("UPDATE log_requests SET file_name = ?2 WHERE id = ?1");
    statement->bind_all(id, file_name).execute();
}

std::optional<std::int32_t> SqliteLogRequestRepository::record_notification(
    const RequestNotification& notification) {
    return apply_request_notification(connection_, "log_requests", notification);
}

bool SqliteLogRequestRepository::claim_upload(std::int32_t id) {
    // An empty stored_path marks an upload in progress.
    auto statement =
        connection_.cached("UPDATE log_requests SET stored_path = '' WHERE id = ?1 AND stored_path IS NULL");
    statement->bind_all(id).execute();
    return connection_.changes() > 0;
}

void SqliteLogRequestRepository::release_upload(std::int32_t id) {
    auto statement =
        connection_.cached("UPDATE log_requests SET stored_path = NULL WHERE id = ?1 AND stored_path = ''");
    statement->bind_all(id).execute();
}

void SqliteLogRequestRepository::record_file(std::int32_t id, const std::string& path, std::int64_t bytes,
                                             Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE log_requests SET stored_path = ?2, stored_bytes = ?3, stored_at = ?4 WHERE id = ?1");
    statement->bind_all(id, path, bytes, to_unix_millis(at)).execute();
}

Listing<LogRequestRecord> SqliteLogRequestRepository::for_charger(std::string_view charger_id,
                                                                  std::size_t limit, std::size_t offset) {
    WhereClause where;
    where.add("charger_id = ?", std::string(charger_id));
    return query_listing(connection_, kColumns, "log_requests", where, "requested_at DESC, id DESC", limit,
                         offset, read_request);
}

}  // namespace parkgrid::storage
