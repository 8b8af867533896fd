#include "security_notifications.hpp"

#include <algorithm>
#include <array>

#include "anomaly_kinds.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"
#include "security_event_types.hpp"

namespace parkgrid::server::security {
namespace {

template <std::size_t N>
bool one_of(const std::string& value, const std::array<std::string_view, N>& values) {
    return std::find(values.begin(), values.end(), value) != values.end();
}

// UploadLogStatus values after which the charger does nothing more for the request.
constexpr std::array<std::string_view, 5> kFinalLogStatuses = {"Uploaded", "UploadFailure", "BadMessage",
                                                               "NotSupportedOperation", "PermissionDenied"};
// FirmwareStatusEnumType values that end a signed firmware update.
constexpr std::array<std::string_view, 5> kFinalFirmwareStatuses = {
    "Installed", "InstallationFailed", "DownloadFailed", "InstallVerificationFailed", "InvalidSignature"};

nlohmann::json or_null(const std::optional<std::int32_t>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

void record_unknown_request(storage::Repositories& repositories, const std::string& charger_id,
                            std::string_view kind, const std::string& detail, storage::Timestamp at) {
    log::warn("charger data anomaly",
              {{"charger", charger_id}, {"kind", std::string(kind)}, {"detail", detail}});
    repositories.events().record_anomaly(
        storage::AnomalyRecord{0, charger_id, std::nullopt, std::string(kind), detail, at});
}

std::string request_id_text(const std::optional<std::int32_t>& request_id) {
    return request_id ? "requestId " + std::to_string(*request_id) : std::string("no requestId");
}

// The serial number a charger reported at boot, for the SerialNumber common-name rule.
std::optional<std::string> serial_number_of(storage::Repositories& repositories,
                                            const std::string& charger_id) {
    const auto charger = repositories.chargers().find(charger_id);
    if (!charger || !charger->boot_info) {
        return std::nullopt;
    }
    return charger->boot_info->charge_point_serial_number ? charger->boot_info->charge_point_serial_number
                                                          : charger->boot_info->charge_box_serial_number;
}

nlohmann::json event_data(const storage::SecurityEventRecord& event) {
    return {{"securityEventId", event.id},
            {"type", event.type},
            {"source", event.source == storage::SecurityEventSource::Charger ? "charger" : "central_system"},
            {"critical", event.critical},
            {"techInfo", event.tech_info ? nlohmann::json(*event.tech_info) : nlohmann::json()},
            {"timestamp", ocpp::DateTime(event.occurred_at).to_rfc3339()}};
}

void store_and_publish(storage::Repositories& repositories, PendingEvents& events,
                       storage::SecurityEventRecord& event) {
    event.id = repositories.security_events().insert(event);
    const auto data = event_data(event);
    events.add("security.event", data);
    if (event.critical) {
        events.add("security.alert", data);
    }
}

}  // namespace

ocpp::SecurityEventNotificationResponse store_security_event(
    storage::Repositories& repositories, PendingEvents& events, const ChargerOrigin& origin,
    const ocpp::SecurityEventNotificationRequest& request, storage::Timestamp received_at) {
    storage::SecurityEventRecord event;
    event.charger_id = origin.charger_id;
    event.source = storage::SecurityEventSource::Charger;
    event.type = request.type.str();
    if (request.tech_info) {
        event.tech_info = request.tech_info->str();
    }
    event.remote_address = origin.remote_address;
    event.critical = is_critical_security_event(event.type);
    event.occurred_at = request.timestamp.instant();
    event.received_at = received_at;
    store_and_publish(repositories, events, event);
    if (event.critical) {
        log::warn("critical security event", {{"charger", origin.charger_id},
                                              {"type", event.type},
                                              {"techInfo", event.tech_info.value_or("")}});
    }
    return {};
}

CsrInspection inspect_csr(std::string pem) {
    CsrInspection inspection;
    try {
        inspection.csr = parse_csr(pem);
    } catch (const InvalidCertificateData& e) {
        inspection.problem = e.what();
    }
    inspection.pem = std::move(pem);
    return inspection;
}

ocpp::SignCertificateResponse store_certificate_request(storage::Repositories& repositories,
                                                        PendingEvents& events, const ChargerOrigin& origin,
                                                        const CsrInspection& inspection, CommonNameRule rule,
                                                        storage::Timestamp received_at) {
    std::optional<std::string> problem;
    if (!inspection.csr) {
        problem = inspection.problem;
    } else {
        problem = common_name_problem(*inspection.csr, origin.charger_id, rule,
                                      rule == CommonNameRule::SerialNumber
                                          ? serial_number_of(repositories, origin.charger_id)
                                          : std::nullopt);
    }
    storage::CertificateRequestRecord request;
    request.charger_id = origin.charger_id;
    request.csr = inspection.pem;
    if (inspection.csr) {
        request.subject = inspection.csr->subject;
    }
    request.received_at = request.updated_at = received_at;
    request.status = problem ? "invalid" : "pending";
    request.error = problem;
    request.id = repositories.certificate_requests().insert(request);
    events.add("certificate.requested", {{"requestId", request.id}, {"status", request.status}});
    if (!problem) {
        return {ocpp::GenericStatus::Accepted};
    }
    log::warn("certificate signing request rejected", {{"charger", origin.charger_id}, {"reason", *problem}});
    storage::SecurityEventRecord event;
    event.charger_id = origin.charger_id;
    event.source = storage::SecurityEventSource::CentralSystem;
    event.type = std::string(kCsrRejected);
    event.tech_info = "certificate request " + std::to_string(request.id) + ": " + *problem;
    event.remote_address = origin.remote_address;
    event.occurred_at = event.received_at = received_at;
    store_and_publish(repositories, events, event);
    return {ocpp::GenericStatus::Rejected};
}

ocpp::LogStatusNotificationResponse store_log_status(storage::Repositories& repositories,
                                                     PendingEvents& events, const std::string& charger_id,
                                                     const ocpp::LogStatusNotificationRequest& request,
                                                     storage::Timestamp received_at) {
    const std::string status(ocpp::to_string(request.status));
    std::optional<std::int32_t> matched;
    // Idle answers an ExtendedTriggerMessage: it says no upload is going on, and names no request.
    if (status != "Idle") {
        matched = repositories.log_requests().record_notification(
            {charger_id, request.request_id, status, one_of(status, kFinalLogStatuses), received_at});
        if (!matched) {
            record_unknown_request(repositories, charger_id, anomaly::kUnknownLogRequest,
                                   "LogStatusNotification " + status + " with " +
                                       request_id_text(request.request_id) +
                                       ", which names no GetLog of this charger",
                                   received_at);
        }
    }
    events.add("log.status", {{"requestId", or_null(matched ? matched : request.request_id)},
                              {"status", status},
                              {"known", matched.has_value()}});
    return {};
}

ocpp::SignedFirmwareStatusNotificationResponse store_signed_firmware_status(
    storage::Repositories& repositories, PendingEvents& events, const std::string& charger_id,
    const ocpp::SignedFirmwareStatusNotificationRequest& request, storage::Timestamp received_at) {
    const std::string status(ocpp::to_string(request.status));
    repositories.chargers().record_firmware_status(charger_id, status, received_at);
    std::optional<std::int32_t> matched;
    if (status != "Idle") {
        matched = repositories.signed_firmware_updates().record_notification(
            {charger_id, request.request_id, status, one_of(status, kFinalFirmwareStatuses), received_at});
        if (!matched) {
            record_unknown_request(repositories, charger_id, anomaly::kUnknownFirmwareRequest,
                                   "SignedFirmwareStatusNotification " + status + " with " +
                                       request_id_text(request.request_id) +
                                       ", which names no SignedUpdateFirmware of this charger",
                                   received_at);
        }
    }
    events.add("signed_firmware.status", {{"requestId", or_null(matched ? matched : request.request_id)},
                                          {"status", status},
                                          {"known", matched.has_value()}});
    return {};
}

}  // namespace parkgrid::server::security
