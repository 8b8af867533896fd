#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkgrid/storage/operations_records.hpp"

namespace parkgrid::storage {

class CommandLogRepository {
public:
    virtual ~CommandLogRepository() = default;

    // Returns the new entry's id; the record's id and completion fields are ignored.
    virtual std::int64_t insert(const CommandRecord& command) = 0;
    virtual void complete(std::int64_t id, const CommandCompletion& completion) = 0;
    // Newest first.
    virtual std::vector<CommandRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                                   std::size_t offset) = 0;
    virtual std::size_t count_for_charger(std::string_view charger_id) = 0;
};

class ReservationRepository {
public:
    virtual ~ReservationRepository() = default;

    // Returns the new reservation id (the OCPP reservationId); the record's id is ignored.
    virtual std::int32_t insert(const ReservationRecord& reservation) = 0;
    virtual std::optional<ReservationRecord> find(std::int32_t id) = 0;
    virtual void set_status(std::int32_t id, const std::string& status,
                            const std::optional<std::string>& charger_status, Timestamp at) = 0;
    // A StartTransaction named the reservation: marks an active reservation of this charger used.
    // Returns false when there is no such active reservation.
    virtual bool mark_used(std::int32_t id, std::string_view charger_id, std::int32_t transaction_id,
                           Timestamp at) = 0;
    // Marks active reservations whose expiry date has passed as expired; returns how many.
    virtual std::size_t expire_due(Timestamp now) = 0;
    // Newest first.
    virtual Listing<ReservationRecord> query(const ReservationFilter& filter) = 0;
};

class ConfigurationRepository {
public:
    virtual ~ConfigurationRepository() = default;

    // Replaces what the charger reported; keys it no longer reports are forgotten, the change history of
    // keys it still reports is kept. Only `key`, `value` and `readonly` of the records are used.
    virtual void replace_reported(std::string_view charger_id,
                                  const std::vector<ConfigurationKeyRecord>& keys, Timestamp fetched_at) = 0;
    // Records a ChangeConfiguration and its outcome; when the charger accepted it, the value becomes the
    // reported one.
    virtual void record_change(std::string_view charger_id, const std::string& key, const std::string& value,
                               const std::string& status, bool applied, Timestamp at) = 0;
    virtual std::vector<ConfigurationKeyRecord> reported(std::string_view charger_id) = 0;

    // Returns false on a duplicate (same target and key).
    virtual std::optional<std::int64_t> insert_desired(const DesiredConfigurationRecord& desired) = 0;
    virtual bool update_desired(const DesiredConfigurationRecord& desired) = 0;
    virtual bool remove_desired(std::int64_t id) = 0;
    virtual std::optional<DesiredConfigurationRecord> find_desired(std::int64_t id) = 0;
    virtual std::vector<DesiredConfigurationRecord> list_desired() = 0;
};

class LocalListRepository {
public:
    virtual ~LocalListRepository() = default;

    virtual std::optional<LocalListState> state(std::string_view charger_id) = 0;
    // Ordered by id tag.
    virtual std::vector<LocalListEntry> entries(std::string_view charger_id) = 0;
    // The charger accepted `update` as list `version`. Only what it changes is written: a Differential
    // update to a thousand chargers costs a row or two each, not their whole lists.
    virtual void apply(std::string_view charger_id, std::int32_t version, const LocalListUpdate& update,
                       Timestamp at) = 0;
    virtual void mark_unsupported(std::string_view charger_id, Timestamp at) = 0;
    // The id tags a charger of `institution_id` accepts offline: the institution's and the global ones
    // (no institution). Ordered by id tag.
    virtual std::vector<LocalListEntry> allowed_tags(std::optional<std::int64_t> institution_id) = 0;
};

// Firmware updates and diagnostics uploads, each followed through the charger's status notifications.
class MaintenanceRepository {
public:
    virtual ~MaintenanceRepository() = default;

    virtual std::int64_t insert_firmware_update(const FirmwareUpdateRecord& update) = 0;
    virtual void set_firmware_status(std::int64_t id, const std::string& status, bool finished,
                                     Timestamp at) = 0;
    // Applies a FirmwareStatusNotification to the charger's newest unfinished update; false if none.
    virtual bool record_firmware_notification(std::string_view charger_id, const std::string& status,
                                              bool finished, Timestamp at) = 0;
    // Newest first.
    virtual std::vector<FirmwareUpdateRecord> firmware_updates(std::string_view charger_id, std::size_t limit,
                                                               std::size_t offset) = 0;

    virtual std::int64_t insert_diagnostics_request(const DiagnosticsRequestRecord& request) = 0;
    // Fills in the location once the id (part of ParkGrid's upload URL) is known.
    virtual void set_diagnostics_location(std::int64_t id, const std::string& location,
                                          const std::optional<std::string>& upload_token_hash) = 0;
    virtual void set_diagnostics_answer(std::int64_t id, const std::optional<std::string>& file_name,
                                        const std::string& status, Timestamp at) = 0;
    virtual bool record_diagnostics_notification(std::string_view charger_id, const std::string& status,
                                                 Timestamp at) = 0;
    // Reserves the request's single upload; false when another upload has it (or had it).
    virtual bool claim_diagnostics_upload(std::int64_t id) = 0;
    virtual void release_diagnostics_upload(std::int64_t id) = 0;
    virtual void record_diagnostics_file(std::int64_t id, const std::string& path, std::int64_t bytes,
                                         Timestamp at) = 0;
    virtual std::optional<DiagnosticsRequestRecord> find_diagnostics_request(std::int64_t id) = 0;
    // Newest first.
    virtual std::vector<DiagnosticsRequestRecord> diagnostics_requests(std::string_view charger_id,
                                                                       std::size_t limit,
                                                                       std::size_t offset) = 0;
};

}  // namespace parkgrid::storage
