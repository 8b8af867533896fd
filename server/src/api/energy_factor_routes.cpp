#include <algorithm>

#include "body_reader.hpp"
#include "energy_statistics_routes.hpp"
#include "organisation_access.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "parkgrid/reporting/factors.hpp"
#include "reports/energy_report.hpp"
#include "reports/time_conversion.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::EnergyFactorRecord;
using storage::Repositories;

constexpr std::size_t kMaxSourceLength = 300;
constexpr std::size_t kMaxUnitLength = 32;
constexpr double kMaxValue = 1'000'000;
constexpr std::int64_t kMinYear = 2000;
constexpr std::int64_t kMaxYear = 2100;
// The year whose factors are "effective": the institutions' local year.
constexpr const char* kReportingZone = "Asia/Shanghai";

// The unit a factor of each kind has unless its source states another.
constexpr std::pair<std::string_view, std::string_view> kDefaultUnits[] = {
    {reporting::factor_kind::kCoal, "kgce/kWh"},
    {reporting::factor_kind::kGridCo2, "kgCO2/kWh"},
    {reporting::factor_kind::kPetrolReference, "L/100km"},
    {reporting::factor_kind::kEvReference, "kWh/100km"},
    {reporting::factor_kind::kPetrolCo2, "kgCO2/L"},
    {reporting::factor_kind::kPetrolCoal, "kgce/L"}};

std::string what(std::int64_t id) {
    return "energy factor " + std::to_string(id);
}

std::string read_kind(const BodyReader& fields) {
    auto kind = fields.required_string("kind", 64);
    if (std::find(std::begin(reporting::factor_kind::kAll), std::end(reporting::factor_kind::kAll), kind) ==
        std::end(reporting::factor_kind::kAll)) {
        std::string kinds;
        for (const auto known : reporting::factor_kind::kAll) {
            kinds += (kinds.empty() ? "" : ", ") + std::string(known);
        }
        throw ApiError::invalid_field("kind", "must be one of " + kinds);
    }
    return kind;
}

std::string default_unit(std::string_view kind) {
    for (const auto& [known, unit] : kDefaultUnits) {
        if (known == kind) {
            return std::string(unit);
        }
    }
    return {};
}

EnergyFactorRecord read_factor(const nlohmann::json& body) {
    const BodyReader fields(body, {"institutionId", "kind", "value", "unit", "year", "source", "basis"});
    EnergyFactorRecord factor;
    factor.institution_id = optional_id(fields, "institutionId");
    factor.kind = read_kind(fields);
    const auto value = fields.optional_number("value", 0, kMaxValue);
    if (!value || *value <= 0) {
        throw ApiError::invalid_field("value", value ? "must be greater than 0" : "is required");
    }
    factor.value = *value;
    factor.unit = fields.optional_string("unit", kMaxUnitLength).value_or(default_unit(factor.kind));
    const auto year = fields.optional_integer("year", kMinYear, kMaxYear);
    if (!year) {
        throw ApiError::invalid_field("year", "is required: the year the factor is for, 2000 to 2100");
    }
    factor.year = static_cast<std::int32_t>(*year);
    factor.source = fields.required_string("source", kMaxSourceLength);
    // Coal equivalent of electricity has two conventions (GB/T 2589): 0.1229 kgce/kWh by equivalent heat
    // value, about 0.3 by the coal burnt to generate it; a figure means nothing without saying which.
    if (factor.kind == reporting::factor_kind::kCoal) {
        factor.basis = fields.required_one_of("basis", {"equivalent", "equal_value"});
    } else if (fields.has("basis") && !fields.is_null("basis")) {
        throw ApiError::invalid_field("basis",
                                      "only " + std::string(reporting::factor_kind::kCoal) + " has a basis");
    }
    factor.created_at = now();
    return factor;
}

// Who may change a factor of `institution_id` (none: a default for everyone).
void require_factor_change_right(const Principal& principal, std::optional<std::int64_t> institution_id) {
    if (!institution_id && !principal.is_admin()) {
        throw ApiError(403, "forbidden", "only admins manage the default factors; give your institutionId");
    }
}

nlohmann::json factors_json(const std::vector<EnergyFactorRecord>& records) {
    auto out = nlohmann::json::array();
    for (const auto& record : records) {
        out.push_back(reports::factor_json(reports::to_factor(record)));
    }
    return out;
}

struct FactorLists {
    std::vector<EnergyFactorRecord> defaults;
    std::optional<std::vector<EnergyFactorRecord>> own;
};

nlohmann::json lists_json(const FactorLists& lists) {
    std::vector<reporting::Factor> defaults;
    std::vector<reporting::Factor> own;
    for (const auto& record : lists.defaults) {
        defaults.push_back(reports::to_factor(record));
    }
    for (const auto& record : lists.own.value_or(std::vector<EnergyFactorRecord>{})) {
        own.push_back(reports::to_factor(record));
    }
    const auto today = reporting::local_date_of(reports::millis(now()), kReportingZone);
    const int year = std::stoi(today.substr(0, 4));
    nlohmann::json effective = nlohmann::json::object();
    for (const auto kind : reporting::factor_kind::kAll) {
        const auto factor = reporting::pick_factor(own, defaults, kind, year);
        effective[std::string(kind)] = factor ? reports::factor_json(*factor) : nlohmann::json();
    }
    nlohmann::json out = {
        {"defaults", factors_json(lists.defaults)}, {"effectiveYear", year}, {"effective", effective}};
    if (lists.own) {
        out["institution"] = factors_json(*lists.own);
    }
    return out;
}

}  // namespace

void add_energy_factor_routes(Router& router, storage::Database& database) {
    router.add("GET", "/api/v1/energy-factors",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   read_then_reply(
                       database,
                       [institution_id = query_id(request, "institutionId"),
                        principal = request.principal()](Repositories& repositories) {
                           FactorLists lists;
                           lists.defaults = repositories.energy().factors(std::nullopt);
                           if (institution_id) {
                               require_visible_institution(repositories, principal, *institution_id);
                               lists.own = repositories.energy().factors(institution_id);
                           }
                           return lists;
                       },
                       [](const FactorLists& lists) { return json_response(200, lists_json(lists)); }, reply);
               });

    // Energy offices keep the statistics, so unlike other data they manage their institutions' factors.
    router.add(
        "POST", "/api/v1/energy-factors", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto factor = read_factor(request.json_body());
            require_factor_change_right(request.principal(), factor.institution_id);
            write_then_reply(
                database,
                [factor, principal = request.principal()](Repositories& repositories) {
                    if (factor.institution_id) {
                        require_institution_for_write(repositories, principal, *factor.institution_id);
                    }
                    const auto id = repositories.energy().insert_factor(factor);
                    if (!id) {
                        throw ApiError(409, "conflict",
                                       "a " + factor.kind + " factor for " + std::to_string(factor.year) +
                                           " exists already for " +
                                           (factor.institution_id
                                                ? "institution " + std::to_string(*factor.institution_id)
                                                : std::string("the defaults")) +
                                           "; delete it first",
                                       "year");
                    }
                    return *repositories.energy().find_factor(*id);
                },
                [](const EnergyFactorRecord& created) {
                    return json_response(201, reports::factor_json(reports::to_factor(created)));
                },
                reply);
        });

    router.add(
        "DELETE", "/api/v1/energy-factors/{id}",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto id = id_param(request, 0, "energy factor");
            write_then_reply(
                database,
                [id, principal = request.principal()](Repositories& repositories) {
                    const auto factor = repositories.energy().find_factor(id);
                    // Defaults are visible to everyone; another institution's factor is not.
                    if (!factor || (factor->institution_id && !principal.sees(factor->institution_id))) {
                        throw ApiError::not_found(what(id));
                    }
                    require_factor_change_right(principal, factor->institution_id);
                    repositories.energy().remove_factor(id);
                    return true;
                },
                [](bool) { return no_content(); }, reply);
        });
}

}  // namespace parkgrid::server::api
