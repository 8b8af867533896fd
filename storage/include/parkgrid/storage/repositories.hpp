#pragma once

// Repository interfaces. Everything outside storage/ reads and writes through these; only the
// backend implementations (SQLite today, PostgreSQL later) speak SQL. A Repositories object is only
// valid inside one unit of work (see database.hpp); all calls made through it share one transaction.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/storage/audit_repository.hpp"
#include "parkgrid/storage/energy_repository.hpp"
#include "parkgrid/storage/load_management_repository.hpp"
#include "parkgrid/storage/operations_repositories.hpp"
#include "parkgrid/storage/organisation_repositories.hpp"
#include "parkgrid/storage/records.hpp"
#include "parkgrid/storage/security_repositories.hpp"
#include "parkgrid/storage/user_repositories.hpp"

namespace parkgrid::storage {

class ChargerRepository {
public:
    virtual ~ChargerRepository() = default;

    virtual std::optional<ChargerRecord> find(std::string_view id) = 0;
    virtual std::vector<ChargerRecord> list() = 0;
    // In id order.
    virtual Listing<ChargerRecord> query(const ChargerFilter& filter) = 0;
    // Returns false when there is no such charger; nullopt unassigns it. The site must exist. A charger that
    // moves to another site (or none) leaves its circuit, which belongs to the old site.
    virtual bool set_site(std::string_view id, std::optional<std::int64_t> site_id) = 0;
    // Returns false when a charger with this id exists already.
    virtual bool insert(const std::string& id, const std::optional<std::string>& description,
                        RegistrationStatus status, Timestamp now) = 0;
    // Returns false when there is no such charger.
    virtual bool set_registration_status(std::string_view id, RegistrationStatus status) = 0;
    virtual bool set_description(std::string_view id, const std::optional<std::string>& description) = 0;
    // Both return false when there is no such charger.
    virtual bool set_security_profile(std::string_view id, std::int32_t profile) = 0;
    // nullopt removes the key (profiles 1 and 2 then refuse the charger).
    virtual bool set_authorization_key_hash(std::string_view id, const std::optional<std::string>& key_hash,
                                            Timestamp at) = 0;
    virtual void record_boot(std::string_view id, const BootInfo& info, Timestamp at) = 0;
    virtual void touch(std::string_view id, Timestamp seen_at) = 0;
    virtual void record_firmware_status(std::string_view id, const std::string& status, Timestamp at) = 0;
    virtual void record_diagnostics_status(std::string_view id, const std::string& status, Timestamp at) = 0;

    // Updates the connector's current status and appends to its history.
    virtual void record_status(const StatusRecord& status) = 0;
    virtual std::vector<StatusRecord> connectors(std::string_view charger_id) = 0;
    virtual std::vector<StatusRecord> status_history(std::string_view charger_id,
                                                     std::optional<std::int32_t> connector_id,
                                                     std::size_t limit, std::size_t offset) = 0;
};

class IdTagRepository {
public:
    virtual ~IdTagRepository() = default;

    // Id tags are case-insensitive (OCPP IdToken).
    virtual std::optional<IdTagRecord> find(std::string_view id_tag) = 0;
    virtual std::vector<IdTagRecord> list(std::size_t limit, std::size_t offset) = 0;
    // In tag order.
    virtual Listing<IdTagRecord> query(const IdTagFilter& filter) = 0;
    // Returns false when the tag exists already.
    virtual bool insert(const IdTagRecord& tag) = 0;
    // Returns false when there is no such tag.
    virtual bool update(const IdTagRecord& tag) = 0;
    virtual bool remove(std::string_view id_tag) = 0;
};

class TransactionRepository {
public:
    virtual ~TransactionRepository() = default;

    virtual std::optional<TransactionRecord> find(std::int32_t id) = 0;
    // The transaction a retried StartTransaction already created: same charger, connector, id tag,
    // start timestamp and meterStart.
    virtual std::optional<TransactionRecord> find_same_start(const TransactionStart& start) = 0;
    // Returns the new transaction id: unique, positive and never reused. Also records whom the transaction
    // belongs to as of now (TransactionAttribution, read through EnergyRepository::attribution): the id
    // tag's vehicle or driver and their department, the charger's site, and the institution whose fleet
    // charged (the vehicle's, else the tag's, else the site's).
    virtual std::int32_t insert(const TransactionStart& start) = 0;
    virtual std::vector<TransactionRecord> open_on_connector(std::string_view charger_id,
                                                             std::int32_t connector_id) = 0;
    // Running transactions of this id tag, on any charger.
    virtual std::vector<TransactionRecord> open_for_id_tag(std::string_view id_tag) = 0;
    virtual void record_stop(std::int32_t id, const TransactionStop& stop) = 0;
    virtual std::vector<TransactionRecord> query(const TransactionFilter& filter) = 0;
    // How many transactions match the filter on all pages (limit and offset are ignored).
    virtual std::size_t count(const TransactionFilter& filter) = 0;
};

class MeterValueRepository {
public:
    virtual ~MeterValueRepository() = default;

    // Stores the meter value unless an identical one (same charger, connector, transaction, time, source and
    // samples) is stored already: a charger that did not see the answer sends the same reading again, maybe
    // with a new message id. Returns whether it was stored.
    virtual bool insert(const MeterValueRecord& meter_value) = 0;
    virtual std::vector<MeterValueRecord> for_transaction(std::int32_t transaction_id) = 0;
    // Retention: deletes up to `limit` meter values taken and received before `cutoff`, without a transaction
    // or of a transaction whose energy ledger is written (so reports keep their figures). Returns how many.
    virtual std::size_t delete_before(Timestamp cutoff, std::size_t limit) = 0;
};

class EventRepository {
public:
    virtual ~EventRepository() = default;

    virtual void record_connection(const ConnectionEvent& event) = 0;
    virtual std::vector<ConnectionEvent> connections(std::string_view charger_id, std::size_t limit,
                                                     std::size_t offset) = 0;
    virtual void record_anomaly(const AnomalyRecord& anomaly) = 0;
    virtual std::vector<AnomalyRecord> anomalies_for_transaction(std::int32_t transaction_id) = 0;
    virtual std::vector<AnomalyRecord> anomalies_for_charger(std::string_view charger_id, std::size_t limit,
                                                             std::size_t offset) = 0;
    virtual void record_data_transfer(const DataTransferRecord& transfer) = 0;
};

class ApiTokenRepository {
public:
    virtual ~ApiTokenRepository() = default;

    virtual std::optional<ApiTokenRecord> find_by_hash(std::string_view token_hash) = 0;
    virtual std::optional<ApiTokenRecord> find_by_name(std::string_view name) = 0;
    virtual std::optional<ApiTokenRecord> find(std::int64_t id) = 0;
    // In id order, revoked tokens included.
    virtual std::vector<ApiTokenRecord> list(std::size_t limit, std::size_t offset) = 0;
    // Stores the token with its institutions (which must exist).
    virtual std::int64_t insert(const ApiTokenRecord& token) = 0;
    // A new secret for the token, which is live again (not revoked).
    virtual void replace_hash(std::int64_t id, const std::string& token_hash) = 0;
    virtual std::size_t count() = 0;
    // Moves last_used_at forward (never back).
    virtual void touch(std::int64_t id, Timestamp used_at) = 0;
    // Returns false when there is no such token or it was revoked already.
    virtual bool revoke(std::int64_t id, Timestamp at) = 0;
};

// The repositories of one unit of work.
class Repositories {
public:
    virtual ~Repositories() = default;

    virtual ChargerRepository& chargers() = 0;
    virtual IdTagRepository& id_tags() = 0;
    virtual TransactionRepository& transactions() = 0;
    virtual MeterValueRepository& meter_values() = 0;
    virtual EventRepository& events() = 0;
    virtual ApiTokenRepository& api_tokens() = 0;
    virtual CommandLogRepository& command_log() = 0;
    virtual ReservationRepository& reservations() = 0;
    virtual ConfigurationRepository& configuration() = 0;
    virtual LocalListRepository& local_lists() = 0;
    virtual MaintenanceRepository& maintenance() = 0;
    virtual UserRepository& users() = 0;
    virtual SessionRepository& sessions() = 0;
    virtual AuditLogRepository& audit_log() = 0;
    virtual InstitutionRepository& institutions() = 0;
    virtual SiteRepository& sites() = 0;
    virtual DepartmentRepository& departments() = 0;
    virtual VehicleRepository& vehicles() = 0;
    virtual DriverRepository& drivers() = 0;
    virtual SecurityEventRepository& security_events() = 0;
    virtual CertificateRequestRepository& certificate_requests() = 0;
    virtual LogRequestRepository& log_requests() = 0;
    virtual SignedFirmwareRepository& signed_firmware_updates() = 0;
    virtual LoadManagementRepository& load_management() = 0;
    virtual EnergyRepository& energy() = 0;
};

}  // namespace parkgrid::storage
