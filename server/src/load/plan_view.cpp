#include "plan_view.hpp"

#include <cmath>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::load {
namespace {

std::string instant_text(Seconds at) {
    return ocpp::DateTime::from_unix_millis(at * 1000).to_rfc3339();
}

nlohmann::json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::json(std::round(*value * 1000.0) / 1000.0) : nlohmann::json(nullptr);
}

nlohmann::json phases_json(const scheduling::PhaseCurrents& currents, int phases) {
    auto list = nlohmann::json::array();
    for (int phase = 0; phase < phases; ++phase) {
        list.push_back(std::round(currents[static_cast<std::size_t>(phase)] * 10.0) / 10.0);
    }
    return list;
}

nlohmann::json flag_json(const storage::ChargerLoadSettings* settings, bool online, bool in_transaction) {
    if (settings != nullptr && settings->load_flag) {
        return {
            {"reason", *settings->load_flag},
            {"detail", settings->load_flag_detail ? nlohmann::json(*settings->load_flag_detail) : nullptr},
            {"since", settings->load_flag_since
                          ? nlohmann::json(ocpp::DateTime(*settings->load_flag_since).to_rfc3339())
                          : nullptr}};
    }
    if (!online && in_transaction) {
        return {{"reason", "offline_in_transaction"}, {"detail", nullptr}, {"since", nullptr}};
    }
    return nullptr;
}

}  // namespace

nlohmann::json plan_view(const SiteSnapshot& snapshot, const scheduling::SiteState& site,
                         const scheduling::SitePlan& plan, const std::map<std::string, LiveCharger>& chargers,
                         const SiteCalendar& calendar, const std::map<std::string, double>& failsafe) {
    auto connectors = nlohmann::json::array();
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        const auto& decided = plan.connectors[i];
        const auto live_charger = chargers.find(connector.charger_id);
        const bool online = live_charger != chargers.end() && live_charger->second.online;
        const LiveSession* session = nullptr;
        if (live_charger != chargers.end()) {
            const auto live = live_charger->second.connectors.find(connector.connector_id);
            if (live != live_charger->second.connectors.end() && live->second.session) {
                session = &*live->second.session;
            }
        }
        const storage::ChargerLoadSettings* settings = nullptr;
        for (const auto& candidate : snapshot.chargers) {
            settings = candidate.charger_id == connector.charger_id ? &candidate : settings;
        }
        nlohmann::json entry = {
            {"chargerId", connector.charger_id},
            {"connectorId", connector.connector_id},
            {"online", online},
            {"controlled", connector.mode == scheduling::ConnectorMode::Controlled},
            {"limitA", std::round(decided.limit_a * 10.0) / 10.0},
            {"reason", std::string(scheduling::to_string(decided.reason))},
            {"failsafeA", failsafe.contains(connector.charger_id)
                              ? nlohmann::json(failsafe.at(connector.charger_id))
                              : nullptr},
            {"loadFlag", flag_json(settings, online, session != nullptr)},
            {"transactionId", nullptr},
        };
        if (session != nullptr) {
            const double remaining = session->remaining_kwh();
            entry["transactionId"] = session->transaction_id;
            entry["priority"] = session->priority;
            entry["deliveredKwh"] = std::round(session->delivered_kwh() * 1000.0) / 1000.0;
            entry["remainingKwh"] = std::isinf(remaining)
                                        ? nlohmann::json(nullptr)
                                        : nlohmann::json(std::round(remaining * 1000.0) / 1000.0);
            entry["departureTime"] = connector.session && connector.session->departure > 0
                                         ? nlohmann::json(instant_text(connector.session->departure))
                                         : nullptr;
            entry["expectedEnergyKwh"] = std::round(decided.expected_energy_kwh * 1000.0) / 1000.0;
            entry["deadlineMet"] =
                std::isinf(remaining) ? nlohmann::json(nullptr) : nlohmann::json(decided.deadline_met);
            entry["measuredA"] = optional_number(session->measured_a);
            entry["socPercent"] = optional_number(session->soc_percent);
        }
        connectors.push_back(std::move(entry));
    }

    auto circuits = nlohmann::json::array();
    for (std::size_t c = 0; c < snapshot.circuits.size() && c < plan.circuits.size(); ++c) {
        const auto& circuit = snapshot.circuits[c];
        const auto& load = plan.circuits[c];
        circuits.push_back({
            {"circuitId", circuit.id},
            {"name", circuit.name},
            {"parentId", circuit.parent_id ? nlohmann::json(*circuit.parent_id) : nullptr},
            {"limitA", circuit.limit_a},
            {"marginA", circuit.margin_a},
            {"buildingLoadKnown", site.building_load[c].has_value()},
            {"buildingA", phases_json(load.building_a, circuit.phases)},
            {"chargingA", phases_json(load.charging_a, circuit.phases)},
            {"usableA", phases_json(load.available_a, circuit.phases)},
        });
    }
    return {
        {"siteId", snapshot.site.id},
        {"computedAt", instant_text(site.now)},
        {"tariffPeriod", calendar.period_at(site.now).empty() ? nlohmann::json(nullptr)
                                                              : nlohmann::json(calendar.period_at(site.now))},
        {"connectors", std::move(connectors)},
        {"circuits", std::move(circuits)},
    };
}

}  // namespace parkgrid::server::load
