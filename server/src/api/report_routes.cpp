#include "energy_statistics_routes.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "report_params.hpp"
#include "reports/energy_report.hpp"
#include "reports/fleet_figures.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr const char* kVehicleKinds[] = {"BEV", "PHEV", "petrol", "diesel"};

std::int64_t count_of(const std::map<std::string, std::int64_t>& counts, const std::string& key) {
    const auto it = counts.find(key);
    return it == counts.end() ? 0 : it->second;
}

// Every kind, those without vehicles as 0.
nlohmann::json kinds_json(const std::map<std::string, std::int64_t>& by_kind) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto* kind : kVehicleKinds) {
        out[kind] = count_of(by_kind, kind);
    }
    return out;
}

nlohmann::json inventory_json(std::int64_t institution_id, const reporting::Period& period,
                              const storage::FleetInventory& inventory) {
    auto chargers = nlohmann::json::array();
    std::map<std::string, std::int64_t> by_type;
    for (const auto& group : inventory.chargers) {
        chargers.push_back({{"currentType", group.current_type.empty() ? nlohmann::json()
                                                                       : nlohmann::json(group.current_type)},
                            {"ratedPowerKw", or_null(group.rated_power_kw)},
                            {"count", group.count}});
        by_type[group.current_type.empty() ? "unknown" : group.current_type] += group.count;
    }
    const auto share = reports::new_energy_share(inventory);
    return {
        {"institutionId", institution_id},
        {"period", period.label},
        {"from", period.range.first},
        {"to", period.range.end},
        {"inServiceByKind", kinds_json(inventory.in_service_by_kind)},
        {"addedByKind", kinds_json(inventory.added_by_kind)},
        {"retiredByKind", kinds_json(inventory.retired_by_kind)},
        {"newEnergyShareOfAdded", or_null(share)},
        {"newEnergyShareTarget", reports::kNewEnergyShareTarget},
        {"meetsTarget", share ? nlohmann::json(*share >= reports::kNewEnergyShareTarget) : nlohmann::json()},
        {"chargers", std::move(chargers)},
        {"chargersByType",
         {{"AC", count_of(by_type, "AC")},
          {"DC", count_of(by_type, "DC")},
          {"unknown", count_of(by_type, "unknown")}}}};
}

}  // namespace

void add_report_routes(Router& router, storage::Database& database) {
    router.add("GET", "/api/v1/reports/energy",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   storage::EnergyReportQuery query;
                   query.group = group_param(request);
                   query.period = report_period_param(request);
                   const auto range = query_date_range(request, query.period == storage::ReportPeriod::Day);
                   query.from_date = range.first;
                   query.to_date = range.end;
                   query.scope = request.principal().scope();
                   query.institution_id = query_id(request, "institutionId");
                   read_then_reply(
                       database,
                       [query](Repositories& repositories) {
                           return reports::energy_report_json(repositories, query);
                       },
                       [](const nlohmann::json& report) { return json_response(200, report); }, reply);
               });

    router.add("GET", "/api/v1/reports/fleet-inventory",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto [institution_id, period] = institution_period_params(request);
                   read_then_reply(
                       database,
                       [id = institution_id, period = period,
                        principal = request.principal()](Repositories& repositories) {
                           require_visible_institution(repositories, principal, id);
                           return repositories.energy().fleet_inventory(id, period.range.first,
                                                                        period.range.end);
                       },
                       [id = institution_id, period = period](const storage::FleetInventory& inventory) {
                           return json_response(200, inventory_json(id, period, inventory));
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
