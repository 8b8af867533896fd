#include "sqlite_security_event_repository.hpp"

#include "column_conversions.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

constexpr std::string_view kColumns =
    "id, charger_id, source, type, tech_info, remote_address, critical, occurred_at, received_at";

std::string_view source_text(SecurityEventSource source) {
    return source == SecurityEventSource::Charger ? "charger" : "central_system";
}

SecurityEventRecord read_event(const sqlite::Statement& statement) {
    return SecurityEventRecord{
        .id = statement.column<std::int64_t>(0),
        .charger_id = statement.column<std::string>(1),
        .source = statement.column<std::string>(2) == "charger" ? SecurityEventSource::Charger
                                                                : SecurityEventSource::CentralSystem,
        .type = statement.column<std::string>(3),
        .tech_info = statement.column<std::optional<std::string>>(4),
        .remote_address = statement.column<std::optional<std::string>>(5),
        .critical = statement.column<std::int64_t>(6) != 0,
        .occurred_at = timestamp_column(statement, 7),
        .received_at = timestamp_column(statement, 8),
    };
}

}  // namespace

std::int64_t SqliteSecurityEventRepository::insert(const SecurityEventRecord& event) {
    auto statement = connection_.cached(
        "INSERT INTO security_events (charger_id, source, type, tech_info, remote_address, critical, "
        "occurred_at, received_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement
        ->bind_all(event.charger_id, source_text(event.source), event.type, event.tech_info,
                   event.remote_address, std::int64_t{event.critical ? 1 : 0},
                   to_unix_millis(event.occurred_at), to_unix_millis(event.received_at))
        .execute();
    return connection_.last_insert_rowid();
}

Listing<SecurityEventRecord> SqliteSecurityEventRepository::query(const SecurityEventFilter& filter) {
    WhereClause where;
    where.add_scope(
        "charger_id IN (SELECT chargers.id FROM chargers JOIN sites ON sites.id = chargers.site_id "
        "WHERE sites.institution_id IN (SELECT value FROM ?))",
        filter.scope);
    where.add_if("charger_id = ?", filter.charger_id);
    if (filter.source) {
        where.add("source = ?", std::string(source_text(*filter.source)));
    }
    where.add_if("type = ?", filter.type);
    if (filter.critical) {
        where.add("critical = ?", std::int64_t{*filter.critical ? 1 : 0});
    }
    if (filter.from) {
        where.add("received_at >= ?", to_unix_millis(*filter.from));
    }
    if (filter.to) {
        where.add("received_at < ?", to_unix_millis(*filter.to));
    }
    return query_listing(connection_, kColumns, "security_events", where, "received_at DESC, id DESC",
                         filter.limit, filter.offset, read_event);
}

}  // namespace parkgrid::storage
