#include <algorithm>
#include <cctype>

#include "body_reader.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "organisation_views.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

constexpr std::size_t kIdTagMaxLength = 20;  // OCPP IdToken
const std::initializer_list<std::string_view> kStatuses = {"Accepted", "Blocked", "Expired", "Invalid"};

std::optional<std::string> read_parent(const BodyReader& fields, const std::string& id_tag) {
    auto parent = fields.optional_string("parentIdTag", kIdTagMaxLength);
    if (parent) {
        require_printable_ascii("parentIdTag", *parent);
        if (parent->size() == id_tag.size() &&
            std::equal(parent->begin(), parent->end(), id_tag.begin(), [](char a, char b) {
                return std::tolower(static_cast<unsigned char>(a)) ==
                       std::tolower(static_cast<unsigned char>(b));
            })) {
            throw ApiError::invalid_field("parentIdTag", "must differ from idTag");
        }
    }
    return parent;
}

std::string what(const std::string& id_tag) {
    return "id tag '" + id_tag + "'";
}

// The tag as `principal` may see it: 404 when it does not exist or belongs to an institution outside the
// caller's scope (a global tag is the admin's).
storage::IdTagRecord require_visible_tag(Repositories& repositories, const Principal& principal,
                                         const std::string& id_tag) {
    auto tag = repositories.id_tags().find(id_tag);
    if (!tag) {
        throw ApiError::not_found(what(id_tag));
    }
    require_visible(principal, tag->institution_id, what(id_tag));
    return std::move(*tag);
}

// A tag's owner: at most one of vehicle and driver, of the tag's own institution.
void check_owner(Repositories& repositories, const storage::IdTagRecord& tag) {
    if (tag.vehicle_id && tag.driver_id) {
        throw ApiError::invalid_field("driverId", "a tag belongs to a vehicle or to a driver, not both");
    }
    const auto institution = tag.institution_id ? std::to_string(*tag.institution_id) : "(none)";
    if (tag.vehicle_id) {
        const auto vehicle = repositories.vehicles().find(*tag.vehicle_id);
        if (!vehicle || vehicle->institution_id != tag.institution_id) {
            throw ApiError::invalid_field("vehicleId", "no vehicle " + std::to_string(*tag.vehicle_id) +
                                                           " in the tag's institution " + institution);
        }
    }
    if (tag.driver_id) {
        const auto driver = repositories.drivers().find(*tag.driver_id);
        if (!driver || driver->institution_id != tag.institution_id) {
            throw ApiError::invalid_field("driverId", "no driver " + std::to_string(*tag.driver_id) +
                                                          " in the tag's institution " + institution);
        }
    }
}

// Global tags (no institution) are the admin's: others must put a tag into one of their institutions.
void check_institution(Repositories& repositories, const Principal& principal,
                       const std::optional<std::int64_t>& institution_id) {
    if (institution_id) {
        require_institution_for_write(repositories, principal, *institution_id);
    } else if (!principal.is_admin()) {
        throw ApiError::invalid_field(
            "institutionId", "is required: a tag without institution is a global tag only admins manage");
    }
}

}  // namespace

void add_id_tag_routes(Router& router, storage::Database& database, EventBus& events) {
    // Chargers' local authorization lists follow every change (LocalListManager).
    // The tag's institution lets the events stream show the change to that institution's users too.
    const auto changed = [&events](const storage::IdTagRecord& tag, const char* change) {
        events.publish(
            "id_tags.changed", "",
            {{"idTag", tag.id_tag}, {"institutionId", or_null(tag.institution_id)}, {"change", change}});
    };
    router.add("POST", "/api/v1/id-tags",
               [&database, changed](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"idTag", "status", "expiryDate", "parentIdTag",
                                                  "institutionId", "vehicleId", "driverId"});
                   storage::IdTagRecord tag;
                   tag.id_tag = fields.required_string("idTag", kIdTagMaxLength);
                   require_printable_ascii("idTag", tag.id_tag);
                   tag.status = fields.required_one_of("status", kStatuses);
                   tag.expiry_date = fields.optional_time("expiryDate");
                   tag.parent_id_tag = read_parent(fields, tag.id_tag);
                   tag.institution_id = optional_id(fields, "institutionId");
                   tag.vehicle_id = optional_id(fields, "vehicleId");
                   tag.driver_id = optional_id(fields, "driverId");
                   tag.created_at = tag.updated_at = ocpp::DateTime::now().instant();
                   write_then_reply(
                       database,
                       [tag, principal = request.principal()](Repositories& repositories) {
                           check_institution(repositories, principal, tag.institution_id);
                           check_owner(repositories, tag);
                           if (!repositories.id_tags().insert(tag)) {
                               throw ApiError::conflict("id tag '" + tag.id_tag +
                                                        "' exists already (id tags are case-insensitive)");
                           }
                           return tag;
                       },
                       [changed](const storage::IdTagRecord& created) {
                           changed(created, "created");
                           return json_response(201, id_tag_json(created));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/id-tags", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::IdTagFilter filter;
        filter.scope = request.principal().scope();
        filter.institution_id = query_id(request, "institutionId");
        filter.vehicle_id = query_id(request, "vehicleId");
        filter.driver_id = query_id(request, "driverId");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database, [filter](Repositories& repositories) { return repositories.id_tags().query(filter); },
            [](const storage::Listing<storage::IdTagRecord>& tags) {
                return json_response(200, listing_json(tags, id_tag_json));
            },
            reply);
    });

    router.add(
        "GET", "/api/v1/id-tags/{idTag}", [&database](const ApiRequest& request, const HttpReply& reply) {
            read_then_reply(
                database,
                [id_tag = request.path_param(0),
                 principal = request.principal()](Repositories& repositories) {
                    return require_visible_tag(repositories, principal, id_tag);
                },
                [](const storage::IdTagRecord& tag) { return json_response(200, id_tag_json(tag)); }, reply);
        });

    router.add("PATCH", "/api/v1/id-tags/{idTag}",
               [&database, changed](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"status", "expiryDate", "parentIdTag", "institutionId",
                                                  "vehicleId", "driverId"});
                   const auto id_tag = request.path_param(0);
                   const auto status = fields.optional_one_of("status", kStatuses);
                   const bool change_expiry = fields.has("expiryDate");  // null clears it
                   const auto expiry = fields.optional_time("expiryDate");
                   const bool change_parent = fields.has("parentIdTag");
                   const auto parent = read_parent(fields, id_tag);
                   const bool change_institution = fields.has("institutionId");  // null makes it a global tag
                   const auto institution_id = optional_id(fields, "institutionId");
                   const bool change_vehicle = fields.has("vehicleId");
                   const auto vehicle_id = optional_id(fields, "vehicleId");
                   const bool change_driver = fields.has("driverId");
                   const auto driver_id = optional_id(fields, "driverId");
                   write_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           auto tag = require_visible_tag(repositories, principal, id_tag);
                           if (status) {
                               tag.status = *status;
                           }
                           if (change_expiry) {
                               tag.expiry_date = expiry;
                           }
                           if (change_parent) {
                               tag.parent_id_tag = parent;
                           }
                           if (change_institution) {
                               check_institution(repositories, principal, institution_id);
                               tag.institution_id = institution_id;
                           }
                           if (change_vehicle) {
                               tag.vehicle_id = vehicle_id;
                           }
                           if (change_driver) {
                               tag.driver_id = driver_id;
                           }
                           check_owner(repositories, tag);
                           tag.updated_at = ocpp::DateTime::now().instant();
                           repositories.id_tags().update(tag);
                           return tag;
                       },
                       [changed](const storage::IdTagRecord& tag) {
                           changed(tag, "updated");
                           return json_response(200, id_tag_json(tag));
                       },
                       reply);
               });

    router.add("DELETE", "/api/v1/id-tags/{idTag}",
               [&database, changed](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   write_then_reply(
                       database,
                       [id_tag = request.path_param(0),
                        principal = request.principal()](Repositories& repositories) {
                           auto tag = require_visible_tag(repositories, principal, id_tag);
                           repositories.id_tags().remove(id_tag);
                           return tag;
                       },
                       [changed](const storage::IdTagRecord& tag) {
                           changed(tag, "deleted");
                           return no_content();
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
