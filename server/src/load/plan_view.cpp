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
    const auto figures = circuit_figures(snapshot, plan);
    for (std::size_t c = 0; c < figures.size(); ++c) {
        const auto& circuit = snapshot.circuits[c];
        auto entry = circuit_figures_json(figures[c]);
        entry["name"] = circuit.name;
        entry["parentId"] = circuit.parent_id ? nlohmann::json(*circuit.parent_id) : nullptr;
        entry["limitA"] = circuit.limit_a;
        entry["marginA"] = circuit.margin_a;
        entry["buildingLoadKnown"] = site.building_load[c].has_value();
        circuits.push_back(std::move(entry));
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

std::vector<CircuitFigures> circuit_figures(const SiteSnapshot& snapshot, const scheduling::SitePlan& plan) {
    std::vector<CircuitFigures> figures;
    for (std::size_t c = 0; c < snapshot.circuits.size() && c < plan.circuits.size(); ++c) {
        figures.push_back({snapshot.circuits[c].id, snapshot.circuits[c].phases, plan.circuits[c]});
    }
    return figures;
}

nlohmann::json plan_event_data(const nlohmann::json& view) {
    // The whole plan, as GET /plan shows it: a page showing the plan replaces it with each event and never
    // holds a row half from one run and half from another (a need set since, a departure moved).
    return view;
}

}  // namespace parkgrid::server::load
