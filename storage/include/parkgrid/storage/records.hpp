#pragma once

// Plain records exchanged with the repositories. Protocol enumerations are carried as their OCPP wire
// strings: storage does not depend on the protocol module, and the protocol layer has validated them.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/organisation_records.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

enum class RegistrationStatus { Accepted, Pending, Rejected };

struct BootInfo {
    std::string vendor;
    std::string model;
    std::optional<std::string> charge_point_serial_number;
    std::optional<std::string> charge_box_serial_number;
    std::optional<std::string> firmware_version;
    std::optional<std::string> iccid;
    std::optional<std::string> imsi;
    std::optional<std::string> meter_type;
    std::optional<std::string> meter_serial_number;
};

struct ChargerRecord {
    std::string id;
    std::optional<std::string> description;
    RegistrationStatus registration_status = RegistrationStatus::Pending;
    std::optional<BootInfo> boot_info;  // from the last BootNotification
    std::optional<Timestamp> last_boot_at;
    std::optional<Timestamp> last_seen_at;
    std::optional<std::string> firmware_status;     // last FirmwareStatusNotification
    std::optional<std::string> diagnostics_status;  // last DiagnosticsStatusNotification
    Timestamp created_at{};
    std::optional<std::int64_t> site_id{};                // none: unassigned, seen by admins only
    std::optional<std::int64_t> institution_id{};         // the site's institution (read only)
    std::int32_t security_profile = 0;                    // OCPP 1.6 security profile, 0 to 3
    std::optional<std::string> authorization_key_hash{};  // PBKDF2 hash of the HTTP Basic password
    std::optional<Timestamp> authorization_key_set_at{};
    std::optional<std::string> current_type{};  // AC or DC, when recorded
    std::optional<double> rated_power_kw{};
};

// One StatusNotification; connector 0 is the charge point itself.
struct StatusRecord {
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::string status;
    std::string error_code;
    std::optional<std::string> info;
    std::optional<std::string> vendor_id;
    std::optional<std::string> vendor_error_code;
    std::optional<Timestamp> timestamp;  // as reported by the charger
    Timestamp received_at{};
};

struct IdTagRecord {
    std::string id_tag;
    std::string status;  // Accepted, Blocked, Expired, Invalid
    std::optional<Timestamp> expiry_date;
    std::optional<std::string> parent_id_tag;
    Timestamp created_at{};
    Timestamp updated_at{};
    std::optional<std::int64_t> institution_id{};  // none: a global tag, seen by admins only
    // The tag's owner, at most one of the two, of the tag's institution.
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::int64_t> driver_id{};
};

struct TransactionStart {
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::string id_tag;
    Timestamp timestamp{};
    std::int64_t meter_start = 0;
    std::optional<std::int32_t> reservation_id;
    std::string authorization_status;  // what the StartTransaction answer said about the id tag
    Timestamp received_at{};
};

struct TransactionStop {
    Timestamp timestamp{};
    std::int64_t meter_stop = 0;
    std::optional<std::string> reason;
    std::optional<std::string> id_tag;
    Timestamp received_at{};
};

struct TransactionRecord {
    std::int32_t id = 0;
    TransactionStart start;
    std::optional<TransactionStop> stop;

    std::optional<std::int64_t> energy_wh() const {
        return stop ? std::optional<std::int64_t>(stop->meter_stop - start.meter_start) : std::nullopt;
    }
};

struct TransactionFilter {
    std::optional<std::string> charger_id;
    std::optional<std::string> id_tag;
    std::optional<Timestamp> from;           // start timestamp >= from
    std::optional<Timestamp> to;             // start timestamp < to
    std::optional<bool> open;                // only running (true) or finished (false) transactions
    std::optional<std::int64_t> vehicle_id;  // the vehicle it was attributed to when it started
    InstitutionScope scope{};                // through the charger's site; see ChargerFilter
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// One sampled value with every attribute explicit (spec defaults applied by the caller).
// `value` is the reading as sent; `normalized_value`/`normalized_unit` convert k-prefixed units
// (kWh to Wh, kW to W, ...) and are empty for values that are not numbers (e.g. SignedData).
struct SampledValueRecord {
    std::string value;
    std::string context;
    std::string format;
    std::string measurand;
    std::optional<std::string> phase;
    std::string location;
    std::string unit;
    std::optional<double> normalized_value;
    std::optional<std::string> normalized_unit;
};

// One MeterValue element: the samples a charger took at one instant.
struct MeterValueRecord {
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::optional<std::int32_t> transaction_id;  // set only when it names a known transaction of this charger
    Timestamp timestamp{};
    std::string source;  // "MeterValues" or "StopTransaction"
    std::vector<SampledValueRecord> samples;
    Timestamp received_at{};
};

struct ConnectionEvent {
    std::string charger_id;
    std::string event;  // connected, disconnected, replaced, rejected
    std::string remote_address;
    std::optional<std::string> detail;
    Timestamp at{};
};

// Something a charger reported that was answered but is suspect, for operators and data-quality checks.
struct AnomalyRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::optional<std::int32_t> transaction_id;
    std::string kind;
    std::string detail;
    Timestamp at{};
};

struct DataTransferRecord {
    std::string charger_id;
    std::string vendor_id;
    std::optional<std::string> message_id;
    std::optional<std::string> data;
    std::string response_status;
    Timestamp at{};
};

struct ApiTokenRecord {
    std::int64_t id = 0;
    std::string name;
    std::string token_hash;  // hex SHA-256; the token itself is never stored
    std::string role;
    Timestamp created_at{};
    std::optional<Timestamp> last_used_at;
    std::optional<std::string> created_by{};  // subject that created it; none for the bootstrap token
    std::optional<Timestamp> expires_at{};    // none: until revoked
    std::optional<Timestamp> revoked_at{};
    std::vector<std::int64_t> institution_ids{};  // scope, ascending; empty for admins
};

}  // namespace parkgrid::storage
