#pragma once

#include <functional>
#include <optional>

#include "api_error.hpp"
#include "auth/session_policy.hpp"
#include "credentials.hpp"
#include "parkgrid/server/http_types.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::api {

// What storage holds for a presented secret: a session with its user, an API token, or nothing.
struct StoredCredential {
    std::optional<storage::SessionRecord> session;
    std::optional<storage::UserRecord> user;  // the session's
    std::optional<storage::ApiTokenRecord> token;
};

// Decides whether a request may proceed, and as whom: throws ApiError 401 for an unknown, ended or revoked
// credential or a disabled user, and 403 for a state-changing request made with a session cookie but
// without the session's CSRF token. Pure, for unit tests.
// `csrf_token` is the request's X-CSRF-Token header.
Principal judge_credential(const StoredCredential& stored, const PresentedCredential& presented,
                           std::string_view method, std::string_view csrf_token,
                           const auth::SessionPolicy& policy, storage::Timestamp now);

// Who is calling: resolves the credentials of an API request into a Principal. Sessions are presented as
// the session cookie (web UI) or as a bearer token; API tokens as a bearer token. Every request reads the
// credential afresh, so a revocation, an expiry, a disabled user or a changed role takes effect at once.
class Authenticator {
public:
    // Receives the principal, or the refusal to answer (401 or 403).
    using Done = std::function<void(std::optional<Principal> principal, HttpResponse refusal)>;

    Authenticator(storage::Database& database, auth::SessionPolicy policy)
        : database_(database), policy_(policy) {}

    // Called on any thread, answers from a storage thread.
    void authenticate(const HttpRequest& request, Done done) const;

private:
    // Records that the credential was used, at most once per touch interval and without waiting.
    void touch(const StoredCredential& stored, storage::Timestamp now) const;

    storage::Database& database_;
    auth::SessionPolicy policy_;
};

}  // namespace parkgrid::server::api
