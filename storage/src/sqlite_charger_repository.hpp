#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Chargers, their connectors' current status and the status history.
// The record_* and touch methods do nothing for an unknown charger (register it first with insert()).
class SqliteChargerRepository final : public ChargerRepository {
public:
    explicit SqliteChargerRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::optional<ChargerRecord> find(std::string_view id) override;
    std::vector<ChargerRecord> list() override;
    Listing<ChargerRecord> query(const ChargerFilter& filter) override;
    // Throws sqlite::SqliteError (SQLITE_CONSTRAINT_FOREIGNKEY) for an unknown site.
    bool set_site(std::string_view id, std::optional<std::int64_t> site_id) override;
    bool insert(const std::string& id, const std::optional<std::string>& description,
                RegistrationStatus status, Timestamp now) override;
    bool set_registration_status(std::string_view id, RegistrationStatus status) override;
    bool set_description(std::string_view id, const std::optional<std::string>& description) override;
    bool set_security_profile(std::string_view id, std::int32_t profile) override;
    bool set_authorization_key_hash(std::string_view id, const std::optional<std::string>& key_hash,
                                    Timestamp at) override;
    void record_boot(std::string_view id, const BootInfo& info, Timestamp at) override;
    void touch(std::string_view id, Timestamp seen_at) override;
    void record_firmware_status(std::string_view id, const std::string& status, Timestamp at) override;
    void record_diagnostics_status(std::string_view id, const std::string& status, Timestamp at) override;

    void record_status(const StatusRecord& status) override;
    std::vector<StatusRecord> connectors(std::string_view charger_id) override;
    std::vector<StatusRecord> status_history(std::string_view charger_id,
                                             std::optional<std::int32_t> connector_id, std::size_t limit,
                                             std::size_t offset) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
