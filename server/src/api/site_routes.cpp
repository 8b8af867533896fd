#include "body_reader.hpp"
#include "organisation_access.hpp"
#include "organisation_routes.hpp"
#include "organisation_views.hpp"
#include "storage_reply.hpp"
#include "time_zone.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;
using storage::SiteRecord;

const std::initializer_list<std::string_view> kFields = {"institutionId", "name", "address", "timeZone",
                                                         "serviceFeePerKwh"};
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxAddressLength = 500;
constexpr double kMaxServiceFeePerKwh = 10;  // CNY; public car parks charge around 0.4 to 0.8

std::string what(std::int64_t id) {
    return "site " + std::to_string(id);
}

// The service fee charged per kWh on top of the electricity (充电服务费), in CNY.
std::optional<double> read_service_fee(const BodyReader& fields) {
    return fields.optional_number("serviceFeePerKwh", 0, kMaxServiceFeePerKwh);
}

std::optional<std::string> read_time_zone(const BodyReader& fields) {
    auto zone = fields.optional_string("timeZone", 64);
    if (zone && !is_known_time_zone(*zone)) {
        throw ApiError::invalid_field("timeZone", "must be an IANA time zone such as Asia/Shanghai");
    }
    return zone;
}

ApiError duplicate_name(const SiteRecord& site) {
    return ApiError(409, "conflict",
                    "institution " + std::to_string(site.institution_id) + " has a site named '" + site.name +
                        "' already",
                    "name");
}

}  // namespace

void add_site_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/sites", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_change_right(request.principal());
        const auto body = request.json_body();
        const BodyReader fields(body, kFields);
        SiteRecord site;
        site.institution_id = required_id(fields, "institutionId");
        site.name = fields.required_string("name", kMaxNameLength);
        site.address = fields.optional_string("address", kMaxAddressLength);
        site.time_zone = read_time_zone(fields).value_or(site.time_zone);
        site.service_fee_per_kwh = read_service_fee(fields).value_or(0);
        site.created_at = site.updated_at = now();
        write_then_reply(
            database,
            [site, principal = request.principal()](Repositories& repositories) {
                require_institution_for_write(repositories, principal, site.institution_id);
                const auto id = repositories.sites().insert(site);
                if (!id) {
                    throw duplicate_name(site);
                }
                return *repositories.sites().find(*id);
            },
            [](const SiteRecord& created) { return json_response(201, site_json(created)); }, reply);
    });

    router.add("GET", "/api/v1/sites", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::SiteFilter filter;
        filter.scope = request.principal().scope();
        filter.institution_id = query_id(request, "institutionId");
        filter.text = request.query("q");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database, [filter](Repositories& repositories) { return repositories.sites().query(filter); },
            [](const storage::Listing<SiteRecord>& listing) {
                return json_response(200, listing_json(listing, site_json));
            },
            reply);
    });

    router.add("GET", "/api/v1/sites/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
        const auto id = id_param(request, 0, "site");
        read_then_reply(
            database,
            [id, principal = request.principal()](Repositories& repositories) {
                return require_visible_record(repositories.sites().find(id), principal, what(id));
            },
            [](const SiteRecord& site) { return json_response(200, site_json(site)); }, reply);
    });

    router.add("PATCH", "/api/v1/sites/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_change_right(request.principal());
        const auto id = id_param(request, 0, "site");
        const auto body = request.json_body();
        const BodyReader fields(body, kFields);
        refuse_institution_change(fields);
        refuse_null(fields, "name");
        refuse_null(fields, "timeZone");
        refuse_null(fields, "serviceFeePerKwh");
        const auto name = fields.optional_string("name", kMaxNameLength);
        const bool change_address = fields.has("address");
        const auto address = fields.optional_string("address", kMaxAddressLength);
        const auto time_zone = read_time_zone(fields);
        const auto service_fee = read_service_fee(fields);
        write_then_reply(
            database,
            [=, principal = request.principal()](Repositories& repositories) {
                auto site = require_visible_record(repositories.sites().find(id), principal, what(id));
                site.name = name.value_or(site.name);
                if (change_address) {
                    site.address = address;
                }
                site.time_zone = time_zone.value_or(site.time_zone);
                site.service_fee_per_kwh = service_fee.value_or(site.service_fee_per_kwh);
                site.updated_at = now();
                if (repositories.sites().update(site) == storage::UpdateResult::Duplicate) {
                    throw duplicate_name(site);
                }
                return site;
            },
            [](const SiteRecord& site) { return json_response(200, site_json(site)); }, reply);
    });

    router.add(
        "DELETE", "/api/v1/sites/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto id = id_param(request, 0, "site");
            write_then_reply(
                database,
                [id, principal = request.principal()](Repositories& repositories) {
                    require_visible_record(repositories.sites().find(id), principal, what(id));
                    if (const auto dependents = repositories.sites().dependents(id); !dependents.empty()) {
                        refuse_removal(what(id), dependents);
                    }
                    if (repositories.sites().remove(id) == storage::RemoveResult::StillReferenced) {
                        throw ApiError::conflict(what(id) + " is still referred to by other records");
                    }
                    return true;
                },
                [](bool) { return no_content(); }, reply);
        });
}

}  // namespace parkgrid::server::api
