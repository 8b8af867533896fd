#include "access.hpp"
#include "body_reader.hpp"
#include "load_fields.hpp"
#include "load_management_routes.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"
#include "transaction_access.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// Far above any car battery; a larger number is a unit mistake (Wh).
constexpr double kMaxEnergyKwh = 500;

struct ChangedNeed {
    storage::ChargingNeedRecord need;
    std::string charger_id;
    std::optional<std::int64_t> site_id;
};

}  // namespace

void add_charging_need_routes(Router& router, storage::Database& database, EventBus& events) {
    router.add("PATCH", "/api/v1/transactions/{id}/charging-need",
               [&database, &events](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto id = transaction_id_param(request, 0);
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"energyKwh", "departureTime"});
                   const bool change_energy = fields.has("energyKwh");  // null clears
                   const auto energy = optional_positive_number(fields, "energyKwh", kMaxEnergyKwh);
                   const bool change_departure = fields.has("departureTime");
                   const auto departure = fields.optional_time("departureTime");
                   write_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           const auto transaction = require_visible_transaction(repositories, principal, id);
                           if (transaction.stop) {
                               throw ApiError::conflict(
                                   "transaction " + std::to_string(id) +
                                   " has stopped; a charging need is for a running transaction");
                           }
                           auto need = repositories.load_management().charging_need(id).value_or(
                               storage::ChargingNeedRecord{.transaction_id = id});
                           if (change_energy) {
                               need.energy_kwh = energy;
                           }
                           if (change_departure) {
                               need.departure_time = departure;
                           }
                           need.updated_at = now();
                           repositories.load_management().set_charging_need(need);
                           const auto charger = repositories.chargers().find(transaction.start.charger_id);
                           return ChangedNeed{need, transaction.start.charger_id,
                                              charger ? charger->site_id : std::nullopt};
                       },
                       [&events](const ChangedNeed& changed) {
                           auto out = charging_need_json(changed.need);
                           out["transactionId"] = changed.need.transaction_id;
                           out["chargerId"] = changed.charger_id;
                           events.publish("charging_need.changed", changed.charger_id,
                                          {{"transactionId", changed.need.transaction_id},
                                           {"chargerId", changed.charger_id},
                                           {"siteId", or_null(changed.site_id)},
                                           {"energyKwh", out["energyKwh"]},
                                           {"departureTime", out["departureTime"]}});
                           return json_response(200, out);
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
