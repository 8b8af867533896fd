#include <algorithm>

#include "body_reader.hpp"
#include "credit_code.hpp"
#include "organisation_access.hpp"
#include "organisation_routes.hpp"
#include "organisation_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::InstitutionRecord;
using storage::Repositories;

const std::initializer_list<std::string_view> kFields = {"name", "unifiedSocialCreditCode", "type", "sector",
                                                         "region"};
const std::initializer_list<std::string_view> kTypes = {"state_organ", "public_institution",
                                                        "social_organisation"};
const std::initializer_list<std::string_view> kSectors = {"education", "science", "culture",
                                                          "health",    "sports",  "other"};
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxRegionLength = 100;

std::string what(std::int64_t id) {
    return "institution " + std::to_string(id);
}

std::string read_credit_code(const BodyReader& fields) {
    auto code = fields.required_string("unifiedSocialCreditCode", 64);
    if (const auto problem = credit_code_problem(code)) {
        throw ApiError::invalid_field("unifiedSocialCreditCode", *problem);
    }
    return code;
}

// Free text, or a 6-digit administrative division code (GB/T 2260) when it is all digits.
std::optional<std::string> read_region(const BodyReader& fields) {
    auto region = fields.optional_string("region", kMaxRegionLength);
    if (region && std::all_of(region->begin(), region->end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        region->size() != 6) {
        throw ApiError::invalid_field("region", "an administrative division code has 6 digits");
    }
    return region;
}

// The rules that span fields, checked on the complete record (after a PATCH is applied, too).
void check_sector(const InstitutionRecord& institution) {
    if (institution.type == "public_institution" && !institution.sector) {
        throw ApiError::invalid_field("sector",
                                      "is required for a public institution; one of education, "
                                      "science, culture, health, sports, other");
    }
    if (institution.type != "public_institution" && institution.sector) {
        throw ApiError::invalid_field("sector", "only public institutions have a sector; send null");
    }
}

ApiError duplicate_code(const std::string& code) {
    return ApiError(409, "conflict",
                    "an institution with unified social credit code " + code + " exists already",
                    "unifiedSocialCreditCode");
}

}  // namespace

void add_institution_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/institutions",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_admin(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, kFields);
                   InstitutionRecord institution;
                   institution.name = fields.required_string("name", kMaxNameLength);
                   institution.unified_social_credit_code = read_credit_code(fields);
                   institution.type = fields.required_one_of("type", kTypes);
                   institution.sector = fields.optional_one_of("sector", kSectors);
                   institution.region = read_region(fields);
                   check_sector(institution);
                   institution.created_at = institution.updated_at = now();
                   write_then_reply(
                       database,
                       [institution](Repositories& repositories) {
                           const auto id = repositories.institutions().insert(institution);
                           if (!id) {
                               throw duplicate_code(institution.unified_social_credit_code);
                           }
                           return *repositories.institutions().find(*id);
                       },
                       [](const InstitutionRecord& created) {
                           return json_response(201, institution_json(created));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/institutions", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::InstitutionFilter filter;
        filter.scope = request.principal().scope();
        filter.type = request.query("type");
        if (filter.type && std::find(kTypes.begin(), kTypes.end(), *filter.type) == kTypes.end()) {
            throw ApiError::invalid_field("type",
                                          "must be state_organ, public_institution or social_organisation");
        }
        filter.sector = request.query("sector");
        filter.text = request.query("q");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](Repositories& repositories) { return repositories.institutions().query(filter); },
            [](const storage::Listing<InstitutionRecord>& listing) {
                return json_response(200, listing_json(listing, institution_json));
            },
            reply);
    });

    router.add("GET", "/api/v1/institutions/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto id = id_param(request, 0, "institution");
                   read_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           auto institution = repositories.institutions().find(id);
                           if (!institution || !principal.sees_institution(id)) {
                               throw ApiError::not_found(what(id));
                           }
                           return *institution;
                       },
                       [](const InstitutionRecord& institution) {
                           return json_response(200, institution_json(institution));
                       },
                       reply);
               });

    router.add(
        "PATCH", "/api/v1/institutions/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto id = id_param(request, 0, "institution");
            const auto body = request.json_body();
            const BodyReader fields(body, kFields);
            for (const auto* required : {"name", "unifiedSocialCreditCode", "type"}) {
                refuse_null(fields, required);
            }
            const auto name = fields.optional_string("name", kMaxNameLength);
            const auto code = fields.has("unifiedSocialCreditCode") ? std::optional(read_credit_code(fields))
                                                                    : std::nullopt;
            const auto type = fields.optional_one_of("type", kTypes);
            const bool change_sector = fields.has("sector");
            const auto sector = fields.optional_one_of("sector", kSectors);
            const bool change_region = fields.has("region");
            const auto region = read_region(fields);
            write_then_reply(
                database,
                [=](Repositories& repositories) {
                    auto institution = repositories.institutions().find(id);
                    if (!institution) {
                        throw ApiError::not_found(what(id));
                    }
                    institution->name = name.value_or(institution->name);
                    institution->unified_social_credit_code =
                        code.value_or(institution->unified_social_credit_code);
                    institution->type = type.value_or(institution->type);
                    if (change_sector) {
                        institution->sector = sector;
                    }
                    if (change_region) {
                        institution->region = region;
                    }
                    check_sector(*institution);
                    institution->updated_at = now();
                    if (repositories.institutions().update(*institution) ==
                        storage::UpdateResult::Duplicate) {
                        throw duplicate_code(institution->unified_social_credit_code);
                    }
                    return *institution;
                },
                [](const InstitutionRecord& institution) {
                    return json_response(200, institution_json(institution));
                },
                reply);
        });

    router.add("DELETE", "/api/v1/institutions/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_admin(request.principal());
                   const auto id = id_param(request, 0, "institution");
                   write_then_reply(
                       database,
                       [id](Repositories& repositories) {
                           auto& institutions = repositories.institutions();
                           if (!institutions.find(id)) {
                               throw ApiError::not_found(what(id));
                           }
                           if (const auto dependents = institutions.dependents(id); !dependents.empty()) {
                               refuse_removal(what(id), dependents);
                           }
                           // Rows this module does not know may still refer to it (e.g. future reports).
                           if (institutions.remove(id) == storage::RemoveResult::StillReferenced) {
                               throw ApiError::conflict(what(id) + " is still referred to by other records");
                           }
                           return true;
                       },
                       [](bool) { return no_content(); }, reply);
               });
}

}  // namespace parkgrid::server::api
