#pragma once

// The audit log of the API: every request under /api that may change state (any method but GET and HEAD)
// is recorded with who made it, from where, and what was answered, refused requests included. HttpHandler
// wraps the reply of each such request (audited_reply), so routes need not do anything; a route may add a
// short JSON detail through HttpResponse::audit_detail.
//
// Other modules that want to record something that is not a request (e.g. what a charger answered to a
// command later) append to storage's AuditLogRepository inside their own unit of work, or call
// record_audit().

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "parkgrid/server/http_types.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::api {

inline constexpr std::string_view kAnonymousSubject = "anonymous";

// Whether a request is recorded: every method but GET and HEAD under /api.
bool is_audited(const HttpRequest& request);

// The record of a request and its answer. `caller` is the authenticated principal, if any. The detail is the
// response's audit_detail when the route gave one; otherwise it names the object a successful response
// returned ({"id": ...} and similar identifying fields, never anything else of the body) or the error a
// refusal answered ({"error": ..., "field": ...}).
storage::AuditRecord audit_record_of(const HttpRequest& request, const std::optional<Principal>& caller,
                                     const HttpResponse& response, storage::Timestamp at);

// Stores the record without blocking; `done` (optional) runs once it is committed or has failed. A failure is
// logged, never thrown: the audit log must not make the API unusable.
void record_audit(storage::Database& database, storage::AuditRecord record, std::function<void()> done = {});

class AuditRecorder {
public:
    explicit AuditRecorder(storage::Database& database) : database_(database) {}

    // Wraps `reply`: the response is recorded, then sent. `caller` is read when the response comes, so the
    // authentication that runs meanwhile can fill it in. Waiting for the commit means a client that has its
    // answer finds the record in the log.
    HttpReply audited_reply(HttpRequest request, std::shared_ptr<const std::optional<Principal>> caller,
                            HttpReply reply) const;

private:
    storage::Database& database_;
};

}  // namespace parkgrid::server::api
