#include "body_reader.hpp"
#include "download_streams.hpp"
#include "energy_statistics_routes.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "report_params.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr const char* kRetryAfterSeconds = "60";

std::string status_name(reports::ExportStatus status) {
    switch (status) {
        case reports::ExportStatus::Running: return "running";
        case reports::ExportStatus::Done: return "done";
        case reports::ExportStatus::Failed: return "failed";
    }
    return "failed";
}

std::string file_url(const std::string& id) {
    return "/api/v1/reports/exports/" + id + "/file";
}

nlohmann::json export_json(const reports::ExportSnapshot& job) {
    nlohmann::json out = {{"id", job.id},
                          {"status", status_name(job.status)},
                          {"progress", {{"done", job.done}, {"total", job.total}}},
                          {"report", standard_report_name(job.request.report)},
                          {"institutionId", job.request.institution_id},
                          {"period", job.request.period.label},
                          {"format", reports::file_extension(job.request.format)},
                          {"lang", language_name(job.request.language)},
                          {"createdAt", to_json_time(job.created_at)}};
    if (job.error) {
        out["error"] = *job.error;
    }
    if (job.status == reports::ExportStatus::Done) {
        out["fileUrl"] = file_url(job.id);
    }
    return out;
}

reports::ExportRequest read_export_request(const ApiRequest& request) {
    const auto body = request.json_body();
    const BodyReader fields(body, {"report", "institutionId", "period", "format", "lang"});
    reports::ExportRequest export_request;
    export_request.owner = request.principal().subject;
    export_request.report =
        *parse_standard_report(fields.required_one_of("report", {"monthly-ledger", "quarterly", "annual"}));
    export_request.institution_id = required_id(fields, "institutionId");
    export_request.period = required_period_of(fields.optional_string("period", 10), "period",
                                               reports::period_kind(export_request.report));
    export_request.format = fields.required_one_of("format", {"csv", "xlsx"}) == "csv"
                                ? reports::FileFormat::Csv
                                : reports::FileFormat::Xlsx;
    export_request.language = *parse_language(fields.optional_one_of("lang", {"zh", "en"}).value_or("zh"));
    return export_request;
}

reports::ExportSnapshot require_export(const reports::ExportJobs& exports, const ApiRequest& request) {
    auto job = exports.find(request.path_param(0), request.principal());
    if (!job) {
        throw ApiError::not_found("export '" + request.path_param(0) + "'");
    }
    return std::move(*job);
}

}  // namespace

void add_export_routes(Router& router, storage::Database& database, reports::ExportJobs& exports) {
    router.add("POST", "/api/v1/reports/exports",
               [&database, &exports](const ApiRequest& request, const HttpReply& reply) {
                   auto export_request = read_export_request(request);
                   read_then_reply(
                       database,
                       [id = export_request.institution_id,
                        principal = request.principal()](Repositories& repositories) {
                           require_institution_for_write(repositories, principal, id);
                           return true;
                       },
                       [&exports, export_request](bool) {
                           const auto job = exports.start(export_request, now());
                           if (!job) {
                               auto response = error_response(
                                   ApiError(429, "too_many_exports",
                                            "at most " + std::to_string(reports::ExportJobs::kMaxRunning) +
                                                " exports run at once; try again when one has finished"));
                               response.headers.emplace_back("Retry-After", kRetryAfterSeconds);
                               return response;
                           }
                           return json_response(202, export_json(*job));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/reports/exports/{id}",
               [&exports](const ApiRequest& request, const HttpReply& reply) {
                   reply(json_response(200, export_json(require_export(exports, request))));
               });

    router.add("GET", "/api/v1/reports/exports/{id}/file",
               [&exports](const ApiRequest& request, const HttpReply& reply) {
                   const auto job = require_export(exports, request);
                   if (job.status != reports::ExportStatus::Done) {
                       throw ApiError::conflict("export '" + job.id + "' is " + status_name(job.status) +
                                                "; its file is there once it is done");
                   }
                   std::error_code error;
                   if (!std::filesystem::is_regular_file(job.file, error)) {
                       throw ApiError::not_found("the file of export '" + job.id + "'");
                   }
                   auto response =
                       attachment_response(std::string(reports::file_content_type(job.request.format)),
                                           report_file_name(job.request.report, job.request.institution_id,
                                                            job.request.period.label, job.request.format));
                   response.stream = file_stream(job.file);
                   reply(std::move(response));
               });
}

}  // namespace parkgrid::server::api
