#pragma once

// Append-only audit log, reached through Repositories::audit_log(). Any module may append inside its own
// unit of work, so that a change and its audit record commit together.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parkgrid/storage/audit_records.hpp"

namespace parkgrid::storage {

class AuditLogRepository {
public:
    virtual ~AuditLogRepository() = default;

    // Returns the new record's id; the record's id is ignored.
    virtual std::int64_t append(const AuditRecord& record) = 0;
    virtual std::vector<AuditRecord> query(const AuditFilter& filter) = 0;
    // Records matching the filter, ignoring its limit and offset.
    virtual std::size_t count(const AuditFilter& filter) = 0;
};

}  // namespace parkgrid::storage
