#pragma once

#include "parkgrid/storage/operations_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteMaintenanceRepository final : public MaintenanceRepository {
public:
    explicit SqliteMaintenanceRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t insert_firmware_update(const FirmwareUpdateRecord& update) override;
    void set_firmware_status(std::int64_t id, const std::string& status, bool finished,
                             Timestamp at) override;
    bool record_firmware_notification(std::string_view charger_id, const std::string& status, bool finished,
                                      Timestamp at) override;
    std::vector<FirmwareUpdateRecord> firmware_updates(std::string_view charger_id, std::size_t limit,
                                                       std::size_t offset) override;

    std::int64_t insert_diagnostics_request(const DiagnosticsRequestRecord& request) override;
    void set_diagnostics_location(std::int64_t id, const std::string& location,
                                  const std::optional<std::string>& upload_token_hash) override;
    void set_diagnostics_answer(std::int64_t id, const std::optional<std::string>& file_name,
                                const std::string& status, Timestamp at) override;
    bool record_diagnostics_notification(std::string_view charger_id, const std::string& status,
                                         Timestamp at) override;
    bool claim_diagnostics_upload(std::int64_t id) override;
    void release_diagnostics_upload(std::int64_t id) override;
    void record_diagnostics_file(std::int64_t id, const std::string& path, std::int64_t bytes,
                                 Timestamp at) override;
    std::optional<DiagnosticsRequestRecord> find_diagnostics_request(std::int64_t id) override;
    std::vector<DiagnosticsRequestRecord> diagnostics_requests(std::string_view charger_id, std::size_t limit,
                                                               std::size_t offset) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
