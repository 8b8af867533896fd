#include "sqlite_reservation_repository.hpp"

#include "column_conversions.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kReservationColumns =
    "id, charger_id, connector_id, id_tag, parent_id_tag, expiry_date, status, charger_status, "
    "transaction_id, "
    "created_by, created_at, updated_at";

ReservationRecord read_reservation(const sqlite::Statement& statement) {
    return ReservationRecord{
        .id = statement.column<std::int32_t>(0),
        .charger_id = statement.column<std::string>(1),
        .connector_id = statement.column<std::int32_t>(2),
        .id_tag = statement.column<std::string>(3),
        .parent_id_tag = statement.column<std::optional<std::string>>(4),
        .expiry_date = timestamp_column(statement, 5),
        .status = statement.column<std::string>(6),
        .charger_status = statement.column<std::optional<std::string>>(7),
        .transaction_id = statement.column<std::optional<std::int32_t>>(8),
        .created_by = statement.column<std::string>(9),
        .created_at = timestamp_column(statement, 10),
        .updated_at = timestamp_column(statement, 11),
    };
}

}  // namespace

std::int32_t SqliteReservationRepository::insert(const ReservationRecord& reservation) {
    auto statement = connection_.cached(
        "INSERT INTO reservations (charger_id, connector_id, id_tag, parent_id_tag, expiry_date, status, "
        "charger_status, created_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?9)");
    statement
        ->bind_all(reservation.charger_id, reservation.connector_id, reservation.id_tag,
                   reservation.parent_id_tag, to_unix_millis(reservation.expiry_date), reservation.status,
                   reservation.charger_status, reservation.created_by, to_unix_millis(reservation.created_at))
        .execute();
    return static_cast<std::int32_t>(connection_.last_insert_rowid());
}

std::optional<ReservationRecord> SqliteReservationRepository::find(std::int32_t id) {
    static const std::string sql =
        "SELECT " + std::string(kReservationColumns) + " FROM reservations WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_reservation(*statement)) : std::nullopt;
}

void SqliteReservationRepository::set_status(std::int32_t id, const std::string& status,
                                             const std::optional<std::string>& charger_status, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE reservations SET status = ?2, charger_status = coalesce(?3, charger_status), updated_at = ?4 "
        "WHERE id = ?1");
    statement->bind_all(id, status, charger_status, to_unix_millis(at)).execute();
}

bool SqliteReservationRepository::mark_used(std::int32_t id, std::string_view charger_id,
                                            std::int32_t transaction_id, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE reservations SET status = 'used', transaction_id = ?3, updated_at = ?4 "
        "WHERE id = ?1 AND charger_id = ?2 AND status IN ('active', 'requested')");
    statement->bind_all(id, charger_id, transaction_id, to_unix_millis(at)).execute();
    return connection_.changes() > 0;
}

std::size_t SqliteReservationRepository::expire_due(Timestamp now) {
    auto statement = connection_.cached(
        "UPDATE reservations SET status = 'expired', updated_at = ?1 WHERE status = 'active' AND expiry_date "
        "<= ?1");
    statement->bind_all(to_unix_millis(now)).execute();
    return static_cast<std::size_t>(connection_.changes());
}

Listing<ReservationRecord> SqliteReservationRepository::query(const ReservationFilter& filter) {
    WhereClause where;
    where.add_scope(
        "charger_id IN (SELECT chargers.id FROM chargers JOIN sites ON sites.id = chargers.site_id "
        "WHERE sites.institution_id IN (SELECT value FROM ?))",
        filter.scope);
    where.add_if("charger_id = ?", filter.charger_id);
    where.add_if("id_tag = ?", filter.id_tag);
    where.add_if("status = ?", filter.status);
    return query_listing(connection_, kReservationColumns, "reservations", where, "created_at DESC, id DESC",
                         filter.limit, filter.offset, read_reservation);
}

}  // namespace parkgrid::storage
