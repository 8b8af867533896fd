#pragma once

#include "parkgrid/storage/operations_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteCommandLogRepository final : public CommandLogRepository {
public:
    explicit SqliteCommandLogRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t insert(const CommandRecord& command) override;
    void complete(std::int64_t id, const CommandCompletion& completion) override;
    std::vector<CommandRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                           std::size_t offset) override;
    std::size_t count_for_charger(std::string_view charger_id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
