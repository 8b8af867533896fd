#include "json_views.hpp"

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::api {
nlohmann::json to_json_time(const std::optional<storage::Timestamp>& time) {
    return time ? nlohmann::json(ocpp::DateTime(*time).to_rfc3339()) : nlohmann::json(nullptr);
}

std::string registration_name(storage::RegistrationStatus status) {
    switch (status) {
        case storage::RegistrationStatus::Accepted: return "Accepted";
        case storage::RegistrationStatus::Pending: return "Pending";
        case storage::RegistrationStatus::Rejected: return "Rejected";
    }
    return "Pending";
}

std::optional<storage::RegistrationStatus> registration_from_name(const std::string& name) {
    for (const auto status : {storage::RegistrationStatus::Accepted, storage::RegistrationStatus::Pending,
                              storage::RegistrationStatus::Rejected}) {
        if (registration_name(status) == name) {
            return status;
        }
    }
    return std::nullopt;
}

nlohmann::json charger_json(const storage::ChargerRecord& charger, bool online) {
    nlohmann::json boot = nullptr;
    if (charger.boot_info) {
        const auto& info = *charger.boot_info;
        boot = {{"chargePointVendor", info.vendor},
                {"chargePointModel", info.model},
                {"chargePointSerialNumber", or_null(info.charge_point_serial_number)},
                {"chargeBoxSerialNumber", or_null(info.charge_box_serial_number)},
                {"firmwareVersion", or_null(info.firmware_version)},
                {"iccid", or_null(info.iccid)},
                {"imsi", or_null(info.imsi)},
                {"meterType", or_null(info.meter_type)},
                {"meterSerialNumber", or_null(info.meter_serial_number)}};
    }
    return {{"id", charger.id},
            {"description", or_null(charger.description)},
            {"registrationStatus", registration_name(charger.registration_status)},
            {"securityProfile", charger.security_profile},
            {"online", online},
            {"lastSeenAt", to_json_time(charger.last_seen_at)},
            {"lastBootAt", to_json_time(charger.last_boot_at)},
            {"bootInfo", boot},
            {"firmwareStatus", or_null(charger.firmware_status)},
            {"diagnosticsStatus", or_null(charger.diagnostics_status)},
            {"createdAt", to_json_time(charger.created_at)},
            {"siteId", or_null(charger.site_id)},
            {"institutionId", or_null(charger.institution_id)},
            {"currentType", or_null(charger.current_type)},
            {"ratedPowerKw", or_null(charger.rated_power_kw)}};
}

nlohmann::json status_json(const storage::StatusRecord& status) {
    return {{"connectorId", status.connector_id},
            {"status", status.status},
            {"errorCode", status.error_code},
            {"info", or_null(status.info)},
            {"vendorId", or_null(status.vendor_id)},
            {"vendorErrorCode", or_null(status.vendor_error_code)},
            {"timestamp", to_json_time(status.timestamp)},
            {"receivedAt", to_json_time(status.received_at)}};
}

nlohmann::json id_tag_json(const storage::IdTagRecord& tag) {
    return {{"idTag", tag.id_tag},
            {"status", tag.status},
            {"expiryDate", to_json_time(tag.expiry_date)},
            {"parentIdTag", or_null(tag.parent_id_tag)},
            {"createdAt", to_json_time(tag.created_at)},
            {"updatedAt", to_json_time(tag.updated_at)},
            {"institutionId", or_null(tag.institution_id)},
            {"vehicleId", or_null(tag.vehicle_id)},
            {"driverId", or_null(tag.driver_id)}};
}

nlohmann::json transaction_json(const storage::TransactionRecord& transaction) {
    const auto& start = transaction.start;
    nlohmann::json out = {{"id", transaction.id},
                          {"chargerId", start.charger_id},
                          {"connectorId", start.connector_id},
                          {"idTag", start.id_tag},
                          {"authorizationStatus", start.authorization_status},
                          {"reservationId", or_null(start.reservation_id)},
                          {"startTime", to_json_time(start.timestamp)},
                          {"meterStart", start.meter_start},
                          {"stopTime", nullptr},
                          {"meterStop", nullptr},
                          {"energyWh", or_null(transaction.energy_wh())},
                          {"stopReason", nullptr},
                          {"stopIdTag", nullptr},
                          {"status", transaction.stop ? "finished" : "open"}};
    if (transaction.stop) {
        const auto& stop = *transaction.stop;
        out["stopTime"] = to_json_time(stop.timestamp);
        out["meterStop"] = stop.meter_stop;
        // OCPP 1.6: a StopTransaction without reason means "Local".
        out["stopReason"] = stop.reason.value_or("Local");
        out["stopIdTag"] = or_null(stop.id_tag);
    }
    return out;
}

nlohmann::json meter_value_json(const storage::MeterValueRecord& meter_value) {
    nlohmann::json samples = nlohmann::json::array();
    for (const auto& sample : meter_value.samples) {
        samples.push_back({{"value", sample.value},
                           {"context", sample.context},
                           {"format", sample.format},
                           {"measurand", sample.measurand},
                           {"phase", or_null(sample.phase)},
                           {"location", sample.location},
                           {"unit", sample.unit},
                           {"normalizedValue", or_null(sample.normalized_value)},
                           {"normalizedUnit", or_null(sample.normalized_unit)}});
    }
    return {{"timestamp", to_json_time(meter_value.timestamp)},
            {"connectorId", meter_value.connector_id},
            {"transactionId", or_null(meter_value.transaction_id)},
            {"source", meter_value.source},
            {"sampledValue", samples}};
}

nlohmann::json anomaly_json(const storage::AnomalyRecord& anomaly) {
    return {{"id", anomaly.id},
            {"chargerId", anomaly.charger_id},
            {"transactionId", or_null(anomaly.transaction_id)},
            {"kind", anomaly.kind},
            {"detail", anomaly.detail},
            {"at", to_json_time(anomaly.at)}};
}

nlohmann::json connection_json(const storage::ConnectionEvent& event) {
    return {{"event", event.event},
            {"remoteAddress", event.remote_address},
            {"detail", or_null(event.detail)},
            {"at", to_json_time(event.at)}};
}

}  // namespace parkgrid::server::api
