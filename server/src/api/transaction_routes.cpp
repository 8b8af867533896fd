#include <charconv>

#include "access.hpp"
#include "json_views.hpp"
#include "organisation_views.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

struct TransactionDetail {
    storage::TransactionRecord transaction;
    std::vector<storage::MeterValueRecord> meter_values;
    std::vector<storage::AnomalyRecord> anomalies;
};

}  // namespace

void add_transaction_routes(Router& router, storage::Database& database) {
    router.add("GET", "/api/v1/transactions", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::TransactionFilter filter;
        filter.charger_id = request.query("chargerId");
        filter.id_tag = request.query("idTag");
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
                return storage::Listing<storage::TransactionRecord>{
                    repositories.transactions().query(filter), repositories.transactions().count(filter)};
            },
            [](const storage::Listing<storage::TransactionRecord>& transactions) {
                return json_response(200, listing_json(transactions, transaction_json));
            },
            reply);
    });

    router.add("GET", "/api/v1/transactions/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   std::int32_t id = 0;
                   const auto& text = request.path_param(0);
                   const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
                   if (error != std::errc() || end != text.data() + text.size()) {
                       throw ApiError::not_found("transaction '" + text + "'");
                   }
                   read_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           auto transaction = repositories.transactions().find(id);
                           const auto what = "transaction " + std::to_string(id);
                           if (!transaction) {
                               throw ApiError::not_found(what);
                           }
                           const auto charger = repositories.chargers().find(transaction->start.charger_id);
                           require_visible(principal, charger ? charger->institution_id : std::nullopt, what);
                           return TransactionDetail{std::move(*transaction),
                                                    repositories.meter_values().for_transaction(id),
                                                    repositories.events().anomalies_for_transaction(id)};
                       },
                       [](const TransactionDetail& detail) {
                           auto out = transaction_json(detail.transaction);
                           out["meterValues"] = array_of(detail.meter_values, meter_value_json);
                           out["anomalies"] = array_of(detail.anomalies, anomaly_json);
                           return json_response(200, out);
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
