#pragma once

#include "parkgrid/storage/repositories.hpp"
#include "sqlite/connection.hpp"
#include "sqlite_api_token_repository.hpp"
#include "sqlite_audit_log_repository.hpp"
#include "sqlite_certificate_request_repository.hpp"
#include "sqlite_charger_repository.hpp"
#include "sqlite_command_log_repository.hpp"
#include "sqlite_configuration_repository.hpp"
#include "sqlite_department_repository.hpp"
#include "sqlite_driver_repository.hpp"
#include "sqlite_energy_repository.hpp"
#include "sqlite_event_repository.hpp"
#include "sqlite_id_tag_repository.hpp"
#include "sqlite_institution_repository.hpp"
#include "sqlite_load_management_repository.hpp"
#include "sqlite_local_list_repository.hpp"
#include "sqlite_log_request_repository.hpp"
#include "sqlite_maintenance_repository.hpp"
#include "sqlite_meter_value_repository.hpp"
#include "sqlite_reservation_repository.hpp"
#include "sqlite_security_event_repository.hpp"
#include "sqlite_session_repository.hpp"
#include "sqlite_signed_firmware_repository.hpp"
#include "sqlite_site_repository.hpp"
#include "sqlite_transaction_repository.hpp"
#include "sqlite_user_repository.hpp"
#include "sqlite_vehicle_repository.hpp"

namespace parkgrid::storage {

// All repositories over one connection. Each storage thread keeps one for its connection and hands it to
// every job it runs; the transaction around the job is the unit of work.
class SqliteRepositories final : public Repositories {
public:
    explicit SqliteRepositories(sqlite::Connection& connection);

    ChargerRepository& chargers() override { return chargers_; }
    IdTagRepository& id_tags() override { return id_tags_; }
    TransactionRepository& transactions() override { return transactions_; }
    MeterValueRepository& meter_values() override { return meter_values_; }
    EventRepository& events() override { return events_; }
    ApiTokenRepository& api_tokens() override { return api_tokens_; }
    CommandLogRepository& command_log() override { return command_log_; }
    ReservationRepository& reservations() override { return reservations_; }
    ConfigurationRepository& configuration() override { return configuration_; }
    LocalListRepository& local_lists() override { return local_lists_; }
    MaintenanceRepository& maintenance() override { return maintenance_; }
    UserRepository& users() override { return users_; }
    SessionRepository& sessions() override { return sessions_; }
    AuditLogRepository& audit_log() override { return audit_log_; }
    InstitutionRepository& institutions() override { return institutions_; }
    SiteRepository& sites() override { return sites_; }
    DepartmentRepository& departments() override { return departments_; }
    VehicleRepository& vehicles() override { return vehicles_; }
    DriverRepository& drivers() override { return drivers_; }
    SecurityEventRepository& security_events() override { return security_events_; }
    CertificateRequestRepository& certificate_requests() override { return certificate_requests_; }
    LogRequestRepository& log_requests() override { return log_requests_; }
    SignedFirmwareRepository& signed_firmware_updates() override { return signed_firmware_updates_; }
    LoadManagementRepository& load_management() override { return load_management_; }
    EnergyRepository& energy() override { return energy_; }

    // For code inside storage/ (and its tests) that needs SQL beyond the repositories.
    sqlite::Connection& connection() { return connection_; }

private:
    sqlite::Connection& connection_;
    SqliteChargerRepository chargers_;
    SqliteIdTagRepository id_tags_;
    SqliteTransactionRepository transactions_;
    SqliteMeterValueRepository meter_values_;
    SqliteEventRepository events_;
    SqliteApiTokenRepository api_tokens_;
    SqliteCommandLogRepository command_log_;
    SqliteReservationRepository reservations_;
    SqliteConfigurationRepository configuration_;
    SqliteLocalListRepository local_lists_;
    SqliteMaintenanceRepository maintenance_;
    SqliteUserRepository users_;
    SqliteSessionRepository sessions_;
    SqliteAuditLogRepository audit_log_;
    SqliteInstitutionRepository institutions_;
    SqliteSiteRepository sites_;
    SqliteDepartmentRepository departments_;
    SqliteVehicleRepository vehicles_;
    SqliteDriverRepository drivers_;
    SqliteSecurityEventRepository security_events_;
    SqliteCertificateRequestRepository certificate_requests_;
    SqliteLogRequestRepository log_requests_;
    SqliteSignedFirmwareRepository signed_firmware_updates_;
    SqliteLoadManagementRepository load_management_;
    SqliteEnergyRepository energy_;
};

}  // namespace parkgrid::storage
