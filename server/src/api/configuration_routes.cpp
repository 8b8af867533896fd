#include "body_reader.hpp"
#include "charger_access.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/desired_configuration.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// Limits of OCPP's ChangeConfiguration: key CiString50, value CiString500.
constexpr std::size_t kMaxKeyLength = 50;
constexpr std::size_t kMaxValueLength = 500;

struct ChargerConfiguration {
    storage::ChargerRecord charger;
    std::vector<storage::ConfigurationKeyRecord> reported;
    std::map<std::string, std::string> desired;
};

nlohmann::json configuration_json(const ChargerConfiguration& configuration) {
    nlohmann::json keys = nlohmann::json::array();
    std::optional<storage::Timestamp> fetched_at;
    bool reboot_required = false;
    for (const auto& key : configuration.reported) {
        const auto desired = configuration.desired.find(key.key);
        // A RebootRequired change is pending until the charger boots after it.
        const bool pending_reboot =
            key.change_status == "RebootRequired" && key.changed_at &&
            (!configuration.charger.last_boot_at || *configuration.charger.last_boot_at < *key.changed_at);
        reboot_required = reboot_required || pending_reboot;
        fetched_at = fetched_at ? std::max(*fetched_at, key.fetched_at) : key.fetched_at;
        keys.push_back(
            {{"key", key.key},
             {"value", or_null(key.value)},
             {"readonly", key.readonly},
             {"desiredValue",
              desired == configuration.desired.end() ? nlohmann::json() : nlohmann::json(desired->second)},
             {"inSync", desired == configuration.desired.end() || key.value == desired->second},
             {"lastChange", key.change_status ? nlohmann::json{{"value", or_null(key.change_value)},
                                                               {"status", *key.change_status},
                                                               {"at", to_json_time(key.changed_at)}}
                                              : nlohmann::json()}});
    }
    for (const auto& [key, value] : configuration.desired) {
        const bool reported =
            std::any_of(configuration.reported.begin(), configuration.reported.end(),
                        [&](const storage::ConfigurationKeyRecord& r) { return r.key == key; });
        if (!reported) {
            keys.push_back({{"key", key},
                            {"value", nullptr},
                            {"readonly", false},
                            {"desiredValue", value},
                            {"inSync", false},
                            {"lastChange", nullptr}});
        }
    }
    return {{"chargerId", configuration.charger.id},
            {"fetchedAt", to_json_time(fetched_at)},
            {"rebootRequired", reboot_required},
            {"keys", keys}};
}

ChargerConfiguration load_configuration(Repositories& repositories, const Principal& principal,
                                        const std::string& id) {
    auto charger = require_charger(repositories, principal, id);
    auto& configuration = repositories.configuration();
    auto desired = desired_values(configuration.list_desired(), charger);
    return ChargerConfiguration{std::move(charger), configuration.reported(id), std::move(desired)};
}

nlohmann::json desired_json(const storage::DesiredConfigurationRecord& entry) {
    std::string scope = entry.site_id ? "site" : entry.charge_point_model ? "model" : "all";
    return {{"id", entry.id},
            {"scope", scope},
            {"siteId", or_null(entry.site_id)},
            {"chargePointVendor", or_null(entry.charge_point_vendor)},
            {"chargePointModel", or_null(entry.charge_point_model)},
            {"key", entry.key},
            {"value", entry.value},
            {"createdBy", entry.created_by},
            {"createdAt", to_json_time(entry.created_at)},
            {"updatedAt", to_json_time(entry.updated_at)}};
}

// Entries for all chargers or a model are the admin's; site entries belong to the site's institution.
void require_desired_access(Repositories& repositories, const Principal& principal,
                            const storage::DesiredConfigurationRecord& entry, bool change) {
    if (!entry.site_id) {
        if (change) {
            require_admin(principal);
        }
        return;
    }
    const auto site = repositories.sites().find(*entry.site_id);
    if (!site || !principal.sees(site->institution_id)) {
        throw ApiError::invalid_field("siteId", "no such site");
    }
}

}  // namespace

void add_configuration_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add(
        "GET", "/api/v1/chargers/{id}/configuration",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            read_then_reply(
                database,
                [id = request.path_param(0), principal = request.principal()](Repositories& repositories) {
                    return load_configuration(repositories, principal, id);
                },
                [](const ChargerConfiguration& configuration) {
                    return json_response(200, configuration_json(configuration));
                },
                reply);
        });

    router.add(
        "POST", "/api/v1/chargers/{id}/configuration/sync",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            with_visible_charger(
                database, request.principal(), request.path_param(0), reply,
                [&database, &central_system, principal = request.principal(),
                 reply](const storage::ChargerRecord& charger) {
                    central_system.configuration().synchronise(
                        charger.id, principal.subject,
                        [&database, principal, reply,
                         id = charger.id](const ConfigurationManager::Result& result) {
                            if (!result.read) {
                                reply(error_response(ApiError(502, "not_synchronised", result.problem)));
                                return;
                            }
                            read_then_reply(
                                database,
                                [principal, id](Repositories& repositories) {
                                    return load_configuration(repositories, principal, id);
                                },
                                [result](const ChargerConfiguration& configuration) {
                                    auto body = configuration_json(configuration);
                                    body["changesSent"] = result.changes_sent;
                                    body["changesAccepted"] = result.changes_accepted;
                                    return json_response(200, body);
                                },
                                reply);
                        });
                });
        });

    router.add("GET", "/api/v1/desired-configuration",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   read_then_reply(
                       database,
                       [principal = request.principal()](Repositories& repositories) {
                           auto entries = repositories.configuration().list_desired();
                           std::erase_if(entries, [&](const storage::DesiredConfigurationRecord& entry) {
                               try {
                                   require_desired_access(repositories, principal, entry, false);
                                   return false;
                               } catch (const ApiError&) {
                                   return true;
                               }
                           });
                           return entries;
                       },
                       [](const std::vector<storage::DesiredConfigurationRecord>& entries) {
                           return json_response(
                               200, {{"items", array_of(entries, desired_json)}, {"total", entries.size()}});
                       },
                       reply);
               });

    router.add("POST", "/api/v1/desired-configuration",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(
                       body, {"key", "value", "siteId", "chargePointVendor", "chargePointModel"});
                   storage::DesiredConfigurationRecord entry;
                   entry.key = fields.required_string("key", kMaxKeyLength);
                   entry.value = fields.required_string("value", kMaxValueLength);
                   if (fields.has("siteId") && !fields.is_null("siteId")) {
                       if (!body.at("siteId").is_number_integer()) {
                           throw ApiError::invalid_field("siteId", "must be a site id");
                       }
                       entry.site_id = body.at("siteId").get<std::int64_t>();
                   }
                   entry.charge_point_vendor = fields.optional_string("chargePointVendor", 20);
                   entry.charge_point_model = fields.optional_string("chargePointModel", 20);
                   if (entry.charge_point_vendor.has_value() != entry.charge_point_model.has_value()) {
                       throw ApiError::invalid_field(
                           entry.charge_point_vendor ? "chargePointModel" : "chargePointVendor",
                           "a model is named by vendor and model together");
                   }
                   if (entry.site_id && entry.charge_point_vendor) {
                       throw ApiError::invalid_field("siteId",
                                                     "an entry is for a site or for a model, not both");
                   }
                   entry.created_by = request.principal().subject;
                   entry.created_at = entry.updated_at = ocpp::DateTime::now().instant();
                   write_then_reply(
                       database,
                       [entry, principal = request.principal()](Repositories& repositories) mutable {
                           require_desired_access(repositories, principal, entry, true);
                           const auto id = repositories.configuration().insert_desired(entry);
                           if (!id) {
                               throw ApiError::conflict("a desired value for '" + entry.key +
                                                        "' exists already for this target");
                           }
                           entry.id = *id;
                           return entry;
                       },
                       [](const storage::DesiredConfigurationRecord& created) {
                           return json_response(201, desired_json(created));
                       },
                       reply);
               });

    router.add("PATCH", "/api/v1/desired-configuration/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"value"});
                   const auto value = fields.required_string("value", kMaxValueLength);
                   write_then_reply(
                       database,
                       [id = id_param(request, 0, "desired configuration"), value,
                        principal = request.principal()](Repositories& repositories) {
                           auto entry = repositories.configuration().find_desired(id);
                           if (!entry) {
                               throw ApiError::not_found("desired configuration " + std::to_string(id));
                           }
                           require_desired_access(repositories, principal, *entry, true);
                           entry->value = value;
                           entry->updated_at = ocpp::DateTime::now().instant();
                           repositories.configuration().update_desired(*entry);
                           return *entry;
                       },
                       [](const storage::DesiredConfigurationRecord& updated) {
                           return json_response(200, desired_json(updated));
                       },
                       reply);
               });

    router.add("DELETE", "/api/v1/desired-configuration/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   write_then_reply(
                       database,
                       [id = id_param(request, 0, "desired configuration"),
                        principal = request.principal()](Repositories& repositories) {
                           const auto entry = repositories.configuration().find_desired(id);
                           if (!entry) {
                               throw ApiError::not_found("desired configuration " + std::to_string(id));
                           }
                           require_desired_access(repositories, principal, *entry, true);
                           repositories.configuration().remove_desired(id);
                           return true;
                       },
                       [](bool) { return no_content(); }, reply);
               });
}

}  // namespace parkgrid::server::api
