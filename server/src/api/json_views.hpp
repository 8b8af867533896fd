#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "parkgrid/storage/records.hpp"

// How stored records appear in the REST API: camelCase keys, RFC 3339 UTC times, absent values as null.
namespace parkgrid::server::api {

// The value, or null when absent: the API shows absent optional fields as null rather than leaving them out.
template <typename T>
nlohmann::json or_null(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

// A JSON array of view(item) for every item.
template <typename T, typename View>
nlohmann::json array_of(const std::vector<T>& items, View view) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& item : items) {
        out.push_back(view(item));
    }
    return out;
}

nlohmann::json to_json_time(const std::optional<storage::Timestamp>& time);
std::string registration_name(storage::RegistrationStatus status);
std::optional<storage::RegistrationStatus> registration_from_name(const std::string& name);

nlohmann::json charger_json(const storage::ChargerRecord& charger, bool online);
nlohmann::json status_json(const storage::StatusRecord& status);
nlohmann::json id_tag_json(const storage::IdTagRecord& tag);
nlohmann::json transaction_json(const storage::TransactionRecord& transaction);
nlohmann::json meter_value_json(const storage::MeterValueRecord& meter_value);
nlohmann::json anomaly_json(const storage::AnomalyRecord& anomaly);
nlohmann::json connection_json(const storage::ConnectionEvent& event);

}  // namespace parkgrid::server::api
