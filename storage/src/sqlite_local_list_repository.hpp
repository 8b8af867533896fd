#pragma once

#include "parkgrid/storage/operations_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteLocalListRepository final : public LocalListRepository {
public:
    explicit SqliteLocalListRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<LocalListState> state(std::string_view charger_id) override;
    std::vector<LocalListEntry> entries(std::string_view charger_id) override;
    void apply(std::string_view charger_id, std::int32_t version, const LocalListUpdate& update,
               Timestamp at) override;
    void mark_unsupported(std::string_view charger_id, Timestamp at) override;
    std::vector<LocalListEntry> allowed_tags(std::optional<std::int64_t> institution_id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
