#include "parkgrid/server/command_service.hpp"

#include <algorithm>
#include <cctype>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

storage::Timestamp now() {
    return ocpp::DateTime::now().instant();
}

storage::CommandCompletion completion_of(const CommandOutcome& outcome) {
    storage::CommandCompletion completion;
    completion.status = command_status_name(outcome);
    completion.completed_at = now();
    const auto& call = outcome.call;
    switch (call.status) {
        case CallOutcome::Status::Result: completion.response = call.payload.dump(); break;
        case CallOutcome::Status::Error:
        case CallOutcome::Status::InvalidResponse:
            completion.response = call.payload.is_null() ? std::nullopt : std::optional(call.payload.dump());
            completion.error_code = std::string(ocpp::to_string(call.error_code));
            completion.error_description = call.description;
            break;
        default: completion.error_description = call.description; break;
    }
    return completion;
}

// The command log keeps requests for everyone who may read it; an AuthorizationKey must not be among them.
nlohmann::json redacted_for_log(const std::string& action, nlohmann::json payload) {
    if (is_authorization_key_change(action, payload)) {
        payload["value"] = "(redacted)";
    }
    return payload;
}

}  // namespace

bool is_authorization_key_change(const std::string& action, const nlohmann::json& payload) {
    if (action != "ChangeConfiguration" || !payload.is_object()) {
        return false;
    }
    const auto key = payload.find("key");
    if (key == payload.end() || !key->is_string()) {
        return false;
    }
    // Configuration keys are CiString: case-insensitive.
    const auto& name = key->get_ref<const std::string&>();
    constexpr std::string_view kName = "authorizationkey";
    return name.size() == kName.size() &&
           std::equal(name.begin(), name.end(), kName.begin(),
                      [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
}

// The HTTP status the command API answers for this outcome; the audit log speaks HTTP.
int audit_status(const CommandOutcome& outcome) {
    if (outcome.offline) {
        return 409;
    }
    switch (outcome.call.status) {
        case CallOutcome::Status::Result: return 200;
        case CallOutcome::Status::Timeout: return 504;
        case CallOutcome::Status::QueueFull: return 503;
        default: return 502;
    }
}

std::string command_status_name(const CommandOutcome& outcome) {
    if (outcome.offline) {
        return "offline";
    }
    switch (outcome.call.status) {
        case CallOutcome::Status::Result: return "result";
        case CallOutcome::Status::Error: return "call_error";
        case CallOutcome::Status::InvalidResponse: return "invalid_response";
        case CallOutcome::Status::Timeout: return "timeout";
        case CallOutcome::Status::Closed: return "closed";
        case CallOutcome::Status::QueueFull: return "queue_full";
    }
    return "closed";
}

void CommandService::send(const std::string& charger_id, const std::string& action, nlohmann::json payload,
                          const std::string& requested_by, Done done) {
    storage::CommandRecord record;
    record.charger_id = charger_id;
    record.action = action;
    record.request = redacted_for_log(action, payload).dump();
    record.requested_by = requested_by;
    record.requested_at = now();
    storage::write(
        database_,
        [record](storage::Repositories& repositories) { return repositories.command_log().insert(record); },
        [this, charger_id, action, requested_by, payload = std::move(payload),
         done = std::move(done)](storage::Outcome<std::int64_t> logged) mutable {
            if (!logged.ok()) {
                // Not logged, so not sent: every command a charger receives is in the log.
                done(CommandOutcome{0,
                                    false,
                                    {CallOutcome::Status::Closed,
                                     {},
                                     ocpp::CallErrorCode::InternalError,
                                     "the command could not be logged"}});
                return;
            }
            const std::int64_t command_id = logged.value();
            const auto session = registry_.find(charger_id);
            if (!session) {
                complete(command_id, charger_id, action, requested_by,
                         CommandOutcome{command_id,
                                        true,
                                        {CallOutcome::Status::Closed,
                                         {},
                                         ocpp::CallErrorCode::GenericError,
                                         "the charger is not connected"}},
                         std::move(done));
                return;
            }
            session->call(action, std::move(payload),
                          [this, command_id, charger_id, action, requested_by,
                           done = std::move(done)](CallOutcome call) mutable {
                              complete(command_id, charger_id, action, requested_by,
                                       CommandOutcome{command_id, false, std::move(call)}, std::move(done));
                          });
        });
}

void CommandService::complete(std::int64_t command_id, const std::string& charger_id,
                              const std::string& action, const std::string& requested_by,
                              CommandOutcome outcome, Done done) {
    const auto completion = completion_of(outcome);
    // Every command a charger was sent (or could not be) is in the audit log too, whoever asked for it.
    storage::AuditRecord audit;
    audit.at = completion.completed_at;
    audit.subject = requested_by;
    audit.method = action;
    audit.path = "/ocpp/" + charger_id;
    audit.status = audit_status(outcome);
    audit.detail = nlohmann::json{{"commandId", command_id}, {"outcome", completion.status}}.dump();
    log::info("command completed",
              {{"charger", charger_id}, {"action", action}, {"status", completion.status}});
    storage::write(
        database_,
        [command_id, completion, audit](storage::Repositories& repositories) {
            repositories.command_log().complete(command_id, completion);
            repositories.audit_log().append(audit);
        },
        [this, charger_id, action, outcome = std::move(outcome), status = completion.status,
         done = std::move(done)](const storage::Outcome<storage::detail::Unit>& stored) {
            if (!stored.ok()) {
                log::error("could not complete the command log entry",
                           {{"charger", charger_id}, {"action", action}});
            }
            events_.publish("command.completed", charger_id,
                            {{"commandId", outcome.command_id}, {"action", action}, {"status", status}});
            done(outcome);
        });
}

}  // namespace parkgrid::server
