#include <limits>

#include "body_reader.hpp"
#include "energy_statistics_routes.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "organisation_views.hpp"
#include "report_params.hpp"
#include "reports/quality_checks.hpp"
#include "reports/quality_score.hpp"
#include "reports/quality_settings.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::DataQualityFindingRecord;
using storage::Repositories;

std::string what(std::int64_t id) {
    return "data-quality finding " + std::to_string(id);
}

nlohmann::json finding_json(const DataQualityFindingRecord& finding) {
    auto evidence = nlohmann::json::parse(finding.evidence_json, nullptr, false);
    return {{"id", finding.id},
            {"kind", finding.kind},
            {"severity", finding.severity},
            {"message", finding.message},
            {"evidence", evidence.is_object() ? evidence : nlohmann::json::object()},
            {"transactionId", or_null(finding.transaction_id)},
            {"chargerId", or_null(finding.charger_id)},
            {"connectorId", or_null(finding.connector_id)},
            {"vehicleId", or_null(finding.vehicle_id)},
            {"departmentId", or_null(finding.department_id)},
            {"siteId", or_null(finding.site_id)},
            {"institutionId", or_null(finding.institution_id)},
            {"period", or_null(finding.period)},
            {"localDate", or_null(finding.local_date)},
            {"detectedAt", to_json_time(finding.detected_at)}};
}

storage::FindingFilter finding_filter(const ApiRequest& request) {
    storage::FindingFilter filter;
    filter.scope = request.principal().scope();
    filter.institution_id = query_id(request, "institutionId");
    filter.kind = request.query("kind");
    filter.severity = request.query("severity");
    if (filter.severity && *filter.severity != "info" && *filter.severity != "warning" &&
        *filter.severity != "error") {
        throw ApiError::invalid_field("severity", "must be info, warning or error");
    }
    if (const auto transaction_id =
            request.query_integer("transactionId", 1, std::numeric_limits<std::int32_t>::max())) {
        filter.transaction_id = static_cast<std::int32_t>(*transaction_id);
    }
    filter.charger_id = request.query("chargerId");
    filter.vehicle_id = query_id(request, "vehicleId");
    filter.from_date = query_date(request, "from");
    filter.to_date = query_date(request, "to");
    if (filter.from_date && filter.to_date && *filter.to_date <= *filter.from_date) {
        throw ApiError::invalid_field("to", "must be after from (to is exclusive)");
    }
    const auto page = page_of(request);
    filter.limit = page.limit;
    filter.offset = page.offset;
    return filter;
}

nlohmann::json score_json(std::int64_t institution_id, const reporting::Period& period,
                          const storage::QualityTally& tally) {
    return {{"institutionId", institution_id},
            {"period", period.label},
            {"from", period.range.first},
            {"to", period.range.end},
            {"score", or_null(reports::quality_score(tally))},
            {"sessions", tally.sessions},
            {"flaggedSessions", tally.flagged_sessions},
            {"periodFindings", tally.institution_warnings}};
}

}  // namespace

void add_data_quality_routes(Router& router, storage::Database& database, const Config& config) {
    router.add("GET", "/api/v1/data-quality/findings",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   read_then_reply(
                       database,
                       [filter = finding_filter(request)](Repositories& repositories) {
                           return repositories.energy().findings(filter);
                       },
                       [](const storage::Listing<DataQualityFindingRecord>& listing) {
                           return json_response(200, listing_json(listing, finding_json));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/data-quality/findings/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto id = id_param(request, 0, "data-quality finding");
                   read_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           auto finding = repositories.energy().find_finding(id);
                           if (!finding || !principal.sees(finding->institution_id)) {
                               throw ApiError::not_found(what(id));
                           }
                           return std::move(*finding);
                       },
                       [](const DataQualityFindingRecord& finding) {
                           return json_response(200, finding_json(finding));
                       },
                       reply);
               });

    router.add(
        "GET", "/api/v1/data-quality/score", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto [institution_id, period] = institution_period_params(request);
            read_then_reply(
                database,
                [id = institution_id, period = period,
                 principal = request.principal()](Repositories& repositories) {
                    require_visible_institution(repositories, principal, id);
                    return repositories.energy().quality_tally(id, period.range.first, period.range.end);
                },
                [id = institution_id, period = period](const storage::QualityTally& tally) {
                    return json_response(200, score_json(id, period, tally));
                },
                reply);
        });

    // Any role: the checks only add findings, which every role reads anyway. A caller limited to
    // institutions runs the period checks of one of them (the session checks run for all, as the monitor's
    // do).
    router.add("POST", "/api/v1/data-quality/runs",
               [&database, limits = reports::quality_limits(config)](const ApiRequest& request,
                                                                     const HttpReply& reply) {
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"period", "institutionId"});
                   const auto period = required_period(fields.optional_string("period", 10), "period");
                   const auto institution_id = optional_id(fields, "institutionId");
                   const auto& principal = request.principal();
                   if (!institution_id && !principal.is_admin()) {
                       throw ApiError::invalid_field(
                           "institutionId", "is required unless you are an admin: one of your institutions");
                   }
                   write_then_reply(
                       database,
                       [=](Repositories& repositories) {
                           if (institution_id) {
                               require_institution_for_write(repositories, principal, *institution_id);
                           }
                           return reports::run_quality_checks(repositories, period, institution_id, limits,
                                                              now());
                       },
                       [period, institution_id](const reports::QualityRunSummary& summary) {
                           return json_response(200, {{"period", period.label},
                                                      {"institutionId", or_null(institution_id)},
                                                      {"accounted", summary.accounted},
                                                      {"findings", summary.findings},
                                                      {"newFindings", summary.new_findings}});
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
