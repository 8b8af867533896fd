#pragma once

#include "parkgrid/storage/security_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteLogRequestRepository final : public LogRequestRepository {
public:
    explicit SqliteLogRequestRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int32_t insert(const LogRequestRecord& request) override;
    std::optional<LogRequestRecord> find(std::int32_t id) override;
    void set_location(std::int32_t id, const std::string& location,
                      const std::optional<std::string>& upload_token_hash) override;
    void record_answer(std::int32_t id, const RequestAnswer& answer,
                       const std::optional<std::string>& file_name) override;
    std::optional<std::int32_t> record_notification(const RequestNotification& notification) override;
    bool claim_upload(std::int32_t id) override;
    void release_upload(std::int32_t id) override;
    void record_file(std::int32_t id, const std::string& path, std::int64_t bytes, Timestamp at) override;
    Listing<LogRequestRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                          std::size_t offset) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
