#include "auth_routes.hpp"

#include <nlohmann/json.hpp>

#include "api_tokens.hpp"
#include "audit_recorder.hpp"
#include "auth/account_rules.hpp"
#include "auth/auth_services.hpp"
#include "auth/csrf.hpp"
#include "auth/password_hash.hpp"
#include "auth/session_cookie.hpp"
#include "auth_views.hpp"
#include "body_reader.hpp"
#include "credentials.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/server/log.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// Everything a login needs after its request has been read.
struct LoginAttempt {
    std::string username;
    std::string password;
    std::string address;  // the client's IP address, for throttling
    std::string remote;   // with the port, for the session record
};

HttpResponse with_outcome(HttpResponse response, const std::string& subject, const std::string& outcome) {
    response.audit_subject = subject;
    response.audit_detail = nlohmann::json{{"outcome", outcome}}.dump();
    return response;
}

// One answer for an unknown user, a wrong password and a disabled user, so that it does not tell which
// usernames exist.
HttpResponse invalid_credentials(const std::string& subject, const std::string& outcome) {
    return with_outcome(
        error_response(ApiError(401, "invalid_credentials", "the username or the password is not correct")),
        subject, outcome);
}

HttpResponse retry_later(unsigned status, const std::string& code, const std::string& message,
                         std::chrono::seconds wait, const std::string& outcome) {
    auto response = with_outcome(error_response(ApiError(status, code, message)),
                                 std::string(kAnonymousSubject), outcome);
    response.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return response;
}

HttpResponse password_worker_busy() {
    return retry_later(503, "busy", "too many logins are being checked; try again in a moment",
                       std::chrono::seconds(1), "busy");
}

// Creates the session of a user whose password matched. Runs on the password worker.
void open_session(storage::Database& database, const auth::AuthServices& auth, const LoginAttempt& attempt,
                  const storage::UserRecord& user, bool rehash, const HttpReply& reply) {
    // The stored hash is weaker than today's (fewer iterations): replace it while the password is at hand.
    std::optional<std::string> stronger_hash;
    if (rehash) {
        try {
            stronger_hash = auth::hash_password(attempt.password);
        } catch (const std::exception& error) {
            log::warn("could not rehash a password", {{"error", error.what()}});
        }
    }
    const auto opened_at = now();
    const std::string token = generate_token(kSessionTokenPrefix);
    storage::SessionRecord session;
    session.token_hash = hash_token(token);
    session.user_id = user.id;
    session.created_at = session.last_seen_at = opened_at;
    session.expires_at = auth.sessions.expiry_for_new_session(opened_at);
    session.remote_address = attempt.remote;
    const auto idle_cutoff = opened_at - auth.sessions.idle_timeout;
    write_then_reply(
        database,
        [session, old_hash = user.password_hash, stronger_hash, opened_at,
         idle_cutoff](Repositories& repositories) {
            // Disabled or removed while the password was being checked: no session after all.
            auto current = repositories.users().find(session.user_id);
            if (!current || current->disabled) {
                throw ApiError(401, "invalid_credentials", "the username or the password is not correct");
            }
            repositories.sessions().purge_ended(opened_at, idle_cutoff);
            const auto id = repositories.sessions().insert(session);
            repositories.users().record_login(current->id, opened_at);
            if (stronger_hash && current->password_hash == old_hash) {
                current->password_hash = *stronger_hash;
                repositories.users().update(*current);
            }
            current->last_login_at = opened_at;
            return std::make_pair(id, *current);
        },
        [token, expires_at = session.expires_at](const std::pair<std::int64_t, storage::UserRecord>& opened) {
            const auto& [session_id, current] = opened;
            auto response = json_response(200, {{"token", token},
                                                {"csrfToken", auth::csrf_token_for(token)},
                                                {"expiresAt", to_json_time(expires_at)},
                                                {"user", user_json(current)}});
            response.headers.emplace_back("Set-Cookie", auth::session_cookie(token));
            response.headers.emplace_back("Cache-Control", "no-store");
            response.audit_subject = "user:" + current.username;
            response.audit_detail = nlohmann::json{{"outcome", "success"}, {"sessionId", session_id}}.dump();
            log::info("login", {{"user", current.username}});
            return response;
        },
        reply);
}

// Runs on the password worker once the password has been checked.
void finish_login(storage::Database& database, auth::AuthServices& auth, const LoginAttempt& attempt,
                  const std::optional<storage::UserRecord>& user, bool matches, bool rehash,
                  const HttpReply& reply) {
    if (!user || !matches || user->disabled) {
        auth.throttle.record_failure(attempt.username, attempt.address);
        // The attempted name is recorded only when it is a user: a password typed into the username field
        // must not end up in the audit log.
        const std::string subject = user ? "user:" + user->username : std::string(kAnonymousSubject);
        const std::string outcome = !user ? "unknown_user" : !matches ? "wrong_password" : "disabled";
        log::info("login refused", {{"outcome", outcome}, {"remote", attempt.remote}});
        reply(invalid_credentials(subject, outcome));
        return;
    }
    auth.throttle.record_success(attempt.username);
    open_session(database, auth, attempt, *user, rehash, reply);
}

// A user changing their own password: whose session it is, and the passwords given.
struct PasswordChange {
    storage::UserRecord user;
    std::string current_password;
    std::string new_password;
    std::string address;  // the client's IP address, for throttling
};

// Runs on the password worker once the new password is hashed: stores it and ends every session of the
// user, this one included, so that whoever knew the old password is logged out everywhere.
void store_new_password(storage::Database& database, const PasswordChange& change, std::string encoded,
                        const HttpReply& reply) {
    write_then_reply(
        database,
        [user_id = change.user.id, old_hash = change.user.password_hash,
         encoded = std::move(encoded)](Repositories& repositories) {
            auto user = repositories.users().find(user_id);
            if (!user || user->disabled) {
                throw ApiError(401, "unauthorized", "the session has ended");
            }
            if (user->password_hash != old_hash) {
                throw ApiError(409, "conflict", "the password was changed meanwhile; log in again");
            }
            const auto changed_at = now();
            user->password_hash = encoded;
            user->updated_at = changed_at;
            repositories.users().update(*user);
            return repositories.sessions().revoke_all_of_user(user_id, changed_at);
        },
        [](std::size_t sessions_ended) {
            auto response = no_content();
            response.headers.emplace_back("Set-Cookie", auth::cleared_session_cookie());
            response.audit_detail = nlohmann::json{{"sessionsEnded", sessions_ended}}.dump();
            return response;
        },
        reply);
}

// Runs on the password worker once the current password is checked.
void change_password(storage::Database& database, auth::AuthServices& auth, PasswordChange change,
                     bool matches, const HttpReply& reply) {
    if (!matches) {
        // Guessing through this route counts like guessing at the login.
        auth.throttle.record_failure(change.user.username, change.address);
        reply(error_response(ApiError::invalid_field("currentPassword", "is not correct")));
        return;
    }
    auto new_password = change.new_password;
    const bool queued = auth.passwords.hash(
        std::move(new_password), [&database, change, reply](std::optional<std::string> encoded) {
            if (!encoded) {
                reply(internal_error_response());
                return;
            }
            store_new_password(database, change, std::move(*encoded), reply);
        });
    if (!queued) {
        reply(password_worker_busy());
    }
}

}  // namespace

void add_login_route(Router& public_router, storage::Database& database, auth::AuthServices& auth) {
    public_router.add(
        "POST", kLoginPath, [&database, &auth](const ApiRequest& request, const HttpReply& reply) {
            const auto body = request.json_body();
            const BodyReader fields(body, {"username", "password"});
            LoginAttempt attempt;
            attempt.username = fields.required_string("username", 256);
            attempt.password = fields.required_string("password", auth::kPasswordMaxBytes);
            attempt.remote = request.http().remote_address;
            attempt.address = std::string(auth::host_of(attempt.remote));
            if (const auto wait = auth.throttle.refusal(attempt.username, attempt.address)) {
                reply(retry_later(429, "too_many_attempts", "too many failed logins; try again later", *wait,
                                  "throttled"));
                return;
            }
            storage::read(
                database,
                [username = attempt.username](Repositories& repositories) {
                    return repositories.users().find_by_username(username);
                },
                [&database, &auth, attempt,
                 reply](storage::Outcome<std::optional<storage::UserRecord>> outcome) {
                    if (!outcome.ok()) {
                        reply_storage_failure(reply, outcome.error());
                        return;
                    }
                    auto user = std::move(outcome.value());
                    // An unknown user costs one KDF run too: the answer takes as long as for a wrong
                    // password.
                    const std::string encoded = user ? user->password_hash : auth.unknown_user_hash;
                    const bool queued = auth.passwords.verify(
                        attempt.password, encoded,
                        [&database, &auth, attempt, user, reply](bool matches, bool rehash) {
                            finish_login(database, auth, attempt, user, matches, rehash, reply);
                        });
                    if (!queued) {
                        reply(password_worker_busy());
                    }
                });
        });
}

void add_session_routes(Router& router, storage::Database& database, auth::AuthServices& auth) {
    router.add("POST", "/api/v1/auth/logout", [&database](const ApiRequest& request, const HttpReply& reply) {
        // Authenticated already, so the credential is there.
        const auto presented = presented_credential(request.http());
        const auto token_hash = hash_token(presented ? presented->secret : std::string());
        const auto revoked_at = now();
        write_then_reply(
            database,
            [token_hash, revoked_at](Repositories& repositories) {
                const auto session = repositories.sessions().find_by_hash(token_hash);
                if (!session) {
                    throw ApiError(400, "not_a_session",
                                   "logout ends a login session; API tokens are revoked with DELETE "
                                   "/api/v1/api-tokens/{id}");
                }
                repositories.sessions().revoke(session->id, revoked_at);
                return session->id;
            },
            [](std::int64_t session_id) {
                auto response = no_content();
                response.headers.emplace_back("Set-Cookie", auth::cleared_session_cookie());
                response.audit_detail = nlohmann::json{{"sessionId", session_id}}.dump();
                return response;
            },
            reply);
    });

    router.add(
        "POST", "/api/v1/auth/password",
        [&database, &auth](const ApiRequest& request, const HttpReply& reply) {
            const auto body = request.json_body();
            const BodyReader fields(body, {"currentPassword", "newPassword"});
            PasswordChange change;
            change.current_password = fields.required_string("currentPassword", auth::kPasswordMaxBytes);
            change.new_password = fields.required_string("newPassword", auth::kPasswordMaxBytes);
            if (const auto problem = auth::password_problem(change.new_password)) {
                throw ApiError::invalid_field("newPassword", *problem);
            }
            change.address = std::string(auth::host_of(request.http().remote_address));
            const auto presented = presented_credential(request.http());
            storage::read(
                database,
                [token_hash =
                     hash_token(presented ? presented->secret : std::string())](Repositories& repositories) {
                    const auto session = repositories.sessions().find_by_hash(token_hash);
                    if (!session) {
                        throw ApiError(
                            400, "not_a_session",
                            "only a logged-in user changes their own password; API tokens have none");
                    }
                    auto user = repositories.users().find(session->user_id);
                    if (!user) {
                        throw ApiError(401, "unauthorized", "the session has ended");
                    }
                    return std::move(*user);
                },
                [&database, &auth, change = std::move(change),
                 reply](storage::Outcome<storage::UserRecord> outcome) mutable {
                    if (!outcome.ok()) {
                        reply_storage_failure(reply, outcome.error());
                        return;
                    }
                    change.user = std::move(outcome.value());
                    if (const auto wait = auth.throttle.refusal(change.user.username, change.address)) {
                        reply(retry_later(429, "too_many_attempts",
                                          "too many wrong passwords; try again later", *wait, "throttled"));
                        return;
                    }
                    const auto current = change.current_password;
                    const auto encoded = change.user.password_hash;
                    const bool queued = auth.passwords.verify(
                        current, encoded, [&database, &auth, change, reply](bool matches, bool /*rehash*/) {
                            change_password(database, auth, change, matches, reply);
                        });
                    if (!queued) {
                        reply(password_worker_busy());
                    }
                });
        });

    router.add("GET", "/api/v1/auth/me",
               [&database, &auth](const ApiRequest& request, const HttpReply& reply) {
                   const auto presented = presented_credential(request.http());
                   const std::string secret = presented ? presented->secret : std::string();
                   read_then_reply(
                       database,
                       [token_hash = hash_token(secret)](Repositories& repositories) {
                           std::optional<storage::UserRecord> user;
                           std::optional<storage::SessionRecord> session =
                               repositories.sessions().find_by_hash(token_hash);
                           std::optional<storage::ApiTokenRecord> token;
                           if (session) {
                               user = repositories.users().find(session->user_id);
                           } else {
                               token = repositories.api_tokens().find_by_hash(token_hash);
                           }
                           return std::make_tuple(user, session, token);
                       },
                       [principal = request.principal(), secret, idle = auth.sessions.idle_timeout](
                           const std::tuple<std::optional<storage::UserRecord>,
                                            std::optional<storage::SessionRecord>,
                                            std::optional<storage::ApiTokenRecord>>& found) {
                           const auto& [user, session, token] = found;
                           nlohmann::json session_json = nullptr;
                           if (session) {
                               session_json = {{"createdAt", to_json_time(session->created_at)},
                                               {"expiresAt", to_json_time(session->expires_at)},
                                               {"idleTimeoutSeconds", idle.count()},
                                               {"csrfToken", auth::csrf_token_for(secret)}};
                           }
                           auto response = json_response(
                               200, {{"subject", principal.subject},
                                     {"role", to_string(principal.role)},
                                     {"institutionIds", principal.institution_ids},
                                     {"user", user ? user_json(*user) : nlohmann::json(nullptr)},
                                     {"apiToken", token ? api_token_json(*token) : nlohmann::json(nullptr)},
                                     {"session", session_json}});
                           response.headers.emplace_back("Cache-Control", "no-store");
                           return response;
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
