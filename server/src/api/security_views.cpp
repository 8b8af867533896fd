#include "security_views.hpp"

#include "json_views.hpp"

namespace parkgrid::server::api {

nlohmann::json security_event_json(const storage::SecurityEventRecord& event) {
    return {{"id", event.id},
            {"chargerId", event.charger_id},
            {"source", event.source == storage::SecurityEventSource::Charger ? "charger" : "central_system"},
            {"type", event.type},
            {"techInfo", or_null(event.tech_info)},
            {"remoteAddress", or_null(event.remote_address)},
            {"critical", event.critical},
            {"occurredAt", to_json_time(event.occurred_at)},
            {"receivedAt", to_json_time(event.received_at)}};
}

nlohmann::json certificate_request_json(const storage::CertificateRequestRecord& request, bool with_pem) {
    nlohmann::json json = {{"id", request.id},
                           {"chargerId", request.charger_id},
                           {"subject", or_null(request.subject)},
                           {"receivedAt", to_json_time(request.received_at)},
                           {"status", request.status},
                           {"signedBy", or_null(request.signed_by)},
                           {"signedAt", to_json_time(request.signed_at)},
                           {"commandId", or_null(request.command_id)},
                           {"error", or_null(request.error)},
                           {"updatedAt", to_json_time(request.updated_at)}};
    if (with_pem) {
        json["csr"] = request.csr;
        json["certificateChain"] = or_null(request.certificate_chain);
    }
    return json;
}

nlohmann::json log_request_json(const storage::LogRequestRecord& request) {
    const bool stored = request.stored_path && !request.stored_path->empty();
    return {
        {"id", request.id},
        {"chargerId", request.charger_id},
        {"logType", request.log_type},
        {"location", request.location},
        {"oldestTimestamp", to_json_time(request.oldest_timestamp)},
        {"latestTimestamp", to_json_time(request.latest_timestamp)},
        {"retries", or_null(request.retries)},
        {"retryInterval", or_null(request.retry_interval)},
        {"requestedBy", request.requested_by},
        {"requestedAt", to_json_time(request.requested_at)},
        {"chargerStatus", or_null(request.charger_status)},
        {"fileName", or_null(request.file_name)},
        {"status", request.status},
        {"statusAt", to_json_time(request.status_at)},
        {"finishedAt", to_json_time(request.finished_at)},
        {"file", stored ? nlohmann::json{{"bytes", or_null(request.stored_bytes)},
                                         {"storedAt", to_json_time(request.stored_at)},
                                         {"download", "/api/v1/logs/" + std::to_string(request.id) + "/file"}}
                        : nlohmann::json()}};
}

nlohmann::json signed_firmware_json(const storage::SignedFirmwareUpdateRecord& update) {
    return {{"id", update.id},
            {"chargerId", update.charger_id},
            {"location", update.location},
            {"retrieveDateTime", to_json_time(update.retrieve_date_time)},
            {"installDateTime", to_json_time(update.install_date_time)},
            {"signingCertificate", update.signing_certificate},
            {"signature", update.signature},
            {"retries", or_null(update.retries)},
            {"retryInterval", or_null(update.retry_interval)},
            {"requestedBy", update.requested_by},
            {"requestedAt", to_json_time(update.requested_at)},
            {"chargerStatus", or_null(update.charger_status)},
            {"status", update.status},
            {"statusAt", to_json_time(update.status_at)},
            {"finishedAt", to_json_time(update.finished_at)}};
}

}  // namespace parkgrid::server::api
