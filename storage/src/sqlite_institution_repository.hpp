#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Institutions; listed by name.
class SqliteInstitutionRepository final : public InstitutionRepository {
public:
    explicit SqliteInstitutionRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<InstitutionRecord> find(std::int64_t id) override;
    Listing<InstitutionRecord> query(const InstitutionFilter& filter) override;
    std::optional<std::int64_t> insert(const InstitutionRecord& institution) override;
    UpdateResult update(const InstitutionRecord& institution) override;
    std::vector<Dependents> dependents(std::int64_t id) override;
    // StillReferenced also covers rows this repository does not know, e.g. user or API token scopes.
    RemoveResult remove(std::int64_t id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
