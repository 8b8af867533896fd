#include "sqlite_certificate_request_repository.hpp"

#include "column_conversions.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, charger_id, csr, subject, received_at, status, certificate_chain, signed_by, signed_at, command_id, "
    "error, updated_at";

CertificateRequestRecord read_request(const sqlite::Statement& statement) {
    return CertificateRequestRecord{
        .id = statement.column<std::int64_t>(0),
        .charger_id = statement.column<std::string>(1),
        .csr = statement.column<std::string>(2),
        .subject = statement.column<std::optional<std::string>>(3),
        .received_at = timestamp_column(statement, 4),
        .status = statement.column<std::string>(5),
        .certificate_chain = statement.column<std::optional<std::string>>(6),
        .signed_by = statement.column<std::optional<std::string>>(7),
        .signed_at = optional_timestamp_column(statement, 8),
        .command_id = statement.column<std::optional<std::int64_t>>(9),
        .error = statement.column<std::optional<std::string>>(10),
        .updated_at = timestamp_column(statement, 11),
    };
}

}  // namespace

std::int64_t SqliteCertificateRequestRepository::insert(const CertificateRequestRecord& request) {
    auto statement = connection_.cached(
        "INSERT INTO certificate_requests (charger_id, csr, subject, received_at, status, certificate_chain, "
        "signed_by, signed_at, command_id, error, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10, ?4)");
    statement
        ->bind_all(request.charger_id, request.csr, request.subject, to_unix_millis(request.received_at),
                   request.status, request.certificate_chain, request.signed_by,
                   to_optional_millis(request.signed_at), request.command_id, request.error)
        .execute();
    return connection_.last_insert_rowid();
}

std::optional<CertificateRequestRecord> SqliteCertificateRequestRepository::find(std::int64_t id) {
    static const std::string sql =
        "SELECT " + std::string(kColumns) + " FROM certificate_requests WHERE id = ?1";
    auto statement = connection_.cached(sql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_request(*statement)) : std::nullopt;
}

void SqliteCertificateRequestRepository::record_signature(std::int64_t id,
                                                          const std::string& certificate_chain,
                                                          const std::string& signed_by, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE certificate_requests SET status = 'signed', certificate_chain = ?2, signed_by = ?3, "
        "signed_at = ?4, error = NULL, updated_at = ?4 WHERE id = ?1");
    statement->bind_all(id, certificate_chain, signed_by, to_unix_millis(at)).execute();
}

void SqliteCertificateRequestRepository::set_status(std::int64_t id, const std::string& status,
                                                    const std::optional<std::string>& error,
                                                    std::optional<std::int64_t> command_id, Timestamp at) {
    auto statement = connection_.cached(
        "UPDATE certificate_requests SET status = ?2, error = ?3, command_id = coalesce(?4, command_id), "
        "updated_at = ?5 WHERE id = ?1");
    statement->bind_all(id, status, error, command_id, to_unix_millis(at)).execute();
}

Listing<CertificateRequestRecord> SqliteCertificateRequestRepository::query(
    const CertificateRequestFilter& filter) {
    WhereClause where;
    where.add_scope(
        "charger_id IN (SELECT chargers.id FROM chargers JOIN sites ON sites.id = chargers.site_id "
        "WHERE sites.institution_id IN (SELECT value FROM ?))",
        filter.scope);
    where.add_if("charger_id = ?", filter.charger_id);
    where.add_if("status = ?", filter.status);
    return query_listing(connection_, kColumns, "certificate_requests", where, "received_at DESC, id DESC",
                         filter.limit, filter.offset, read_request);
}

}  // namespace parkgrid::storage
