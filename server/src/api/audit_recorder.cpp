#include "audit_recorder.hpp"

#include <nlohmann/json.hpp>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::api {
namespace {

constexpr std::size_t kMaxPathLength = 512;

// Response fields that say which object a request created or changed. Nothing else of a body is copied:
// bodies may hold secrets (a new API token) or personal data.
constexpr std::string_view kIdentifyingFields[] = {"id",        "name",          "username",   "idTag",
                                                   "chargerId", "transactionId", "connectorId"};

std::string path_of(std::string_view target) {
    auto path = target.substr(0, target.find('?'));
    return std::string(path.substr(0, kMaxPathLength));
}

std::optional<std::string> derived_detail(const HttpResponse& response) {
    if (response.content_type != "application/json" || response.body.empty()) {
        return std::nullopt;
    }
    const auto body = nlohmann::json::parse(response.body, nullptr, false);
    if (!body.is_object()) {
        return std::nullopt;
    }
    nlohmann::json detail = nlohmann::json::object();
    if (response.status >= 400) {
        for (const char* key : {"error", "field"}) {
            if (body.contains(key) && body.at(key).is_string()) {
                detail[key] = body.at(key);
            }
        }
    } else {
        for (const auto key : kIdentifyingFields) {
            const auto it = body.find(std::string(key));
            if (it != body.end() && (it->is_string() || it->is_number())) {
                detail[std::string(key)] = *it;
            }
        }
    }
    if (detail.empty()) {
        return std::nullopt;
    }
    return detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool is_audited(const HttpRequest& request) {
    const auto path = std::string_view(request.target).substr(0, request.target.find('?'));
    return request.method != "GET" && request.method != "HEAD" &&
           (path == "/api" || path.starts_with("/api/"));
}

storage::AuditRecord audit_record_of(const HttpRequest& request, const std::optional<Principal>& caller,
                                     const HttpResponse& response, storage::Timestamp at) {
    storage::AuditRecord record;
    record.at = at;
    if (caller) {
        record.subject = caller->subject;
        record.role = std::string(to_string(caller->role));
    } else {
        record.subject =
            response.audit_subject.empty() ? std::string(kAnonymousSubject) : response.audit_subject;
    }
    record.remote_address = request.remote_address;
    record.method = request.method.substr(0, 16);
    record.path = path_of(request.target);
    record.status = static_cast<int>(response.status);
    record.detail = response.audit_detail.empty() ? derived_detail(response)
                                                  : std::optional<std::string>(response.audit_detail);
    return record;
}

void record_audit(storage::Database& database, storage::AuditRecord record, std::function<void()> done) {
    std::string subject = record.subject;
    std::string path = record.path;
    storage::write(
        database,
        [record = std::move(record)](storage::Repositories& repositories) {
            repositories.audit_log().append(record);
        },
        [done = std::move(done), subject = std::move(subject), path = std::move(path)](const auto& outcome) {
            if (!outcome.ok()) {
                log::error("could not write the audit log", {{"subject", subject}, {"path", path}});
            }
            if (done) {
                done();
            }
        });
}

HttpReply AuditRecorder::audited_reply(HttpRequest request,
                                       std::shared_ptr<const std::optional<Principal>> caller,
                                       HttpReply reply) const {
    request.body.clear();  // never recorded, and not worth keeping alive
    // Holds the database, not this recorder: a reply may come late (from the password worker) while the
    // handler that owns the recorder is being destroyed.
    return [&database = database_, request = std::move(request), caller = std::move(caller),
            reply = std::move(reply)](HttpResponse response) {
        auto record = audit_record_of(request, *caller, response, ocpp::DateTime::now().instant());
        response.audit_subject.clear();
        response.audit_detail.clear();
        record_audit(database, std::move(record),
                     [reply, response = std::move(response)]() mutable { reply(std::move(response)); });
    };
}

}  // namespace parkgrid::server::api
