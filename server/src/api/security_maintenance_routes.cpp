// GetLog and SignedUpdateFirmware (security extension) with ParkGrid-assigned requestIds, so that the
// charger's LogStatusNotifications and SignedFirmwareStatusNotifications can be followed to the end.

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "access.hpp"
#include "api_tokens.hpp"
#include "body_reader.hpp"
#include "charger_access.hpp"
#include "command_response.hpp"
#include "diagnostics_uploads.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/get_log.hpp"
#include "parkgrid/ocpp/messages/signed_update_firmware.hpp"
#include "routes.hpp"
#include "security/certificate_chain.hpp"
#include "security/csr.hpp"
#include "security_views.hpp"
#include "storage_reply.hpp"
#include "upload_location.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

// remoteLocation and firmware location are CiString[512].
constexpr std::size_t kMaxLocationLength = 512;

std::string required_location(const BodyReader& fields) {
    const auto location = fields.required_string("location", kMaxLocationLength);
    if (!ocpp::Uri::parse(location)) {
        throw ApiError::invalid_field("location",
                                      "must be an absolute URI such as https://files.example.org/in/");
    }
    return location;
}

// The charger's answer to a request, or why there was none. `accepted` lists the answers that start the work.
storage::RequestAnswer answer_of(const CommandOutcome& outcome,
                                 std::initializer_list<std::string_view> accepted) {
    storage::RequestAnswer answer;
    answer.at = now();
    if (outcome.offline || outcome.call.status != CallOutcome::Status::Result) {
        answer.status = "failed";
        answer.finished = true;
        return answer;
    }
    answer.charger_status = outcome.call.payload.value("status", "");
    const bool started =
        std::find(accepted.begin(), accepted.end(), *answer.charger_status) != accepted.end();
    answer.status = started ? "accepted" : "rejected";
    answer.finished = !started;
    return answer;
}

// Request ids are OCPP requestIds: 32-bit.
std::int32_t request_id_of(const ApiRequest& request, const std::string& kind) {
    const auto id = id_param(request, 0, kind);
    if (id > std::numeric_limits<std::int32_t>::max()) {
        throw ApiError::not_found(kind + " " + std::to_string(id));
    }
    return static_cast<std::int32_t>(id);
}

bool is_base64(const std::string& text) {
    const auto padding = text.find('=');
    const auto body = text.substr(0, padding);
    const auto rest = padding == std::string::npos ? std::string() : text.substr(padding);
    return !body.empty() && rest.size() <= 2 && rest.find_first_not_of('=') == std::string::npos &&
           std::all_of(body.begin(), body.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '/'; });
}

void add_log_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add("POST", "/api/v1/chargers/{id}/logs",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"logType", "location", "oldestTimestamp", "latestTimestamp",
                                                  "retries", "retryInterval"});
                   storage::LogRequestRecord requested;
                   requested.log_type = fields.required_one_of("logType", {"DiagnosticsLog", "SecurityLog"});
                   const bool own_endpoint = !fields.has("location") || fields.is_null("location");
                   requested.location = own_endpoint ? "" : required_location(fields);
                   requested.oldest_timestamp = fields.optional_time("oldestTimestamp");
                   requested.latest_timestamp = fields.optional_time("latestTimestamp");
                   if (requested.oldest_timestamp && requested.latest_timestamp &&
                       *requested.latest_timestamp < *requested.oldest_timestamp) {
                       throw ApiError::invalid_field("latestTimestamp", "must not precede oldestTimestamp");
                   }
                   requested.retries = optional_count(fields, "retries");
                   requested.retry_interval = optional_count(fields, "retryInterval");
                   requested.requested_by = request.principal().subject;
                   requested.requested_at = requested.status_at = now();
                   requested.charger_id = request.path_param(0);
                   const std::string base = public_base(central_system.config(), request.http());
                   // A credential for this one upload; the charger gets it in the location, we keep its hash.
                   const std::string credential = generate_token("pgu_");
                   storage::write(
                       database,
                       [requested, own_endpoint, base, credential,
                        principal = request.principal()](Repositories& repositories) mutable {
                           require_charger(repositories, principal, requested.charger_id);
                           requested.id = repositories.log_requests().insert(requested);
                           if (own_endpoint) {
                               requested.location = base + std::string(DiagnosticsUploads::kLogPathPrefix) +
                                                    std::to_string(requested.id);
                               requested.upload_token_hash = hash_token(credential);
                               repositories.log_requests().set_location(requested.id, requested.location,
                                                                        requested.upload_token_hash);
                           }
                           return requested;
                       },
                       [&database, &central_system, own_endpoint, credential,
                        reply](storage::Outcome<storage::LogRequestRecord> stored) {
                           if (!stored.ok()) {
                               reply_storage_failure(reply, stored.error());
                               return;
                           }
                           const auto log_request = stored.value();
                           ocpp::GetLogRequest command;
                           command.log.remote_location =
                               own_endpoint ? with_credential(log_request.location,
                                                              upload_user(UploadKind::Log), credential)
                                            : log_request.location;
                           if (log_request.oldest_timestamp) {
                               command.log.oldest_timestamp = ocpp::DateTime(*log_request.oldest_timestamp);
                           }
                           if (log_request.latest_timestamp) {
                               command.log.latest_timestamp = ocpp::DateTime(*log_request.latest_timestamp);
                           }
                           command.log_type = *ocpp::enum_from_string<ocpp::LogType>(log_request.log_type);
                           command.request_id = log_request.id;
                           command.retries = log_request.retries;
                           command.retry_interval = log_request.retry_interval;
                           central_system.commands().send(
                               log_request.charger_id, command, log_request.requested_by,
                               [&database, id = log_request.id, reply](const CommandOutcome& outcome) {
                                   const auto answer = answer_of(outcome, {"Accepted", "AcceptedCanceled"});
                                   std::optional<std::string> file_name;
                                   if (answer.charger_status && outcome.call.payload.contains("filename")) {
                                       file_name = outcome.call.payload.at("filename").get<std::string>();
                                   }
                                   write_then_reply(
                                       database,
                                       [id, answer, file_name](Repositories& repositories) {
                                           repositories.log_requests().record_answer(id, answer, file_name);
                                           return *repositories.log_requests().find(id);
                                       },
                                       [outcome, answered = answer.charger_status.has_value()](
                                           const storage::LogRequestRecord& latest) {
                                           return answered ? json_response(201, log_request_json(latest))
                                                           : command_response(outcome);
                                       },
                                       reply);
                               });
                       });
               });

    router.add("GET", "/api/v1/chargers/{id}/logs",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_security_reader(request.principal());
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), principal = request.principal(),
                        page](Repositories& repositories) {
                           require_charger(repositories, principal, id);
                           return repositories.log_requests().for_charger(id, page.limit, page.offset);
                       },
                       [](const storage::Listing<storage::LogRequestRecord>& listing) {
                           return json_response(200, {{"items", array_of(listing.items, log_request_json)},
                                                      {"total", listing.total}});
                       },
                       reply);
               });

    router.add(
        "GET", "/api/v1/logs/{id}/file", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_security_reader(request.principal());
            read_then_reply(
                database,
                [id = request_id_of(request, "log request"),
                 principal = request.principal()](Repositories& repositories) {
                    const auto log_request = repositories.log_requests().find(id);
                    if (!log_request) {
                        throw ApiError::not_found("log request " + std::to_string(id));
                    }
                    require_charger(repositories, principal, log_request->charger_id);
                    if (!log_request->stored_path || log_request->stored_path->empty()) {
                        throw ApiError::not_found("uploaded file of log request " + std::to_string(id));
                    }
                    return *log_request;
                },
                [](const storage::LogRequestRecord& log_request) {
                    std::ifstream file(*log_request.stored_path, std::ios::binary);
                    if (!file) {
                        throw ApiError::not_found("uploaded file (it is no longer on disk)");
                    }
                    std::ostringstream content;
                    content << file.rdbuf();
                    HttpResponse response;
                    response.content_type = "application/octet-stream";
                    response.body = content.str();
                    const auto name = std::filesystem::path(*log_request.stored_path).filename().string();
                    response.headers.emplace_back("Content-Disposition",
                                                  "attachment; filename=\"" + name + "\"");
                    return response;
                },
                reply);
        });
}

void add_signed_firmware_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add("POST", "/api/v1/chargers/{id}/signed-firmware-updates",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(
                       body, {"location", "retrieveDateTime", "installDateTime", "signingCertificate",
                              "signature", "retries", "retryInterval"});
                   storage::SignedFirmwareUpdateRecord requested;
                   requested.location = required_location(fields);
                   requested.retrieve_date_time = fields.optional_time("retrieveDateTime").value_or(now());
                   requested.install_date_time = fields.optional_time("installDateTime");
                   requested.signing_certificate = fields.required_string("signingCertificate", 5500);
                   try {
                       if (security::read_certificates(requested.signing_certificate).size() != 1) {
                           throw ApiError::invalid_field("signingCertificate", "must be one PEM certificate");
                       }
                   } catch (const security::InvalidCertificateData& e) {
                       throw ApiError::invalid_field("signingCertificate", e.what());
                   }
                   requested.signature = fields.required_string("signature", 800);
                   if (!is_base64(requested.signature)) {
                       throw ApiError::invalid_field("signature", "must be base64");
                   }
                   requested.retries = optional_count(fields, "retries");
                   requested.retry_interval = optional_count(fields, "retryInterval");
                   requested.requested_by = request.principal().subject;
                   requested.requested_at = requested.status_at = now();
                   requested.charger_id = request.path_param(0);
                   storage::write(
                       database,
                       [requested, principal = request.principal()](Repositories& repositories) mutable {
                           require_charger(repositories, principal, requested.charger_id);
                           requested.id = repositories.signed_firmware_updates().insert(requested);
                           return requested;
                       },
                       [&database, &central_system,
                        reply](storage::Outcome<storage::SignedFirmwareUpdateRecord> stored) {
                           if (!stored.ok()) {
                               reply_storage_failure(reply, stored.error());
                               return;
                           }
                           const auto update = stored.value();
                           ocpp::SignedUpdateFirmwareRequest command;
                           command.request_id = update.id;
                           command.retries = update.retries;
                           command.retry_interval = update.retry_interval;
                           command.firmware.location = update.location;
                           command.firmware.retrieve_date_time = ocpp::DateTime(update.retrieve_date_time);
                           if (update.install_date_time) {
                               command.firmware.install_date_time = ocpp::DateTime(*update.install_date_time);
                           }
                           command.firmware.signing_certificate = update.signing_certificate;
                           command.firmware.signature = update.signature;
                           central_system.commands().send(
                               update.charger_id, command, update.requested_by,
                               [&database, id = update.id, reply](const CommandOutcome& outcome) {
                                   const auto answer = answer_of(outcome, {"Accepted", "AcceptedCanceled"});
                                   write_then_reply(
                                       database,
                                       [id, answer](Repositories& repositories) {
                                           repositories.signed_firmware_updates().record_answer(id, answer);
                                           return *repositories.signed_firmware_updates().find(id);
                                       },
                                       [outcome, answered = answer.charger_status.has_value()](
                                           const storage::SignedFirmwareUpdateRecord& latest) {
                                           return answered ? json_response(201, signed_firmware_json(latest))
                                                           : command_response(outcome);
                                       },
                                       reply);
                               });
                       });
               });

    router.add(
        "GET", "/api/v1/chargers/{id}/signed-firmware-updates",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto page = page_of(request);
            read_then_reply(
                database,
                [id = request.path_param(0), principal = request.principal(),
                 page](Repositories& repositories) {
                    require_charger(repositories, principal, id);
                    return repositories.signed_firmware_updates().for_charger(id, page.limit, page.offset);
                },
                [](const storage::Listing<storage::SignedFirmwareUpdateRecord>& listing) {
                    return json_response(200, {{"items", array_of(listing.items, signed_firmware_json)},
                                               {"total", listing.total}});
                },
                reply);
        });
}

}  // namespace

void add_security_maintenance_routes(Router& router, CentralSystem& central_system) {
    add_log_routes(router, central_system);
    add_signed_firmware_routes(router, central_system);
}

}  // namespace parkgrid::server::api
