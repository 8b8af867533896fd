#pragma once

#include "parkgrid/storage/operations_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteConfigurationRepository final : public ConfigurationRepository {
public:
    explicit SqliteConfigurationRepository(sqlite::Connection& connection) : connection_(connection) {}

    void replace_reported(std::string_view charger_id, const std::vector<ConfigurationKeyRecord>& keys,
                          Timestamp fetched_at) override;
    void record_change(std::string_view charger_id, const std::string& key, const std::string& value,
                       const std::string& status, bool applied, Timestamp at) override;
    std::vector<ConfigurationKeyRecord> reported(std::string_view charger_id) override;

    std::optional<std::int64_t> insert_desired(const DesiredConfigurationRecord& desired) override;
    bool update_desired(const DesiredConfigurationRecord& desired) override;
    bool remove_desired(std::int64_t id) override;
    std::optional<DesiredConfigurationRecord> find_desired(std::int64_t id) override;
    std::vector<DesiredConfigurationRecord> list_desired() override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
