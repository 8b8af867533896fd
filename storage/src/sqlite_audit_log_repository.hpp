#pragma once

#include "parkgrid/storage/audit_repository.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteAuditLogRepository final : public AuditLogRepository {
public:
    explicit SqliteAuditLogRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t append(const AuditRecord& record) override;
    std::vector<AuditRecord> query(const AuditFilter& filter) override;
    std::size_t count(const AuditFilter& filter) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
