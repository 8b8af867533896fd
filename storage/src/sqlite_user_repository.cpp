#include "sqlite_user_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "institution_scope.hpp"

namespace parkgrid::storage {
namespace {

const std::string& select_user() {
    static const std::string kSql =
        "SELECT id, username, display_name, role, password_hash, disabled, created_at, updated_at, "
        "last_login_at, " +
        scope_column(kUserScope, "users.id") + " FROM users ";
    return kSql;
}

UserRecord read_user(const sqlite::Statement& row) {
    return UserRecord{
        .id = row.column<std::int64_t>(0),
        .username = row.column<std::string>(1),
        .display_name = row.column<std::string>(2),
        .role = row.column<std::string>(3),
        .password_hash = row.column<std::string>(4),
        .disabled = row.column<std::int64_t>(5) != 0,
        .institution_ids = parse_scope(row.column<std::optional<std::string>>(9)),
        .created_at = timestamp_column(row, 6),
        .updated_at = timestamp_column(row, 7),
        .last_login_at = optional_timestamp_column(row, 8),
    };
}

// The WHERE clause of a filter naming only the conditions in use; bind_filter binds its parameters, which
// are numbered from 1 in the same order.
struct FilterSql {
    std::string where;
    int parameters = 0;
};

FilterSql where_clause(const UserFilter& filter) {
    FilterSql sql;
    const auto condition = [&](std::string_view text) {
        sql.where += sql.parameters == 0 ? "WHERE " : " AND ";
        sql.where += text;
        sql.where += std::to_string(++sql.parameters);
    };
    if (filter.role) {
        condition("role = ?");
    }
    if (filter.disabled) {
        condition("disabled = ?");
    }
    return sql;
}

void bind_filter(sqlite::Statement& statement, const UserFilter& filter) {
    int index = 0;
    if (filter.role) {
        statement.bind(++index, *filter.role);
    }
    if (filter.disabled) {
        statement.bind(++index, std::int64_t{*filter.disabled ? 1 : 0});
    }
}

}  // namespace

std::optional<UserRecord> SqliteUserRepository::find(std::int64_t id) {
    static const std::string kSql = select_user() + "WHERE id = ?1";
    auto statement = connection_.cached(kSql);
    statement->bind_all(id);
    return statement->step() ? std::optional(read_user(*statement)) : std::nullopt;
}

std::optional<UserRecord> SqliteUserRepository::find_by_username(std::string_view username) {
    static const std::string kSql = select_user() + "WHERE username = ?1";
    auto statement = connection_.cached(kSql);
    statement->bind_all(username);
    return statement->step() ? std::optional(read_user(*statement)) : std::nullopt;
}

std::vector<UserRecord> SqliteUserRepository::list(const UserFilter& filter) {
    const FilterSql filter_sql = where_clause(filter);
    auto statement = connection_.cached(select_user() + filter_sql.where + " ORDER BY username, id LIMIT ?" +
                                        std::to_string(filter_sql.parameters + 1) + " OFFSET ?" +
                                        std::to_string(filter_sql.parameters + 2));
    bind_filter(*statement, filter);
    statement->bind(filter_sql.parameters + 1, to_sql_count(filter.limit));
    statement->bind(filter_sql.parameters + 2, to_sql_count(filter.offset));
    std::vector<UserRecord> users;
    while (statement->step()) {
        users.push_back(read_user(*statement));
    }
    return users;
}

std::size_t SqliteUserRepository::count(const UserFilter& filter) {
    auto statement = connection_.cached("SELECT count(*) FROM users " + where_clause(filter).where);
    bind_filter(*statement, filter);
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

std::optional<std::int64_t> SqliteUserRepository::insert(const UserRecord& user) {
    auto statement = connection_.cached(
        "INSERT INTO users (username, display_name, role, password_hash, disabled, created_at, updated_at, "
        "last_login_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (username) DO NOTHING");
    statement
        ->bind_all(user.username, user.display_name, user.role, user.password_hash,
                   std::int64_t{user.disabled ? 1 : 0}, to_unix_millis(user.created_at),
                   to_unix_millis(user.updated_at), to_optional_millis(user.last_login_at))
        .execute();
    if (connection_.changes() == 0) {
        return std::nullopt;
    }
    const std::int64_t id = connection_.last_insert_rowid();
    replace_scope(connection_, kUserScope, id, user.institution_ids);
    return id;
}

bool SqliteUserRepository::update(const UserRecord& user) {
    auto statement = connection_.cached(
        "UPDATE users SET display_name = ?2, role = ?3, password_hash = ?4, disabled = ?5, updated_at = ?6 "
        "WHERE id = ?1");
    statement
        ->bind_all(user.id, user.display_name, user.role, user.password_hash,
                   std::int64_t{user.disabled ? 1 : 0}, to_unix_millis(user.updated_at))
        .execute();
    if (connection_.changes() == 0) {
        return false;
    }
    replace_scope(connection_, kUserScope, user.id, user.institution_ids);
    return true;
}

bool SqliteUserRepository::remove(std::int64_t id) {
    // Sessions and the scope go with the user (ON DELETE CASCADE).
    auto statement = connection_.cached("DELETE FROM users WHERE id = ?1");
    statement->bind_all(id).execute();
    return connection_.changes() > 0;
}

void SqliteUserRepository::record_login(std::int64_t id, Timestamp at) {
    auto statement = connection_.cached("UPDATE users SET last_login_at = ?2 WHERE id = ?1");
    statement->bind_all(id, to_unix_millis(at)).execute();
}

std::vector<std::int64_t> SqliteUserRepository::unknown_institutions(
    const std::vector<std::int64_t>& institution_ids) {
    return storage::unknown_institutions(connection_, institution_ids);
}

}  // namespace parkgrid::storage
