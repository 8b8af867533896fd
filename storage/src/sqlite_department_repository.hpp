#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Departments; listed by name. Foreign keys on (id, institution_id) keep a parent in the department's
// institution: a parent elsewhere fails with sqlite::SqliteError (SQLITE_CONSTRAINT_FOREIGNKEY).
class SqliteDepartmentRepository final : public DepartmentRepository {
public:
    explicit SqliteDepartmentRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<DepartmentRecord> find(std::int64_t id) override;
    Listing<DepartmentRecord> query(const DepartmentFilter& filter) override;
    std::int64_t insert(const DepartmentRecord& department) override;
    bool update(const DepartmentRecord& department) override;
    std::vector<Dependents> dependents(std::int64_t id) override;
    RemoveResult remove(std::int64_t id) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
