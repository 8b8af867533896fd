#include "json_views.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "organisation_views.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "reports/energy_report.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"
#include "transaction_access.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// A transaction with what it still needs (load management) and whose it was when it started, as lists and
// the detail show it.
struct TransactionView {
    storage::TransactionRecord transaction;
    std::optional<storage::ChargingNeedRecord> charging_need;
    std::optional<storage::TransactionAttribution> attribution;
};

struct TransactionDetail {
    TransactionView view;
    std::vector<storage::MeterValueRecord> meter_values;
    std::vector<storage::AnomalyRecord> anomalies;
    std::optional<storage::LedgerSession> ledger;  // once the finished transaction is accounted
};

TransactionView view_of(Repositories& repositories, storage::TransactionRecord transaction) {
    auto need = repositories.load_management().charging_need(transaction.id);
    auto attribution = repositories.energy().attribution(transaction.id);
    return TransactionView{std::move(transaction), std::move(need), std::move(attribution)};
}

nlohmann::json view_json(const TransactionView& view) {
    auto out = transaction_json(view.transaction);
    out["chargingNeed"] = view.charging_need ? charging_need_json(*view.charging_need) : nlohmann::json();
    const auto& attribution = view.attribution.value_or(storage::TransactionAttribution{});
    out["siteId"] = or_null(attribution.site_id);
    out["institutionId"] = or_null(attribution.institution_id);
    out["departmentId"] = or_null(attribution.department_id);
    out["vehicleId"] = or_null(attribution.vehicle_id);
    out["driverId"] = or_null(attribution.driver_id);
    return out;
}

}  // namespace

void add_transaction_routes(Router& router, storage::Database& database) {
    router.add("GET", "/api/v1/transactions", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::TransactionFilter filter;
        filter.charger_id = request.query("chargerId");
        filter.id_tag = request.query("idTag");
        filter.vehicle_id = query_id(request, "vehicleId");
        filter.from = request.query_time("from");
        filter.to = request.query_time("to");
        if (const auto status = request.query("status")) {
            if (*status != "open" && *status != "finished") {
                throw ApiError::invalid_field("status", "must be open or finished");
            }
            filter.open = *status == "open";
        }
        // A transaction is visible when its charger's site is in the caller's scope.
        filter.scope = request.principal().scope();
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](Repositories& repositories) {
                storage::Listing<TransactionView> listing;
                for (auto& transaction : repositories.transactions().query(filter)) {
                    listing.items.push_back(view_of(repositories, std::move(transaction)));
                }
                listing.total = repositories.transactions().count(filter);
                return listing;
            },
            [](const storage::Listing<TransactionView>& transactions) {
                return json_response(200, listing_json(transactions, view_json));
            },
            reply);
    });

    router.add("GET", "/api/v1/transactions/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto id = transaction_id_param(request, 0);
                   read_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           auto transaction = require_visible_transaction(repositories, principal, id);
                           return TransactionDetail{view_of(repositories, std::move(transaction)),
                                                    repositories.meter_values().for_transaction(id),
                                                    repositories.events().anomalies_for_transaction(id),
                                                    repositories.energy().ledger(id)};
                       },
                       [](const TransactionDetail& detail) {
                           auto out = view_json(detail.view);
                           out["meterValues"] = array_of(detail.meter_values, meter_value_json);
                           out["anomalies"] = array_of(detail.anomalies, anomaly_json);
                           out["energy"] = nullptr;
                           if (detail.ledger) {
                               out["energy"] = reports::ledger_json(*detail.ledger);
                               out["energy"]["accountedAt"] = to_json_time(detail.ledger->accounted_at);
                           }
                           return json_response(200, out);
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
