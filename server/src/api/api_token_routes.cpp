#include <nlohmann/json.hpp>

#include "access.hpp"
#include "account_route_helpers.hpp"
#include "api_tokens.hpp"
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

constexpr std::size_t kTokenNameMaxLength = 64;

storage::ApiTokenRecord find_token(Repositories& repositories, std::int64_t id) {
    auto token = repositories.api_tokens().find(id);
    if (!token) {
        throw ApiError::not_found("API token " + std::to_string(id));
    }
    return *token;
}

}  // namespace

void add_api_token_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/api-tokens", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_admin(request.principal());
        const auto body = request.json_body();
        const BodyReader fields(body, {"name", "role", "institutionIds", "expiresAt"});
        const auto created_at = now();
        storage::ApiTokenRecord record;
        record.name = fields.required_string("name", kTokenNameMaxLength);
        require_printable_ascii("name", record.name);
        record.role = fields.required_one_of("role", kRoleNames);
        record.institution_ids =
            optional_id_list(body, "institutionIds").value_or(std::vector<std::int64_t>{});
        require_scope_fits_role(record.role, record.institution_ids);
        record.expires_at = fields.optional_time("expiresAt");
        if (record.expires_at && *record.expires_at <= created_at) {
            throw ApiError::invalid_field("expiresAt", "must be in the future");
        }
        record.created_by = request.principal().subject;
        record.created_at = created_at;
        const std::string token = generate_token();
        record.token_hash = hash_token(token);
        write_then_reply(
            database,
            [record](Repositories& repositories) {
                if (repositories.api_tokens().find_by_name(record.name)) {
                    throw ApiError::conflict("an API token named '" + record.name + "' exists already");
                }
                require_known_institutions(repositories, record.institution_ids);
                return find_token(repositories, repositories.api_tokens().insert(record));
            },
            [token](const storage::ApiTokenRecord& created) {
                auto view = api_token_json(created);
                view["token"] = token;  // shown only now: only its hash is stored
                auto response = json_response(201, view);
                response.headers.emplace_back("Cache-Control", "no-store");
                response.audit_detail =
                    nlohmann::json{{"id", created.id}, {"name", created.name}, {"role", created.role}}.dump();
                return response;
            },
            reply);
    });

    router.add("GET", "/api/v1/api-tokens", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_admin(request.principal());
        const auto page = page_of(request);
        read_then_reply(
            database,
            [page](Repositories& repositories) {
                return std::make_pair(repositories.api_tokens().list(page.limit, page.offset),
                                      repositories.api_tokens().count());
            },
            [](const std::pair<std::vector<storage::ApiTokenRecord>, std::size_t>& found) {
                return json_response(
                    200, {{"items", array_of(found.first, api_token_json)}, {"total", found.second}});
            },
            reply);
    });

    router.add("GET", "/api/v1/api-tokens/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_admin(request.principal());
                   const auto id = id_param(request, 0, "API token");
                   read_then_reply(
                       database, [id](Repositories& repositories) { return find_token(repositories, id); },
                       [](const storage::ApiTokenRecord& token) {
                           return json_response(200, api_token_json(token));
                       },
                       reply);
               });

    // Revokes: the token stops working with the next request. It stays listed, with revokedAt, so that the
    // audit log's "token:<name>" entries stay explainable.
    router.add(
        "DELETE", "/api/v1/api-tokens/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto id = id_param(request, 0, "API token");
            write_then_reply(
                database,
                [id, revoked_at = now()](Repositories& repositories) {
                    auto token = find_token(repositories, id);
                    repositories.api_tokens().revoke(id, revoked_at);  // revoking twice changes nothing
                    return token;
                },
                [](const storage::ApiTokenRecord& revoked) {
                    auto response = no_content();
                    response.audit_detail = nlohmann::json{{"id", revoked.id}, {"name", revoked.name}}.dump();
                    return response;
                },
                reply);
        });
}

}  // namespace parkgrid::server::api
