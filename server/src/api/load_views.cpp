#include "load_views.hpp"

namespace parkgrid::server::api {

nlohmann::json circuit_json(const storage::CircuitRecord& circuit) {
    return {{"id", circuit.id},
            {"siteId", circuit.site_id},
            {"parentId", or_null(circuit.parent_id)},
            {"name", circuit.name},
            {"limitA", circuit.limit_a},
            {"limitKw", or_null(circuit.limit_kw)},
            {"phases", circuit.phases},
            {"voltageV", circuit.voltage_v},
            {"marginA", circuit.margin_a},
            {"hasBuildingLoad", circuit.has_building_load},
            {"createdAt", to_json_time(circuit.created_at)},
            {"updatedAt", to_json_time(circuit.updated_at)}};
}

nlohmann::json charger_load_json(const storage::ChargerLoadSettings& settings) {
    nlohmann::json flag = nullptr;
    if (settings.load_flag) {
        flag = {{"reason", *settings.load_flag},
                {"detail", or_null(settings.load_flag_detail)},
                {"since", to_json_time(settings.load_flag_since)}};
    }
    return {{"circuitId", or_null(settings.circuit_id)}, {"maxCurrentA", or_null(settings.max_current_a)},
            {"minCurrentA", settings.min_current_a},     {"phases", settings.phases},
            {"phaseWiring", settings.phase_wiring},      {"loadFlag", flag}};
}

nlohmann::json building_load_json(const storage::BuildingLoadReading& reading) {
    nlohmann::json currents = nullptr;
    if (reading.current_a) {
        currents = *reading.current_a;
    }
    return {{"id", reading.id},
            {"siteId", reading.site_id},
            {"circuitId", reading.circuit_id},
            {"timestamp", to_json_time(reading.measured_at)},
            {"receivedAt", to_json_time(reading.received_at)},
            {"currentA", currents},
            {"powerKw", or_null(reading.power_kw)}};
}

nlohmann::json building_load_profile_json(std::int64_t circuit_id,
                                          const std::vector<storage::BuildingLoadProfileEntry>& entries) {
    nlohmann::json out = {{"circuitId", circuit_id},
                          {"weekday", nlohmann::json::array()},
                          {"weekend", nlohmann::json::array()}};
    for (const auto& entry : entries) {
        auto& hours = out[entry.day_type];
        if (hours.empty()) {
            hours = nlohmann::json::array();
            for (int hour = 0; hour < 24; ++hour) {
                hours.push_back(nullptr);  // the API always stores all 24; null shows a gap made elsewhere
            }
        }
        hours[static_cast<std::size_t>(entry.hour)] = entry.current_a;
    }
    return out;
}

nlohmann::json tariff_json(std::int64_t site_id, const std::vector<storage::TariffPeriod>& periods) {
    return {{"siteId", site_id}, {"periods", array_of(periods, [](const storage::TariffPeriod& period) {
                                      return nlohmann::json{{"kind", period.kind},
                                                            {"start", period.start_time},
                                                            {"end", period.end_time},
                                                            {"pricePerKwh", period.price_per_kwh}};
                                  })}};
}

nlohmann::json charging_need_json(const storage::ChargingNeedRecord& need) {
    return {{"energyKwh", or_null(need.energy_kwh)},
            {"departureTime", to_json_time(need.departure_time)},
            {"updatedAt", to_json_time(need.updated_at)}};
}

}  // namespace parkgrid::server::api
