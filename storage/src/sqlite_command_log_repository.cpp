#include "sqlite_command_log_repository.hpp"

#include "column_conversions.hpp"

namespace parkgrid::storage {

std::int64_t SqliteCommandLogRepository::insert(const CommandRecord& command) {
    auto statement = connection_.cached(
        "INSERT INTO command_log (charger_id, action, request, requested_by, requested_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5)");
    statement
        ->bind_all(command.charger_id, command.action, command.request, command.requested_by,
                   to_unix_millis(command.requested_at))
        .execute();
    return connection_.last_insert_rowid();
}

void SqliteCommandLogRepository::complete(std::int64_t id, const CommandCompletion& completion) {
    auto statement = connection_.cached(
        "UPDATE command_log SET status = ?2, response = ?3, error_code = ?4, error_description = ?5, "
        "completed_at = ?6 WHERE id = ?1");
    statement
        ->bind_all(id, completion.status, completion.response, completion.error_code,
                   completion.error_description, to_unix_millis(completion.completed_at))
        .execute();
}

std::vector<CommandRecord> SqliteCommandLogRepository::for_charger(std::string_view charger_id,
                                                                   std::size_t limit, std::size_t offset) {
    auto statement = connection_.cached(
        "SELECT id, charger_id, action, request, requested_by, requested_at, status, response, error_code, "
        "error_description, completed_at FROM command_log WHERE charger_id = ?1 "
        "ORDER BY requested_at DESC, id DESC LIMIT ?2 OFFSET ?3");
    statement->bind_all(charger_id, to_sql_count(limit), to_sql_count(offset));
    std::vector<CommandRecord> commands;
    while (statement->step()) {
        commands.push_back(CommandRecord{
            .id = statement->column<std::int64_t>(0),
            .charger_id = statement->column<std::string>(1),
            .action = statement->column<std::string>(2),
            .request = statement->column<std::string>(3),
            .requested_by = statement->column<std::string>(4),
            .requested_at = timestamp_column(*statement, 5),
            .status = statement->column<std::string>(6),
            .response = statement->column<std::optional<std::string>>(7),
            .error_code = statement->column<std::optional<std::string>>(8),
            .error_description = statement->column<std::optional<std::string>>(9),
            .completed_at = optional_timestamp_column(*statement, 10),
        });
    }
    return commands;
}

std::size_t SqliteCommandLogRepository::count_for_charger(std::string_view charger_id) {
    auto statement = connection_.cached("SELECT count(*) FROM command_log WHERE charger_id = ?1");
    statement->bind_all(charger_id);
    statement->step();
    return static_cast<std::size_t>(statement->column<std::int64_t>(0));
}

}  // namespace parkgrid::storage
