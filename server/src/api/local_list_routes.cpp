#include "charger_access.hpp"
#include "json_views.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

struct LocalList {
    std::optional<storage::LocalListState> state;
    std::vector<storage::LocalListEntry> entries;
};

nlohmann::json local_list_json(const LocalList& list) {
    return {{"version", list.state ? nlohmann::json(list.state->version) : nlohmann::json()},
            {"supported", !list.state || list.state->supported},
            {"syncedAt", list.state ? to_json_time(list.state->synced_at) : nlohmann::json()},
            {"entries", array_of(list.entries, [](const storage::LocalListEntry& entry) {
                 return nlohmann::json{
                     {"idTag", entry.id_tag},
                     {"status", entry.status},
                     {"expiryDate", to_json_time(entry.expiry_date)},
                     {"parentIdTag",
                      entry.parent_id_tag ? nlohmann::json(*entry.parent_id_tag) : nlohmann::json()}};
             })}};
}

}  // namespace

void add_local_list_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add(
        "GET", "/api/v1/chargers/{id}/local-list",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            read_then_reply(
                database,
                [id = request.path_param(0), principal = request.principal()](Repositories& repositories) {
                    require_charger(repositories, principal, id);
                    return LocalList{repositories.local_lists().state(id),
                                     repositories.local_lists().entries(id)};
                },
                [](const LocalList& list) { return json_response(200, local_list_json(list)); }, reply);
        });

    router.add(
        "POST", "/api/v1/chargers/{id}/local-list/sync",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            with_visible_charger(
                database, request.principal(), request.path_param(0), reply,
                [&central_system, subject = request.principal().subject,
                 reply](const storage::ChargerRecord& charger) {
                    central_system.local_lists().synchronise(
                        charger.id, true, subject, [reply](const LocalListManager::Result& result) {
                            reply(json_response(
                                200, {{"sent", result.sent},
                                      {"accepted", result.accepted},
                                      {"updateType",
                                       result.sent ? nlohmann::json(result.full ? "Full" : "Differential")
                                                   : nlohmann::json()},
                                      {"version", result.version},
                                      {"problem", result.problem.empty() ? nlohmann::json()
                                                                         : nlohmann::json(result.problem)}}));
                        });
                });
        });
}

}  // namespace parkgrid::server::api
