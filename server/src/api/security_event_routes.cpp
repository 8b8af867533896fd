#include "access.hpp"
#include "charger_access.hpp"
#include "json_views.hpp"
#include "routes.hpp"
#include "security_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// The filters both listings share: ?source=&type=&critical=&from=&to=&limit=&offset=.
storage::SecurityEventFilter filter_of(const ApiRequest& request) {
    storage::SecurityEventFilter filter;
    if (const auto source = request.query("source")) {
        if (*source != "charger" && *source != "central_system") {
            throw ApiError::invalid_field("source", "must be charger or central_system");
        }
        filter.source = *source == "charger" ? storage::SecurityEventSource::Charger
                                             : storage::SecurityEventSource::CentralSystem;
    }
    filter.type = request.query("type");
    if (const auto critical = request.query("critical")) {
        if (*critical != "true" && *critical != "false") {
            throw ApiError::invalid_field("critical", "must be true or false");
        }
        filter.critical = *critical == "true";
    }
    filter.from = request.query_time("from");
    filter.to = request.query_time("to");
    const auto page = page_of(request);
    filter.limit = page.limit;
    filter.offset = page.offset;
    return filter;
}

HttpResponse listing_response(const storage::Listing<storage::SecurityEventRecord>& listing) {
    return json_response(200,
                         {{"items", array_of(listing.items, security_event_json)}, {"total", listing.total}});
}

}  // namespace

void add_security_event_routes(Router& router, storage::Database& database) {
    router.add(
        "GET", "/api/v1/security-events", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_security_reader(request.principal());
            auto filter = filter_of(request);
            filter.charger_id = request.query("chargerId");
            filter.scope = request.principal().scope();
            read_then_reply(
                database,
                [filter](Repositories& repositories) { return repositories.security_events().query(filter); },
                listing_response, reply);
        });

    router.add("GET", "/api/v1/chargers/{id}/security-events",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_security_reader(request.principal());
                   auto filter = filter_of(request);
                   filter.charger_id = request.path_param(0);
                   read_then_reply(
                       database,
                       [filter, principal = request.principal()](Repositories& repositories) {
                           require_charger(repositories, principal, *filter.charger_id);
                           return repositories.security_events().query(filter);
                       },
                       listing_response, reply);
               });
}

}  // namespace parkgrid::server::api
