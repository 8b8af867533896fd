#include <algorithm>

#include "body_reader.hpp"
#include "charger_load_settings.hpp"
#include "charger_rating.hpp"
#include "json_views.hpp"
#include "load_access.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/messages/trigger_message.hpp"
#include "parkgrid/server/charger_identity.hpp"
#include "parkgrid/server/log.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

struct ChargerDetail {
    storage::ChargerRecord charger;
    storage::ChargerLoadSettings load;
    std::vector<storage::StatusRecord> connectors;
};

// A charger with its electrical settings (load management) and its connectors' latest status.
nlohmann::json detail_json(const ChargerDetail& detail, bool online) {
    auto out = charger_json(detail.charger, online);
    out.update(charger_load_json(detail.load));
    out["connectors"] = array_of(detail.connectors, status_json);
    return out;
}

struct ChargerListing {
    storage::Listing<storage::ChargerRecord> chargers;
    std::vector<ChargerDetail> details;  // in the same order
};

// What a PATCH did: the charger as answered, and the sites whose load configuration changed with it.
struct PatchedCharger {
    ChargerDetail detail;
    std::vector<std::int64_t> changed_sites;
};

// The charger as `principal` may see it: 404 when it does not exist or its site's institution is outside
// the caller's scope (an unassigned charger is the admin's).
storage::ChargerRecord require_visible_charger(Repositories& repositories, const Principal& principal,
                                               const std::string& id) {
    auto charger = repositories.chargers().find(id);
    const auto what = "charger '" + id + "'";
    if (!charger) {
        throw ApiError::not_found(what);
    }
    require_visible(principal, charger->institution_id, what);
    return std::move(*charger);
}

ChargerDetail detail_of(Repositories& repositories, storage::ChargerRecord charger) {
    auto load = *repositories.load_management().charger_settings(charger.id);
    auto connectors = repositories.chargers().connectors(charger.id);
    return ChargerDetail{std::move(charger), std::move(load), std::move(connectors)};
}

ChargerDetail load_detail(Repositories& repositories, const Principal& principal, const std::string& id) {
    return detail_of(repositories, require_visible_charger(repositories, principal, id));
}

// Connection logs and anomalies are also kept for identities that were never registered; admins read them
// for any identity, everyone else only for chargers they see.
void require_logs_visible(Repositories& repositories, const Principal& principal, const std::string& id) {
    if (!principal.is_admin()) {
        require_visible_charger(repositories, principal, id);
    }
}

// After an administrator changes a connected charger's registration: a rejection takes effect at once;
// an approval needs a new BootNotification, which is asked for so the charger need not wait its interval.
void apply_to_connection(CentralSystem& central_system, const std::string& id,
                         storage::RegistrationStatus status) {
    const auto session = central_system.registry().find(id);
    if (!session) {
        return;
    }
    if (status == storage::RegistrationStatus::Accepted &&
        session->state().registration != Registration::Accepted) {
        ocpp::TriggerMessageRequest trigger;
        trigger.requested_message = ocpp::MessageTrigger::BootNotification;
        session->call(
            std::string(ocpp::TriggerMessageRequest::action), ocpp::encode(trigger),
            [id](CallOutcome outcome) {
                log::info("asked approved charger to boot again",
                          {{"charger", id},
                           {"outcome", outcome.status == CallOutcome::Status::Result ? outcome.payload.dump()
                                                                                     : outcome.description}});
            });
    } else if (status != storage::RegistrationStatus::Accepted) {
        session->shared_state()->registration =
            status == storage::RegistrationStatus::Rejected ? Registration::Rejected : Registration::Pending;
    }
}

}  // namespace

void add_charger_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add("POST", "/api/v1/chargers",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   // Registering chargers is the operator's job; fleet admins assign them to their sites.
                   require_admin(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"id", "description", "registrationStatus", "siteId"});
                   const auto id = fields.required_string("id", kMaxChargerIdentityLength);
                   if (!is_valid_charger_identity(id)) {
                       throw ApiError::invalid_field("id", "must be 1 to 48 printable ASCII characters");
                   }
                   const auto description = fields.optional_string("description", 500);
                   // Chargers an administrator registers are trusted unless said otherwise.
                   const auto status = registration_from_name(
                       fields.optional_one_of("registrationStatus", {"Accepted", "Pending", "Rejected"})
                           .value_or("Accepted"));
                   const auto site_id = optional_id(fields, "siteId");
                   write_then_reply(
                       database,
                       [id, description, status, site_id,
                        principal = request.principal()](Repositories& repositories) {
                           if (site_id) {
                               require_site_for_write(repositories, principal, *site_id);
                           }
                           if (!repositories.chargers().insert(id, description, *status,
                                                               ocpp::DateTime::now().instant())) {
                               throw ApiError::conflict("charger '" + id + "' exists already");
                           }
                           if (site_id) {
                               repositories.chargers().set_site(id, site_id);
                           }
                           return load_detail(repositories, principal, id);
                       },
                       [&central_system](const ChargerDetail& detail) {
                           return json_response(201, detail_json(detail, central_system.registry().find(
                                                                             detail.charger.id) != nullptr));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/chargers",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   storage::ChargerFilter filter;
                   filter.scope = request.principal().scope();
                   filter.site_id = query_id(request, "siteId");
                   filter.institution_id = query_id(request, "institutionId");
                   // Chargers were listed whole before paging existed; the default page keeps that for most
                   // sites.
                   const auto page = page_of(request, 1000, 1000);
                   filter.limit = page.limit;
                   filter.offset = page.offset;
                   read_then_reply(
                       database,
                       [filter](Repositories& repositories) {
                           auto chargers = repositories.chargers().query(filter);
                           std::vector<ChargerDetail> details;
                           details.reserve(chargers.items.size());
                           for (auto& charger : chargers.items) {
                               details.push_back(detail_of(repositories, std::move(charger)));
                           }
                           return ChargerListing{std::move(chargers), std::move(details)};
                       },
                       [&central_system](const ChargerListing& listing) {
                           nlohmann::json items = nlohmann::json::array();
                           for (const auto& detail : listing.details) {
                               items.push_back(detail_json(
                                   detail, central_system.registry().find(detail.charger.id) != nullptr));
                           }
                           return json_response(200, {{"items", items}, {"total", listing.chargers.total}});
                       },
                       reply);
               });

    router.add("GET", "/api/v1/chargers/{id}",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   read_then_reply(
                       database,
                       [id = request.path_param(0), principal = request.principal()](
                           Repositories& repositories) { return load_detail(repositories, principal, id); },
                       [&central_system](const ChargerDetail& detail) {
                           return json_response(200, detail_json(detail, central_system.registry().find(
                                                                             detail.charger.id) != nullptr));
                       },
                       reply);
               });

    router.add(
        "PATCH", "/api/v1/chargers/{id}",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            const auto& principal = request.principal();
            require_change_right(principal);
            const auto body = request.json_body();
            const BodyReader fields(
                body, {"description", "registrationStatus", "siteId", "circuitId", "maxCurrentA",
                       "minCurrentA", "phases", "phaseWiring", "currentType", "ratedPowerKw"});
            if (fields.has("registrationStatus")) {
                require_admin(principal);  // approving chargers is the operator's decision
            }
            const auto status_name =
                fields.optional_one_of("registrationStatus", {"Accepted", "Pending", "Rejected"});
            const auto status = status_name ? registration_from_name(*status_name) : std::nullopt;
            const bool change_description = fields.has("description");
            const auto description = fields.optional_string("description", 500);
            const bool change_site = fields.has("siteId");  // null unassigns
            const auto site_id = optional_id(fields, "siteId");
            const auto load_change = read_charger_load_change(fields);
            const auto rating_change = read_charger_rating_change(fields);
            const auto id = request.path_param(0);
            write_then_reply(
                database,
                [id, status, change_description, description, change_site, site_id, load_change,
                 rating_change, principal](Repositories& repositories) {
                    auto& chargers = repositories.chargers();
                    const auto before = require_visible_charger(repositories, principal, id);
                    if (status) {
                        chargers.set_registration_status(id, *status);
                    }
                    if (change_description) {
                        chargers.set_description(id, description);
                    }
                    if (change_site) {
                        if (site_id) {
                            require_site_for_write(repositories, principal, *site_id);
                        }
                        chargers.set_site(id, site_id);  // leaves the old site's circuit
                    }
                    apply_charger_rating_change(repositories, before, rating_change);
                    PatchedCharger patched;
                    if (load_change.any()) {
                        auto& load = repositories.load_management();
                        load.set_charger_settings(
                            apply_charger_load_change(repositories, *load.charger_settings(id), load_change));
                    }
                    // Not load_detail(): a fleet admin who unassigns a charger no longer sees it, but is
                    // still answered what was done.
                    patched.detail = detail_of(repositories, *chargers.find(id));
                    // The scheduler budgets chargers by site: both the site left and the one joined change.
                    if (load_change.any() || (change_site && before.site_id != site_id)) {
                        for (const auto& site : {before.site_id, patched.detail.charger.site_id}) {
                            if (site && std::find(patched.changed_sites.begin(), patched.changed_sites.end(),
                                                  *site) == patched.changed_sites.end()) {
                                patched.changed_sites.push_back(*site);
                            }
                        }
                    }
                    return patched;
                },
                [&central_system, status](const PatchedCharger& patched) {
                    const auto& detail = patched.detail;
                    if (status) {
                        log::info("charger registration changed",
                                  {{"charger", detail.charger.id}, {"status", registration_name(*status)}});
                        apply_to_connection(central_system, detail.charger.id, *status);
                    }
                    for (const auto site : patched.changed_sites) {
                        publish_load_config_changed(central_system.events(), site);
                    }
                    return json_response(
                        200,
                        detail_json(detail, central_system.registry().find(detail.charger.id) != nullptr));
                },
                reply);
        });

    // A charger flagged by the scheduler (it refused or ignored limits) is budgeted at its rated current
    // until someone who fixed it clears the flag.
    router.add(
        "DELETE", "/api/v1/chargers/{id}/load-flag",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            write_then_reply(
                database,
                [id = request.path_param(0), principal = request.principal()](Repositories& repositories) {
                    const auto charger = require_visible_charger(repositories, principal, id);
                    repositories.load_management().set_charger_flag(id, std::nullopt, std::nullopt, now());
                    return charger.site_id;
                },
                [&central_system](const std::optional<std::int64_t>& site_id) {
                    if (site_id) {
                        publish_load_config_changed(central_system.events(), *site_id);
                    }
                    return no_content();
                },
                reply);
        });

    router.add("GET", "/api/v1/chargers/{id}/status-history",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   std::optional<std::int32_t> connector;
                   if (const auto value = request.query_integer("connectorId", 0, 1000)) {
                       connector = static_cast<std::int32_t>(*value);
                   }
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), connector, page,
                        principal = request.principal()](Repositories& repositories) {
                           require_visible_charger(repositories, principal, id);
                           return repositories.chargers().status_history(id, connector, page.limit,
                                                                         page.offset);
                       },
                       [](const std::vector<storage::StatusRecord>& history) {
                           return json_response(200, {{"items", array_of(history, status_json)}});
                       },
                       reply);
               });

    router.add("GET", "/api/v1/chargers/{id}/connections",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), page,
                        principal = request.principal()](Repositories& repositories) {
                           require_logs_visible(repositories, principal, id);
                           return repositories.events().connections(id, page.limit, page.offset);
                       },
                       [](const std::vector<storage::ConnectionEvent>& events) {
                           return json_response(200, {{"items", array_of(events, connection_json)}});
                       },
                       reply);
               });

    router.add("GET", "/api/v1/chargers/{id}/anomalies",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), page,
                        principal = request.principal()](Repositories& repositories) {
                           require_logs_visible(repositories, principal, id);
                           return repositories.events().anomalies_for_charger(id, page.limit, page.offset);
                       },
                       [](const std::vector<storage::AnomalyRecord>& anomalies) {
                           return json_response(200, {{"items", array_of(anomalies, anomaly_json)}});
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
