#include "authenticator.hpp"

#include "api_error.hpp"
#include "api_tokens.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::api {
namespace {

HttpResponse unauthorized(const std::string& message) {
    return error_response(ApiError(401, "unauthorized", message));
}

}  // namespace

void Authenticator::authenticate(const HttpRequest& request, Done done) const {
    static constexpr std::string_view kBearer = "Bearer ";
    if (!request.authorization.starts_with(kBearer) || request.authorization.size() == kBearer.size()) {
        done(std::nullopt, unauthorized("an API token is required: Authorization: Bearer <token>"));
        return;
    }
    const auto token_hash = hash_token(std::string_view(request.authorization).substr(kBearer.size()));
    storage::read(
        database_,
        [token_hash](storage::Repositories& repositories) {
            return repositories.api_tokens().find_by_hash(token_hash);
        },
        [done = std::move(done), remote = request.remote_address](
            storage::Outcome<std::optional<storage::ApiTokenRecord>> outcome) {
            if (!outcome.ok()) {
                done(std::nullopt, internal_error_response());
                return;
            }
            const auto& token = outcome.value();
            const auto role = token ? role_from_string(token->role) : std::nullopt;
            if (!role) {
                log::warn("API request with an unknown token", {{"remote", remote}});
                done(std::nullopt, unauthorized("the API token is not valid"));
                return;
            }
            done(Principal{"token:" + token->name, *role, {}}, {});
        });
}

}  // namespace parkgrid::server::api
