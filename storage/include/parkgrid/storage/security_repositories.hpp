#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/storage/security_records.hpp"

namespace parkgrid::storage {

class SecurityEventRepository {
public:
    virtual ~SecurityEventRepository() = default;

    // Returns the new event's id; the record's id is ignored.
    virtual std::int64_t insert(const SecurityEventRecord& event) = 0;
    // Newest first.
    virtual Listing<SecurityEventRecord> query(const SecurityEventFilter& filter) = 0;
};

class CertificateRequestRepository {
public:
    virtual ~CertificateRequestRepository() = default;

    // Returns the new request's id; the record's id is ignored.
    virtual std::int64_t insert(const CertificateRequestRecord& request) = 0;
    virtual std::optional<CertificateRequestRecord> find(std::int64_t id) = 0;
    // Stores the chain about to be sent; the request becomes "signed".
    virtual void record_signature(std::int64_t id, const std::string& certificate_chain,
                                  const std::string& signed_by, Timestamp at) = 0;
    // Records how the CertificateSigned ended ("accepted", "rejected", "failed"), or any other status change.
    virtual void set_status(std::int64_t id, const std::string& status,
                            const std::optional<std::string>& error, std::optional<std::int64_t> command_id,
                            Timestamp at) = 0;
    // Newest first.
    virtual Listing<CertificateRequestRecord> query(const CertificateRequestFilter& filter) = 0;
};

// GetLog requests, followed through LogStatusNotification by requestId.
class LogRequestRepository {
public:
    virtual ~LogRequestRepository() = default;

    // Returns the new request id (the OCPP requestId); the record's id is ignored.
    virtual std::int32_t insert(const LogRequestRecord& request) = 0;
    virtual std::optional<LogRequestRecord> find(std::int32_t id) = 0;
    // Fills in the location once the id (part of ParkGrid's upload URL) is known.
    virtual void set_location(std::int32_t id, const std::string& location,
                              const std::optional<std::string>& upload_token_hash) = 0;
    // The GetLog answer; a status the charger already reported by notification is kept.
    virtual void record_answer(std::int32_t id, const RequestAnswer& answer,
                               const std::optional<std::string>& file_name) = 0;
    // Applies a LogStatusNotification to the request it names, which must be this charger's (or, without a
    // requestId, to the charger's newest unfinished one). Returns the request's id; nullopt when none
    // matched.
    virtual std::optional<std::int32_t> record_notification(const RequestNotification& notification) = 0;
    // Reserves the request's single upload to ParkGrid; false when another upload has it (or had it).
    virtual bool claim_upload(std::int32_t id) = 0;
    virtual void release_upload(std::int32_t id) = 0;
    virtual void record_file(std::int32_t id, const std::string& path, std::int64_t bytes, Timestamp at) = 0;
    // Newest first.
    virtual Listing<LogRequestRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                                  std::size_t offset) = 0;
};

// SignedUpdateFirmware requests, followed through SignedFirmwareStatusNotification by requestId.
class SignedFirmwareRepository {
public:
    virtual ~SignedFirmwareRepository() = default;

    // Returns the new request id (the OCPP requestId); the record's id is ignored.
    virtual std::int32_t insert(const SignedFirmwareUpdateRecord& update) = 0;
    virtual std::optional<SignedFirmwareUpdateRecord> find(std::int32_t id) = 0;
    // The SignedUpdateFirmware answer; a status the charger already reported by notification is kept.
    virtual void record_answer(std::int32_t id, const RequestAnswer& answer) = 0;
    // As LogRequestRepository::record_notification.
    virtual std::optional<std::int32_t> record_notification(const RequestNotification& notification) = 0;
    // Newest first.
    virtual Listing<SignedFirmwareUpdateRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                                            std::size_t offset) = 0;
};

}  // namespace parkgrid::storage
