// What the scheduler decided for a site (GET /sites/{id}/plan) and the loads it works with
// (GET /sites/{id}/load). Both show the LoadManager's latest run; the load view adds recent readings and
// the circuits' loads of recent runs.

#include "load_access.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/load_manager.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr std::int64_t kDefaultLoadMinutes = 60;
constexpr std::int64_t kMaxLoadMinutes = 7 * 24 * 60;

ApiError no_plan(std::int64_t site_id) {
    return ApiError(
        409, "not_managed",
        "site " + std::to_string(site_id) +
            " has no plan: it has no circuits yet, or the scheduler has not run since they were added");
}

// Runs `job` (which checks that the caller sees the site), then answers with present(result, view) where
// `view` is the site's latest plan, with its load history since `history_since` if given.
template <typename Job, typename Present>
void read_then_present_view(CentralSystem& central_system, std::int64_t site_id,
                            std::optional<std::int64_t> history_since, Job job, Present present,
                            const HttpReply& reply) {
    storage::read(central_system.database(), std::move(job),
                  [&central_system, site_id, history_since, present, reply](auto outcome) {
                      if (!outcome.ok()) {
                          reply_storage_failure(reply, outcome.error());
                          return;
                      }
                      central_system.load().site_view(
                          site_id, history_since,
                          [present, reply, site_id,
                           value = std::move(outcome.value())](const std::optional<nlohmann::json>& view) {
                              reply_with(reply, [&] {
                                  if (!view) {
                                      throw no_plan(site_id);
                                  }
                                  return present(value, *view);
                              });
                          });
                  });
}

}  // namespace

void add_site_plan_routes(Router& router, CentralSystem& central_system) {
    router.add("GET", "/api/v1/sites/{id}/plan",
               [&central_system](const ApiRequest& request, const HttpReply& reply) {
                   const auto site_id = id_param(request, 0, "site");
                   read_then_present_view(
                       central_system, site_id, std::nullopt,
                       [site_id, principal = request.principal()](Repositories& repositories) {
                           return require_visible_site(repositories, principal, site_id).id;
                       },
                       [](std::int64_t, const nlohmann::json& view) { return json_response(200, view); },
                       reply);
               });

    router.add(
        "GET", "/api/v1/sites/{id}/load",
        [&central_system](const ApiRequest& request, const HttpReply& reply) {
            const auto site_id = id_param(request, 0, "site");
            const auto minutes =
                request.query_integer("minutes", 1, kMaxLoadMinutes).value_or(kDefaultLoadMinutes);
            const auto since = ocpp::DateTime::now().instant() - std::chrono::minutes(minutes);
            const auto since_seconds =
                std::chrono::duration_cast<std::chrono::seconds>(since.time_since_epoch()).count();
            read_then_present_view(
                central_system, site_id, since_seconds,
                [site_id, since, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, site_id);
                    return repositories.load_management().building_load_since(site_id, since);
                },
                [site_id](const std::vector<storage::BuildingLoadReading>& readings,
                          const nlohmann::json& view) {
                    auto building_load = nlohmann::json::array();
                    for (const auto& reading : readings) {
                        building_load.push_back(building_load_json(reading));
                    }
                    auto connectors = nlohmann::json::array();
                    for (const auto& connector : view.at("connectors")) {
                        connectors.push_back({{"chargerId", connector.at("chargerId")},
                                              {"connectorId", connector.at("connectorId")},
                                              {"limitA", connector.at("limitA")},
                                              {"measuredA", connector.value("measuredA", nlohmann::json())},
                                              {"controlled", connector.at("controlled")}});
                    }
                    return json_response(200, {{"siteId", site_id},
                                               {"computedAt", view.at("computedAt")},
                                               {"circuits", view.at("circuits")},
                                               {"connectors", std::move(connectors)},
                                               {"buildingLoad", std::move(building_load)},
                                               {"history", view.at("history")}});
                },
                reply);
        });
}

}  // namespace parkgrid::server::api
