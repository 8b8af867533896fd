#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/organisation_records.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

// One central-system CALL to a charger. Payloads are kept as JSON text, exactly as sent and received.
struct CommandRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::string action;
    std::string request;
    std::string requested_by;
    Timestamp requested_at{};
    std::string status = "pending";
    std::optional<std::string> response;
    std::optional<std::string> error_code;
    std::optional<std::string> error_description;
    std::optional<Timestamp> completed_at;
};

// How a command ended.
struct CommandCompletion {
    std::string status;
    std::optional<std::string> response;
    std::optional<std::string> error_code;
    std::optional<std::string> error_description;
    Timestamp completed_at{};
};

struct ReservationRecord {
    std::int32_t id = 0;
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::string id_tag;
    std::optional<std::string> parent_id_tag;
    Timestamp expiry_date{};
    std::string status = "requested";
    std::optional<std::string> charger_status;
    std::optional<std::int32_t> transaction_id;
    std::string created_by;
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct ReservationFilter {
    InstitutionScope scope;  // through the charger's site
    std::optional<std::string> charger_id;
    std::optional<std::string> id_tag;
    std::optional<std::string> status;
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// A configuration key as a charger reported it, with the last change ParkGrid made to it.
struct ConfigurationKeyRecord {
    std::string key;
    std::optional<std::string> value;
    bool readonly = false;
    Timestamp fetched_at{};
    std::optional<std::string> change_status;
    std::optional<std::string> change_value;
    std::optional<Timestamp> changed_at;
};

// A configuration value administrators want: for all chargers (no site, no model), for one charger model,
// or for one site's chargers.
struct DesiredConfigurationRecord {
    std::int64_t id = 0;
    std::optional<std::int64_t> site_id;
    std::optional<std::string> charge_point_vendor;
    std::optional<std::string> charge_point_model;
    std::string key;
    std::string value;
    std::string created_by;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// One entry of a charger's local authorization list.
struct LocalListEntry {
    std::string id_tag;
    std::string status;
    std::optional<Timestamp> expiry_date;
    std::optional<std::string> parent_id_tag;

    friend bool operator==(const LocalListEntry&, const LocalListEntry&) = default;
};

// One SendLocalList: what it changes in a charger's local authorization list.
struct LocalListUpdate {
    bool full = false;                    // updateType Full: `changed` is the whole list
    std::vector<LocalListEntry> changed;  // added or different entries (with their idTagInfo)
    std::vector<std::string> removed;     // Differential only: entries sent without idTagInfo

    bool empty() const { return !full && changed.empty() && removed.empty(); }
};

struct LocalListState {
    std::int32_t version = 0;
    bool supported = true;
    Timestamp synced_at{};
};

struct FirmwareUpdateRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::string location;
    Timestamp retrieve_date{};
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;
    std::string requested_by;
    Timestamp requested_at{};
    std::string status = "requested";
    Timestamp status_at{};
    std::optional<Timestamp> finished_at;
};

struct DiagnosticsRequestRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::string location;
    std::optional<std::string> upload_token_hash;
    std::optional<Timestamp> start_time;
    std::optional<Timestamp> stop_time;
    std::string requested_by;
    Timestamp requested_at{};
    std::optional<std::string> file_name;
    std::string status = "requested";
    Timestamp status_at{};
    std::optional<std::string> stored_path;
    std::optional<std::int64_t> stored_bytes;
    std::optional<Timestamp> stored_at;
};

}  // namespace parkgrid::storage
