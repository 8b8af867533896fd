#include "sqlite_signed_firmware_repository.hpp"

#include "column_conversions.hpp"
#include "tracked_requests.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, charger_id, location, retrieve_date_time, install_date_time, signing_certificate, signature, "
    "retries, "
    "retry_interval, requested_by, requested_at, charger_status, status, status_at, finished_at";

SignedFirmwareUpdateRecord read_update(const sqlite::Statement& statement) {
    return SignedFirmwareUpdateRecord{
        .id = statement.column<std::int32_t>(0),
        .charger_id = statement.column<std::string>(1),
        .location = statement.column<std::string>(2),
        .retrieve_date_time = timestamp_column(statement, 3),
        .install_date_time = optional_timestamp_column(statement, 4),
        .signing_certificate = statement.column<std::string>(5),
        .signature = statement.column<std::string>(6),
        .retries = statement.column<std::optional<std::int32_t>>(7),
        .retry_interval = statement.column<std::optional<std::int32_t>>(8),
        .requested_by = statement.column<std::string>(9),
        .requested_at = timestamp_column(statement, 10),
        .charger_status = statement.column<std::optional<std::string>>(11),
        .status = statement.column<std::string>(12),
        .status_at = timestamp_column(statement, 13),
        .finished_at = optional_timestamp_column(statement, 14),
    };
}

}  // namespace

std::int32_t SqliteSignedFirmwareRepository::insert(const SignedFirmwareUpdateRecord& update) {
    auto statement = connection_.cached(
        "INSERT INTO signed_firmware_updates (charger_id, location, retrieve_date_time, install_date_time, "
        "signing_certificate, signature, retries, retry_interval, requested_by, requested_at, status, "
        "status_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?10)");
    statement
        ->bind_all(update.charger_id, update.location, to_unix_millis(update.retrieve_date_time),
                   to_optional_millis(update.install_date_time), update.signing_certificate, update.signature,
                   update.retries, update.retry_interval, update.requested_by,
                   to_unix_millis(update.requested_at), update.status)
        .execute();
    return static_cast<std::int32_t>(connection_.last_insert_rowid());
}

std::optional<SignedFirmwareUpdateRecord> SqliteSignedFirmwareRepository::find(std::int32_t id) {
    static const std::string sql =
        "SELECT " + std::string(kColumns) + " FROM signed_firmware_updates WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_update(*statement)) : std::nullopt;
}

void SqliteSignedFirmwareRepository::record_answer(std::int32_t id, const RequestAnswer& answer) {
    record_request_answer(connection_, "signed_firmware_updates", id, answer);
}

std::optional<std::int32_t> SqliteSignedFirmwareRepository::record_notification(
    const RequestNotification& notification) {
    return apply_request_notification(connection_, "signed_firmware_updates", notification);
}

Listing<SignedFirmwareUpdateRecord> SqliteSignedFirmwareRepository::for_charger(std::string_view charger_id,
                                                                                std::size_t limit,
                                                                                std::size_t offset) {
    WhereClause where;
    where.add("charger_id = ?", std::string(charger_id));
    return query_listing(connection_, kColumns, "signed_firmware_updates", where,
                         "requested_at DESC, id DESC", limit, offset, read_update);
}

}  // namespace parkgrid::storage
