#include <algorithm>
#include <nlohmann/json.hpp>

#include "access.hpp"
#include "account_route_helpers.hpp"
#include "auth/account_rules.hpp"
#include "auth/auth_services.hpp"
#include "auth_routes.hpp"
#include "auth_views.hpp"
#include "body_fields.hpp"
#include "body_reader.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr std::size_t kDisplayNameMaxLength = 128;

std::string read_new_password(const BodyReader& fields, bool required) {
    const auto password = required
                              ? std::optional(fields.required_string("password", auth::kPasswordMaxBytes))
                              : fields.optional_string("password", auth::kPasswordMaxBytes);
    if (password) {
        if (const auto problem = auth::password_problem(*password)) {
            throw ApiError::invalid_field("password", *problem);
        }
    }
    return password.value_or(std::string());
}

HttpResponse hashing_busy() {
    auto response =
        error_response(ApiError(503, "busy", "the password worker is busy; try again in a moment"));
    response.headers.emplace_back("Retry-After", "1");
    return response;
}

// What a PATCH changes; absent fields stay.
struct UserChange {
    std::optional<std::string> display_name;
    std::optional<std::string> role;
    std::optional<std::vector<std::int64_t>> institution_ids;
    std::optional<bool> disabled;
    std::optional<std::string> password_hash;
    std::vector<std::string> changed;  // field names, for the audit log
};

struct ChangedUser {
    storage::UserRecord user;
    std::size_t sessions_revoked = 0;
};

ChangedUser apply_change(Repositories& repositories, std::int64_t id, const UserChange& change) {
    auto user = repositories.users().find(id);
    if (!user) {
        throw ApiError::not_found("user " + std::to_string(id));
    }
    if (change.display_name) {
        user->display_name = *change.display_name;
    }
    if (change.role) {
        user->role = *change.role;
        // Becoming an admin drops the scope, which admins do not have.
        if (*change.role == "admin" && !change.institution_ids) {
            user->institution_ids.clear();
        }
    }
    if (change.institution_ids) {
        user->institution_ids = *change.institution_ids;
        require_known_institutions(repositories, user->institution_ids);
    }
    require_scope_fits_role(user->role, user->institution_ids);
    const bool disabling = change.disabled.value_or(false) && !user->disabled;
    if (change.disabled) {
        user->disabled = *change.disabled;
    }
    if (change.password_hash) {
        user->password_hash = *change.password_hash;
    }
    const auto changed_at = now();
    user->updated_at = changed_at;
    repositories.users().update(*user);
    // A disabled user or a changed password ends every session: whoever held one must log in again.
    std::size_t revoked = 0;
    if (disabling || change.password_hash) {
        revoked = repositories.sessions().revoke_all_of_user(id, changed_at);
    }
    return {std::move(*user), revoked};
}

}  // namespace

void add_user_routes(Router& router, storage::Database& database, auth::AuthServices& auth) {
    router.add(
        "POST", "/api/v1/users", [&database, &auth](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto body = request.json_body();
            const BodyReader fields(
                body, {"username", "displayName", "role", "password", "institutionIds", "disabled"});
            storage::UserRecord user;
            user.username = fields.required_string("username", auth::kUsernameMaxLength);
            if (const auto problem = auth::username_problem(user.username)) {
                throw ApiError::invalid_field("username", *problem);
            }
            user.display_name =
                fields.optional_string("displayName", kDisplayNameMaxLength).value_or(user.username);
            user.role = fields.required_one_of("role", kRoleNames);
            auto password = read_new_password(fields, true);
            user.institution_ids =
                optional_id_list(body, "institutionIds").value_or(std::vector<std::int64_t>{});
            require_scope_fits_role(user.role, user.institution_ids);
            user.disabled = optional_bool(body, "disabled").value_or(false);
            user.created_at = user.updated_at = now();
            const bool queued = auth.passwords.hash(
                std::move(password), [&database, user, reply](std::optional<std::string> encoded) mutable {
                    if (!encoded) {
                        reply(internal_error_response());
                        return;
                    }
                    user.password_hash = std::move(*encoded);
                    write_then_reply(
                        database,
                        [user](Repositories& repositories) {
                            require_known_institutions(repositories, user.institution_ids);
                            const auto id = repositories.users().insert(user);
                            if (!id) {
                                throw ApiError::conflict("user '" + user.username +
                                                         "' exists already (usernames are case-insensitive)");
                            }
                            return *repositories.users().find(*id);
                        },
                        [](const storage::UserRecord& created) {
                            auto response = json_response(201, user_json(created));
                            response.audit_detail = nlohmann::json{
                                {"id", created.id},
                                {"username", created.username},
                                {"role", created.role}}.dump();
                            return response;
                        },
                        reply);
                });
            if (!queued) {
                reply(hashing_busy());
            }
        });

    router.add("GET", "/api/v1/users", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_admin(request.principal());
        storage::UserFilter filter;
        if (const auto role = request.query("role")) {
            if (std::find(kRoleNames.begin(), kRoleNames.end(), *role) == kRoleNames.end()) {
                throw ApiError::invalid_field("role", "must be admin, fleet_admin or energy_office");
            }
            filter.role = *role;
        }
        if (const auto disabled = request.query("disabled")) {
            if (*disabled != "true" && *disabled != "false") {
                throw ApiError::invalid_field("disabled", "must be true or false");
            }
            filter.disabled = *disabled == "true";
        }
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](Repositories& repositories) {
                return std::make_pair(repositories.users().list(filter), repositories.users().count(filter));
            },
            [](const std::pair<std::vector<storage::UserRecord>, std::size_t>& found) {
                return json_response(200,
                                     {{"items", array_of(found.first, user_json)}, {"total", found.second}});
            },
            reply);
    });

    router.add("GET", "/api/v1/users/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_admin(request.principal());
        const auto id = id_param(request, 0, "user");
        read_then_reply(
            database,
            [id](Repositories& repositories) {
                auto user = repositories.users().find(id);
                if (!user) {
                    throw ApiError::not_found("user " + std::to_string(id));
                }
                return *user;
            },
            [](const storage::UserRecord& user) { return json_response(200, user_json(user)); }, reply);
    });

    router.add(
        "PATCH", "/api/v1/users/{id}", [&database, &auth](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto id = id_param(request, 0, "user");
            const auto body = request.json_body();
            const BodyReader fields(body, {"displayName", "role", "institutionIds", "disabled", "password"});
            UserChange change;
            change.display_name = fields.optional_string("displayName", kDisplayNameMaxLength);
            change.role = fields.optional_one_of("role", kRoleNames);
            change.institution_ids = optional_id_list(body, "institutionIds");
            change.disabled = optional_bool(body, "disabled");
            auto password = read_new_password(fields, false);
            for (const char* name : {"displayName", "role", "institutionIds", "disabled", "password"}) {
                if (fields.has(name)) {
                    change.changed.emplace_back(name);
                }
            }
            const auto apply = [&database, id, reply](const UserChange& final_change) {
                write_then_reply(
                    database,
                    [id, final_change](Repositories& repositories) {
                        return apply_change(repositories, id, final_change);
                    },
                    [changed = final_change.changed](const ChangedUser& result) {
                        auto response = json_response(200, user_json(result.user));
                        response.audit_detail = nlohmann::json{{"id", result.user.id},
                                                               {"username", result.user.username},
                                                               {"changed", changed},
                                                               {"sessionsRevoked", result.sessions_revoked}}
                                                    .dump();
                        return response;
                    },
                    reply);
            };
            if (password.empty()) {
                apply(change);
                return;
            }
            const bool queued = auth.passwords.hash(
                std::move(password), [apply, change, reply](std::optional<std::string> encoded) mutable {
                    if (!encoded) {
                        reply(internal_error_response());
                        return;
                    }
                    change.password_hash = std::move(encoded);
                    apply(change);
                });
            if (!queued) {
                reply(hashing_busy());
            }
        });

    router.add("DELETE", "/api/v1/users/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_admin(request.principal());
                   const auto id = id_param(request, 0, "user");
                   write_then_reply(
                       database,
                       [id](Repositories& repositories) {
                           auto user = repositories.users().find(id);
                           if (!user || !repositories.users().remove(id)) {
                               throw ApiError::not_found("user " + std::to_string(id));
                           }
                           return *user;
                       },
                       [](const storage::UserRecord& removed) {
                           auto response = no_content();
                           response.audit_detail =
                               nlohmann::json{{"id", removed.id}, {"username", removed.username}}.dump();
                           return response;
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
