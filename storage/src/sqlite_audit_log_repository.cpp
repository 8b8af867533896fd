#include "sqlite_audit_log_repository.hpp"

#include <string>

#include "column_conversions.hpp"

namespace parkgrid::storage {
namespace {

// The WHERE clause of a filter naming only the conditions in use, so SQLite can pick the subject index;
// each combination is prepared once and cached. bind_filter binds the parameters, numbered from 1 in the
// same order.
struct FilterSql {
    std::string where;
    int parameters = 0;
};

FilterSql where_clause(const AuditFilter& filter) {
    FilterSql sql;
    // `text` ends with "?"; the parameter's number is appended.
    const auto condition = [&](const std::string& text) {
        sql.where += sql.parameters == 0 ? "WHERE " : " AND ";
        sql.where += text;
        sql.where += std::to_string(++sql.parameters);
    };
    if (filter.subject) {
        condition("subject = ?");
    }
    if (filter.from) {
        condition("at >= ?");
    }
    if (filter.to) {
        condition("at < ?");
    }
    if (filter.method) {
        condition("method = ?");
    }
    if (filter.path_prefix) {
        // substr() instead of LIKE: a prefix holding % or _ means itself. One parameter, used twice.
        condition("substr(path, 1, length(?" + std::to_string(sql.parameters + 1) + ")) = ?");
    }
    return sql;
}

void bind_filter(sqlite::Statement& statement, const AuditFilter& filter) {
    int index = 0;
    if (filter.subject) {
        statement.bind(++index, *filter.subject);
    }
    if (filter.from) {
        statement.bind(++index, to_unix_millis(*filter.from));
    }
    if (filter.to) {
        statement.bind(++index, to_unix_millis(*filter.to));
    }
    if (filter.method) {
        statement.bind(++index, *filter.method);
    }
    if (filter.path_prefix) {
        statement.bind(++index, *filter.path_prefix);
    }
}

}  // namespace

std::int64_t SqliteAuditLogRepository::append(const AuditRecord& record) {
    auto statement = connection_.cached(
        "INSERT INTO audit_log (at, subject, role, remote_address, method, path, status, detail) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    statement
        ->bind_all(to_unix_millis(record.at), record.subject, record.role, record.remote_address,
                   record.method, record.path, std::int64_t{record.status}, record.detail)
        .execute();
    return connection_.last_insert_rowid();
}

std::vector<AuditRecord> SqliteAuditLogRepository::query(const AuditFilter& filter) {
    const FilterSql filter_sql = where_clause(filter);
    auto statement = connection_.cached(
        "SELECT id, at, subject, role, remote_address, method, path, status, detail FROM audit_log " +
        filter_sql.where + " ORDER BY at DESC, id DESC LIMIT ?" + std::to_string(filter_sql.parameters + 1) +
        " OFFSET ?" + std::to_string(filter_sql.parameters + 2));
    bind_filter(*statement, filter);
    statement->bind(filter_sql.parameters + 1, to_sql_count(filter.limit));
    statement->bind(filter_sql.parameters + 2, to_sql_count(filter.offset));
    std::vector<AuditRecord> records;
    while (statement->step()) {
        records.push_back(AuditRecord{
            .id = statement->column<std::int64_t>(0),
            .at = timestamp_column(*statement, 1),
            .subject = statement->column<std::string>(2),
            .role = statement->column<std::optional<std::string>>(3),
            .remote_address = statement->column<std::string>(4),
            .method = statement->column<std::string>(5),
            .path = statement->column<std::string>(6),
            .status = statement->column<std::int32_t>(7),
            .detail = statement->column<std::optional<std::string>>(8),
        });
    }
    return records;
}

std::size_t SqliteAuditLogRepository::count(const AuditFilter& filter) {
    auto statement = connection_.cached("SELECT count(*) FROM audit_log " + where_clause(filter).where);
    bind_filter(*statement, filter);
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

}  // namespace parkgrid::storage
