#include <fstream>
#include <sstream>

#include "api_tokens.hpp"
#include "body_reader.hpp"
#include "charger_access.hpp"
#include "command_response.hpp"
#include "diagnostics_uploads.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/get_diagnostics.hpp"
#include "parkgrid/ocpp/messages/update_firmware.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"
#include "upload_location.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

nlohmann::json firmware_json(const storage::FirmwareUpdateRecord& update) {
    return {{"id", update.id},
            {"chargerId", update.charger_id},
            {"location", update.location},
            {"retrieveDate", to_json_time(update.retrieve_date)},
            {"retries", or_null(update.retries)},
            {"retryInterval", or_null(update.retry_interval)},
            {"requestedBy", update.requested_by},
            {"requestedAt", to_json_time(update.requested_at)},
            {"status", update.status},
            {"statusAt", to_json_time(update.status_at)},
            {"finishedAt", to_json_time(update.finished_at)}};
}

nlohmann::json diagnostics_json(const storage::DiagnosticsRequestRecord& request) {
    return {{"id", request.id},
            {"chargerId", request.charger_id},
            {"location", request.location},
            {"startTime", to_json_time(request.start_time)},
            {"stopTime", to_json_time(request.stop_time)},
            {"requestedBy", request.requested_by},
            {"requestedAt", to_json_time(request.requested_at)},
            {"fileName", or_null(request.file_name)},
            {"status", request.status},
            {"statusAt", to_json_time(request.status_at)},
            {"file",
             request.stored_path
                 ? nlohmann::json{{"bytes", or_null(request.stored_bytes)},
                                  {"storedAt", to_json_time(request.stored_at)},
                                  {"download", "/api/v1/diagnostics/" + std::to_string(request.id) + "/file"}}
                 : nlohmann::json()}};
}

// An absolute URI as OCPP requires for download and upload locations.
std::string required_location(const BodyReader& fields) {
    const auto location = fields.required_string("location", 2000);
    if (!ocpp::Uri::parse(location)) {
        throw ApiError::invalid_field("location",
                                      "must be an absolute URI such as https://files.example.org/fw.bin");
    }
    return location;
}

}  // namespace

void add_maintenance_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add(
        "POST", "/api/v1/chargers/{id}/firmware-updates",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto body = request.json_body();
            const BodyReader fields(body, {"location", "retrieveDate", "retries", "retryInterval"});
            storage::FirmwareUpdateRecord requested;
            requested.location = required_location(fields);
            requested.retrieve_date = fields.optional_time("retrieveDate").value_or(now());
            requested.retries = optional_count(fields, "retries");
            requested.retry_interval = optional_count(fields, "retryInterval");
            requested.requested_by = request.principal().subject;
            requested.requested_at = requested.status_at = now();
            requested.charger_id = request.path_param(0);
            storage::write(
                database,
                [requested, principal = request.principal()](Repositories& repositories) mutable {
                    require_charger(repositories, principal, requested.charger_id);
                    requested.id = repositories.maintenance().insert_firmware_update(requested);
                    return requested;
                },
                [&database, &central_system, reply](storage::Outcome<storage::FirmwareUpdateRecord> stored) {
                    if (!stored.ok()) {
                        reply_storage_failure(reply, stored.error());
                        return;
                    }
                    const auto update = stored.value();
                    ocpp::UpdateFirmwareRequest command;
                    command.location = *ocpp::Uri::parse(update.location);
                    command.retrieve_date = ocpp::DateTime(update.retrieve_date);
                    command.retries = update.retries;
                    command.retry_interval = update.retry_interval;
                    central_system.commands().send(
                        update.charger_id, command, update.requested_by,
                        [&database, update, reply](const CommandOutcome& outcome) {
                            const bool delivered =
                                !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
                            write_then_reply(
                                database,
                                [record = update, delivered](Repositories& repositories) mutable {
                                    if (!delivered) {
                                        record.status = "failed";
                                        record.status_at = now();
                                        record.finished_at = record.status_at;
                                        repositories.maintenance().set_firmware_status(
                                            record.id, record.status, true, record.status_at);
                                    }
                                    return record;
                                },
                                [outcome, delivered](const storage::FirmwareUpdateRecord& latest) {
                                    return delivered ? json_response(201, firmware_json(latest))
                                                     : command_response(outcome);
                                },
                                reply);
                        });
                });
        });

    router.add("GET", "/api/v1/chargers/{id}/firmware-updates",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), principal = request.principal(),
                        page](Repositories& repositories) {
                           require_charger(repositories, principal, id);
                           return repositories.maintenance().firmware_updates(id, page.limit, page.offset);
                       },
                       [](const std::vector<storage::FirmwareUpdateRecord>& updates) {
                           return json_response(200, {{"items", array_of(updates, firmware_json)}});
                       },
                       reply);
               });

    router.add(
        "POST", "/api/v1/chargers/{id}/diagnostics",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto body = request.json_body();
            const BodyReader fields(body, {"location", "startTime", "stopTime", "retries", "retryInterval"});
            storage::DiagnosticsRequestRecord requested;
            const bool own_endpoint = !fields.has("location");
            requested.location = own_endpoint ? "" : required_location(fields);
            requested.start_time = fields.optional_time("startTime");
            requested.stop_time = fields.optional_time("stopTime");
            const auto retries = optional_count(fields, "retries");
            const auto retry_interval = optional_count(fields, "retryInterval");
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
                    requested.id = repositories.maintenance().insert_diagnostics_request(requested);
                    if (own_endpoint) {
                        requested.location = base + std::string(DiagnosticsUploads::kPathPrefix) +
                                             std::to_string(requested.id);
                        requested.upload_token_hash = hash_token(credential);
                        repositories.maintenance().set_diagnostics_location(requested.id, requested.location,
                                                                            requested.upload_token_hash);
                    }
                    return requested;
                },
                [&database, &central_system, own_endpoint, credential, retries, retry_interval,
                 reply](storage::Outcome<storage::DiagnosticsRequestRecord> stored) {
                    if (!stored.ok()) {
                        reply_storage_failure(reply, stored.error());
                        return;
                    }
                    const auto diagnostics = stored.value();
                    ocpp::GetDiagnosticsRequest command;
                    command.location = *ocpp::Uri::parse(
                        own_endpoint
                            ? with_credential(diagnostics.location, DiagnosticsUploads::kUser, credential)
                            : diagnostics.location);
                    command.retries = retries;
                    command.retry_interval = retry_interval;
                    if (diagnostics.start_time) {
                        command.start_time = ocpp::DateTime(*diagnostics.start_time);
                    }
                    if (diagnostics.stop_time) {
                        command.stop_time = ocpp::DateTime(*diagnostics.stop_time);
                    }
                    central_system.commands().send(
                        diagnostics.charger_id, command, diagnostics.requested_by,
                        [&database, diagnostics, reply](const CommandOutcome& outcome) {
                            const bool delivered =
                                !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
                            std::optional<std::string> file_name;
                            if (delivered && outcome.call.payload.contains("fileName")) {
                                file_name = outcome.call.payload.at("fileName").get<std::string>();
                            }
                            const std::string status = !delivered  ? "failed"
                                                       : file_name ? "requested"
                                                                   : "no_file";
                            write_then_reply(
                                database,
                                [id = diagnostics.id, file_name, status](Repositories& repositories) {
                                    repositories.maintenance().set_diagnostics_answer(id, file_name, status,
                                                                                      now());
                                    return *repositories.maintenance().find_diagnostics_request(id);
                                },
                                [outcome, delivered](const storage::DiagnosticsRequestRecord& latest) {
                                    return delivered ? json_response(201, diagnostics_json(latest))
                                                     : command_response(outcome);
                                },
                                reply);
                        });
                });
        });

    router.add("GET", "/api/v1/chargers/{id}/diagnostics",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [id = request.path_param(0), principal = request.principal(),
                        page](Repositories& repositories) {
                           require_charger(repositories, principal, id);
                           return repositories.maintenance().diagnostics_requests(id, page.limit,
                                                                                  page.offset);
                       },
                       [](const std::vector<storage::DiagnosticsRequestRecord>& requests) {
                           return json_response(200, {{"items", array_of(requests, diagnostics_json)}});
                       },
                       reply);
               });

    router.add("GET", "/api/v1/diagnostics/{id}/file",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   read_then_reply(
                       database,
                       [id = id_param(request, 0, "diagnostics request"),
                        principal = request.principal()](Repositories& repositories) {
                           const auto diagnostics = repositories.maintenance().find_diagnostics_request(id);
                           if (!diagnostics) {
                               throw ApiError::not_found("diagnostics request " + std::to_string(id));
                           }
                           require_charger(repositories, principal, diagnostics->charger_id);
                           if (!diagnostics->stored_path) {
                               throw ApiError::not_found("uploaded file of diagnostics request " +
                                                         std::to_string(id));
                           }
                           return *diagnostics;
                       },
                       [](const storage::DiagnosticsRequestRecord& diagnostics) {
                           std::ifstream file(*diagnostics.stored_path, std::ios::binary);
                           if (!file) {
                               throw ApiError::not_found("uploaded file (it is no longer on disk)");
                           }
                           std::ostringstream content;
                           content << file.rdbuf();
                           HttpResponse response;
                           response.content_type = "application/octet-stream";
                           response.body = content.str();
                           const auto name =
                               std::filesystem::path(*diagnostics.stored_path).filename().string();
                           response.headers.emplace_back("Content-Disposition",
                                                         "attachment; filename=\"" + name + "\"");
                           return response;
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
