#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Sites (car parks); listed by name.
class SqliteSiteRepository final : public SiteRepository {
public:
    explicit SqliteSiteRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<SiteRecord> find(std::int64_t id) override;
    Listing<SiteRecord> query(const SiteFilter& filter) override;
    // Throws sqlite::SqliteError (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown institution.
    std::optional<std::int64_t> insert(const SiteRecord& site) override;
    UpdateResult update(const SiteRecord& site) override;
    std::vector<Dependents> dependents(std::int64_t id) override;
    RemoveResult remove(std::int64_t id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
