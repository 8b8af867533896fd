#pragma once

#include "parkgrid/storage/user_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Users with their institution scope; the username column's NOCASE collation makes lookups and uniqueness
// case-insensitive.
class SqliteUserRepository final : public UserRepository {
public:
    explicit SqliteUserRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<UserRecord> find(std::int64_t id) override;
    std::optional<UserRecord> find_by_username(std::string_view username) override;
    std::vector<UserRecord> list(const UserFilter& filter) override;
    std::size_t count(const UserFilter& filter) override;
    std::optional<std::int64_t> insert(const UserRecord& user) override;
    bool update(const UserRecord& user) override;
    bool remove(std::int64_t id) override;
    void record_login(std::int64_t id, Timestamp at) override;
    std::vector<std::int64_t> unknown_institutions(const std::vector<std::int64_t>& institution_ids) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
