#include "authenticator.hpp"

#include "api_tokens.hpp"
#include "auth/csrf.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::api {
namespace {

ApiError unauthorized(const std::string& message) {
    return ApiError(401, "unauthorized", message);
}

Role stored_role(const std::string& role) {
    const auto parsed = role_from_string(role);
    if (!parsed) {
        // A role this build does not know (a newer schema, a hand edit): refuse rather than guess.
        log::warn("credential with an unknown role refused", {{"role", role}});
        throw unauthorized("the credential has no valid role");
    }
    return *parsed;
}

}  // namespace

Principal judge_credential(const StoredCredential& stored, const PresentedCredential& presented,
                           std::string_view method, std::string_view csrf_token,
                           const auth::SessionPolicy& policy, storage::Timestamp now) {
    if (stored.session) {
        if (!policy.is_live(*stored.session, now) || !stored.user) {
            throw unauthorized("the session has ended; log in again");
        }
        if (stored.user->disabled) {
            throw unauthorized("the user account is disabled");
        }
        if (presented.source == CredentialSource::Cookie && !auth::is_safe_method(method) &&
            !auth::csrf_token_matches(csrf_token, presented.secret)) {
            throw ApiError(403, "csrf_token_required",
                           "a request that changes state with the session cookie needs the session's " +
                               std::string(auth::kCsrfHeader) + " header");
        }
        return Principal{"user:" + stored.user->username, stored_role(stored.user->role),
                         stored.user->institution_ids};
    }
    // The cookie carries sessions only: an API token there is as unknown as any other value.
    if (stored.token && presented.source == CredentialSource::Bearer) {
        if (!auth::is_live(*stored.token, now)) {
            throw unauthorized("the API token has been revoked or has expired");
        }
        return Principal{"token:" + stored.token->name, stored_role(stored.token->role),
                         stored.token->institution_ids};
    }
    throw unauthorized(presented.source == CredentialSource::Cookie ? "the session is not valid; log in again"
                                                                    : "the token is not valid");
}

void Authenticator::authenticate(const HttpRequest& request, Done done) const {
    auto presented = presented_credential(request);
    if (!presented) {
        done(std::nullopt, error_response(unauthorized(
                               "a session or an API token is required: Authorization: Bearer <token>, or the "
                               "session cookie of a login")));
        return;
    }
    // Sessions and API tokens are both stored as the SHA-256 of a 256-bit random secret.
    const auto token_hash = hash_token(presented->secret);
    storage::read(
        database_,
        [token_hash](storage::Repositories& repositories) {
            StoredCredential stored;
            stored.session = repositories.sessions().find_by_hash(token_hash);
            if (stored.session) {
                stored.user = repositories.users().find(stored.session->user_id);
            } else {
                stored.token = repositories.api_tokens().find_by_hash(token_hash);
            }
            return stored;
        },
        [this, done = std::move(done), presented = std::move(*presented), method = request.method,
         csrf_token = request.csrf_token,
         remote = request.remote_address](storage::Outcome<StoredCredential> outcome) {
            if (!outcome.ok()) {
                done(std::nullopt, internal_error_response());
                return;
            }
            const auto now = ocpp::DateTime::now().instant();
            try {
                auto principal =
                    judge_credential(outcome.value(), presented, method, csrf_token, policy_, now);
                touch(outcome.value(), now);
                done(std::move(principal), {});
            } catch (const ApiError& refusal) {
                const auto& stored = outcome.value();
                if (!stored.session && !stored.token) {
                    log::warn("API request with an unknown token", {{"remote", remote}});
                }
                auto response = error_response(refusal);
                // A live session without its CSRF token: the audit log can name whose session it was.
                if (refusal.status() == 403 && stored.user) {
                    response.audit_subject = "user:" + stored.user->username;
                }
                done(std::nullopt, std::move(response));
            }
        });
}

void Authenticator::touch(const StoredCredential& stored, storage::Timestamp now) const {
    const auto interval = policy_.touch_interval();
    std::function<void(storage::Repositories&)> job;
    if (stored.session && now - stored.session->last_seen_at >= interval) {
        job = [id = stored.session->id, now](storage::Repositories& repositories) {
            repositories.sessions().touch(id, now);
        };
    } else if (stored.token &&
               (!stored.token->last_used_at || now - *stored.token->last_used_at >= interval)) {
        job = [id = stored.token->id, now](storage::Repositories& repositories) {
            repositories.api_tokens().touch(id, now);
        };
    }
    if (job) {
        // Not waited for: the request goes on at once. Concurrent requests may each write; touch() never
        // moves the time backwards, so that is harmless.
        storage::write(database_, std::move(job), [](const auto& outcome) {
            if (!outcome.ok()) {
                log::warn("could not record the use of a credential");
            }
        });
    }
}

}  // namespace parkgrid::server::api
