#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "parkgrid/storage/organisation_records.hpp"
#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage {

// Who noticed a security event: the charger (SecurityEventNotification) or ParkGrid itself (a failed
// authentication, a refused downgrade, a replaced connection, a rotated AuthorizationKey).
enum class SecurityEventSource { Charger, CentralSystem };

struct SecurityEventRecord {
    std::int64_t id = 0;
    std::string charger_id;
    SecurityEventSource source = SecurityEventSource::CentralSystem;
    // A type of the whitepaper's table (e.g. "StartupOfTheDevice") or one of ParkGrid's own
    // (e.g. "AuthenticationFailed").
    std::string type;
    std::optional<std::string> tech_info;  // free text; never a credential
    std::optional<std::string> remote_address;
    bool critical = false;
    Timestamp occurred_at{};  // the charger's timestamp for charger events
    Timestamp received_at{};
};

struct SecurityEventFilter {
    std::optional<std::string> charger_id{};
    std::optional<SecurityEventSource> source{};
    std::optional<std::string> type{};
    std::optional<bool> critical{};
    std::optional<Timestamp> from{};  // received_at >= from
    std::optional<Timestamp> to{};    // received_at < to
    InstitutionScope scope{};         // through the charger's site
    std::size_t limit = 50;
    std::size_t offset = 0;
};

// A charger's certificate signing request (SignCertificate) and what became of it. Status: "invalid" (the
// CSR was refused), "pending" (waiting for a signature), "signed" (CertificateSigned is being sent),
// "accepted" or "rejected" (the charger's answer), "failed" (not signed or not delivered).
struct CertificateRequestRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::string csr;  // PEM
    std::optional<std::string> subject;
    Timestamp received_at{};
    std::string status = "pending";
    std::optional<std::string> certificate_chain;  // PEM, leaf first
    std::optional<std::string> signed_by;          // "ca:parkgrid" or "external"
    std::optional<Timestamp> signed_at;
    std::optional<std::int64_t> command_id;  // the CertificateSigned command
    std::optional<std::string> error;
    Timestamp updated_at{};
};

struct CertificateRequestFilter {
    std::optional<std::string> charger_id{};
    std::optional<std::string> status{};
    InstitutionScope scope{};  // through the charger's site
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// A GetLog sent to a charger; its id is the OCPP requestId.
struct LogRequestRecord {
    std::int32_t id = 0;
    std::string charger_id;
    std::string log_type;  // DiagnosticsLog or SecurityLog
    std::string location;  // never contains the upload credential
    std::optional<std::string> upload_token_hash;
    std::optional<Timestamp> oldest_timestamp;
    std::optional<Timestamp> latest_timestamp;
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;
    std::string requested_by;
    Timestamp requested_at{};
    std::optional<std::string> charger_status;  // the GetLog answer
    std::optional<std::string> file_name;
    std::string status = "requested";
    Timestamp status_at{};
    std::optional<Timestamp> finished_at;
    std::optional<std::string> stored_path;  // a file uploaded to ParkGrid
    std::optional<std::int64_t> stored_bytes;
    std::optional<Timestamp> stored_at;
};

// A SignedUpdateFirmware sent to a charger; its id is the OCPP requestId.
struct SignedFirmwareUpdateRecord {
    std::int32_t id = 0;
    std::string charger_id;
    std::string location;
    Timestamp retrieve_date_time{};
    std::optional<Timestamp> install_date_time;
    std::string signing_certificate;  // PEM
    std::string signature;            // base64
    std::optional<std::int32_t> retries;
    std::optional<std::int32_t> retry_interval;
    std::string requested_by;
    Timestamp requested_at{};
    std::optional<std::string> charger_status;  // the SignedUpdateFirmware answer
    std::string status = "requested";
    Timestamp status_at{};
    std::optional<Timestamp> finished_at;
};

// A charger's answer to GetLog or SignedUpdateFirmware, or why there was none.
struct RequestAnswer {
    std::optional<std::string> charger_status;  // e.g. "Accepted"; none when not delivered
    std::string status;                         // "accepted", "rejected" or "failed"
    bool finished = false;
    Timestamp at{};
};

// A LogStatusNotification or SignedFirmwareStatusNotification.
struct RequestNotification {
    std::string charger_id;
    std::optional<std::int32_t> request_id;  // none: the charger's newest unfinished request
    std::string status;
    bool finished = false;
    Timestamp at{};
};

}  // namespace parkgrid::storage
