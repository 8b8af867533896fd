#pragma once

#include "parkgrid/storage/security_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Security events of any identity: ParkGrid records failed authentications of chargers nobody registered.
class SqliteSecurityEventRepository final : public SecurityEventRepository {
public:
    explicit SqliteSecurityEventRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t insert(const SecurityEventRecord& event) override;
    Listing<SecurityEventRecord> query(const SecurityEventFilter& filter) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
