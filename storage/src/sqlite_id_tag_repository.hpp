#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Id tags; the column's NOCASE collation makes every lookup case-insensitive.
class SqliteIdTagRepository final : public IdTagRepository {
public:
    explicit SqliteIdTagRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<IdTagRecord> find(std::string_view id_tag) override;
    std::vector<IdTagRecord> list(std::size_t limit, std::size_t offset) override;
    Listing<IdTagRecord> query(const IdTagFilter& filter) override;
    // A vehicle or driver of another institution than the tag's fails with sqlite::SqliteError
    // (SQLITE_CONSTRAINT_TRIGGER); a tag with both with SQLITE_CONSTRAINT_CHECK.
    bool insert(const IdTagRecord& tag) override;
    bool update(const IdTagRecord& tag) override;
    bool remove(std::string_view id_tag) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
