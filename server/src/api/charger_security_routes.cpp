// Per-charger security (OCPP 1.6 Security Whitepaper, edition 3): the security profile, the AuthorizationKey
// of profiles 1 and 2 (set by an admin when a charger is installed, rotated through the charger later) and
// what went wrong lately.

#include "api/access.hpp"
#include "api/body_reader.hpp"
#include "api/charger_access.hpp"
#include "api/command_response.hpp"
#include "api/json_views.hpp"
#include "api/organisation_access.hpp"
#include "api/routes.hpp"
#include "api/security_views.hpp"
#include "api/storage_reply.hpp"
#include "charger_auth/authorization_key.hpp"
#include "charger_auth/charger_authenticator.hpp"
#include "charger_auth/security_events.hpp"
#include "parkgrid/ocpp/messages/change_configuration.hpp"
#include "parkgrid/storage/security_repositories.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr std::size_t kRecentEvents = 20;

nlohmann::json security_json(const storage::ChargerRecord& charger,
                             const storage::Listing<storage::SecurityEventRecord>& failures,
                             const storage::Listing<storage::SecurityEventRecord>& events) {
    return {{"chargerId", charger.id},
            {"securityProfile", charger.security_profile},
            {"authorizationKeySet", charger.authorization_key_hash.has_value()},
            {"authorizationKeySetAt", to_json_time(charger.authorization_key_set_at)},
            {"authenticationFailures",
             {{"items", array_of(failures.items, security_event_json)}, {"total", failures.total}}},
            {"securityEvents",
             {{"items", array_of(events.items, security_event_json)}, {"total", events.total}}}};
}

// The charger's security as JSON, read in the same job that may just have changed it.
nlohmann::json read_security(Repositories& repositories, const storage::ChargerRecord& charger) {
    storage::SecurityEventFilter failures;
    failures.charger_id = charger.id;
    failures.type = std::string(kAuthenticationFailed);
    failures.limit = kRecentEvents;
    storage::SecurityEventFilter all;
    all.charger_id = charger.id;
    all.limit = kRecentEvents;
    return security_json(charger, repositories.security_events().query(failures),
                         repositories.security_events().query(all));
}

struct SecurityChange {
    std::int32_t profile = 0;
    std::optional<std::string> key;  // nullopt: keep the current key
    bool remove_key = false;
};

SecurityChange read_security_change(const nlohmann::json& body) {
    const BodyReader fields(body, {"securityProfile", "authorizationKey"});
    SecurityChange change;
    const auto profile = fields.optional_integer("securityProfile", 0, 3);
    if (!profile) {
        throw ApiError::invalid_field("securityProfile", "is required: 0, 1, 2 or 3");
    }
    change.profile = static_cast<std::int32_t>(*profile);
    if (fields.is_null("authorizationKey")) {
        change.remove_key = true;
    } else if (const auto key = fields.optional_string("authorizationKey", 40)) {
        if (const auto problem = authorization_key_problem(*key)) {
            throw ApiError::invalid_field("authorizationKey", *problem);
        }
        change.key = key;
    }
    return change;
}

void store_security(CentralSystem& central_system, const Principal& principal, const std::string& id,
                    const SecurityChange& change, std::optional<std::string> key_hash,
                    const HttpReply& reply) {
    auto& database = central_system.database();
    write_then_reply(
        database,
        [principal, id, change, key_hash](Repositories& repositories) {
            auto charger = require_charger(repositories, principal, id);
            repositories.chargers().set_security_profile(id, change.profile);
            if (key_hash || change.remove_key) {
                repositories.chargers().set_authorization_key_hash(id, key_hash, now());
            }
            return read_security(repositories, *repositories.chargers().find(id));
        },
        [&central_system, id, change](const nlohmann::json& security) {
            if (change.key || change.remove_key) {
                central_system.authenticator().forget_key(id);
            }
            record_security_event(central_system.database(), central_system.events(), id,
                                  kSecurityProfileChanged,
                                  "security profile " + std::to_string(change.profile) +
                                      (change.key          ? ", AuthorizationKey set by an administrator"
                                       : change.remove_key ? ", AuthorizationKey removed"
                                                           : ""));
            return json_response(200, security);
        },
        reply);
}

// ChangeConfiguration(AuthorizationKey) with a fresh random key; the new hash replaces the old one only when
// the charger accepted, and from then on the old key is refused.
void rotate_key(CentralSystem& central_system, const Principal& principal, const std::string& id,
                const HttpReply& reply) {
    auto key = generate_authorization_key();
    central_system.authenticator().hash_key(key, [&central_system, principal, id, key,
                                                  reply](std::optional<std::string> key_hash) {
        if (!key_hash) {
            reply(
                json_response(503, {{"error", "busy"}, {"message", "the key hashing worker is saturated"}}));
            return;
        }
        ocpp::ChangeConfigurationRequest change;
        change.key = "AuthorizationKey";
        change.value = key;
        central_system.commands().send(
            id, change, principal.subject,
            [&central_system, principal, id, key_hash = *key_hash, reply](const CommandOutcome& outcome) {
                const bool answered = !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
                const auto status =
                    answered ? outcome.call.payload.value("status", std::string()) : std::string();
                if (status != "Accepted") {
                    if (!answered) {
                        reply(command_response(outcome));
                        return;
                    }
                    reply(json_response(409, {{"error", "not_accepted"},
                                              {"message", "the charger answered " + status +
                                                              "; the current AuthorizationKey stays valid"},
                                              {"status", status}}));
                    return;
                }
                write_then_reply(
                    central_system.database(),
                    [principal, id, key_hash](Repositories& repositories) {
                        repositories.chargers().set_authorization_key_hash(id, key_hash, now());
                        return read_security(repositories, require_charger(repositories, principal, id));
                    },
                    [&central_system, id](const nlohmann::json& security) {
                        central_system.authenticator().forget_key(id);
                        record_security_event(central_system.database(), central_system.events(), id,
                                              kAuthorizationKeyChanged,
                                              "rotated: the charger accepted a new AuthorizationKey");
                        return json_response(200, security);
                    },
                    reply);
            });
    });
}

}  // namespace

void add_charger_security_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add(
        "GET", "/api/v1/chargers/{id}/security",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            require_security_reader(request.principal());
            read_then_reply(
                database,
                [id = request.path_param(0), principal = request.principal()](Repositories& repositories) {
                    return read_security(repositories, require_charger(repositories, principal, id));
                },
                [](const nlohmann::json& security) { return json_response(200, security); }, reply);
        });

    // Provisioning: what the installer configured at the charger. The key is hashed before it is stored.
    router.add(
        "PUT", "/api/v1/chargers/{id}/security",
        [&central_system](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto change = read_security_change(request.json_body());
            const auto id = request.path_param(0);
            if (!change.key) {
                store_security(central_system, request.principal(), id, change, std::nullopt, reply);
                return;
            }
            central_system.authenticator().hash_key(
                *change.key, [&central_system, principal = request.principal(), id, change,
                              reply](std::optional<std::string> key_hash) {
                    if (!key_hash) {
                        reply(json_response(
                            503, {{"error", "busy"}, {"message", "the key hashing worker is saturated"}}));
                        return;
                    }
                    store_security(central_system, principal, id, change, key_hash, reply);
                });
        });

    router.add("POST", "/api/v1/chargers/{id}/authorization-key",
               [&central_system](const ApiRequest& request, const HttpReply& reply) {
                   require_admin(request.principal());
                   with_visible_charger(central_system.database(), request.principal(), request.path_param(0),
                                        reply,
                                        [&central_system, principal = request.principal(),
                                         reply](const storage::ChargerRecord& charger) {
                                            rotate_key(central_system, principal, charger.id, reply);
                                        });
               });
}

}  // namespace parkgrid::server::api
