#include <algorithm>

#include "body_reader.hpp"
#include "calendar_text.hpp"
#include "organisation_access.hpp"
#include "organisation_routes.hpp"
#include "organisation_views.hpp"
#include "plate_number.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;
using storage::VehicleRecord;

const std::initializer_list<std::string_view> kFields = {
    "institutionId", "departmentId",       "plateNumber", "make",         "model",      "kind",
    "batteryKwh",    "usualDepartureTime", "priority",    "acquiredDate", "retiredDate"};
const std::initializer_list<std::string_view> kKinds = {"BEV", "PHEV", "petrol", "diesel"};
constexpr std::size_t kMaxMakeLength = 100;
constexpr double kMaxBatteryKwh = 1000;  // a heavy electric bus has about 600 kWh

std::string what(std::int64_t id) {
    return "vehicle " + std::to_string(id);
}

std::optional<std::string> read_plate(const BodyReader& fields) {
    auto plate = fields.optional_string("plateNumber", 32);
    if (plate) {
        if (const auto problem = plate_number_problem(*plate)) {
            throw ApiError::invalid_field("plateNumber", *problem);
        }
    }
    return plate;
}

std::optional<std::string> read_date(const BodyReader& fields, const std::string& name) {
    auto date = fields.optional_string(name, 10);
    if (date && !is_calendar_date(*date)) {
        throw ApiError::invalid_field(name, "must be a date written YYYY-MM-DD");
    }
    return date;
}

std::optional<std::string> read_departure(const BodyReader& fields) {
    auto time = fields.optional_string("usualDepartureTime", 5);
    if (time && !is_time_of_day(*time)) {
        throw ApiError::invalid_field("usualDepartureTime",
                                      "must be a local time written HH:MM, 00:00 to 23:59");
    }
    return time;
}

// The rules that span fields, checked on the complete record (after a PATCH is applied, too).
void check_consistency(const VehicleRecord& vehicle) {
    if (vehicle.battery_kwh && vehicle.kind != "BEV" && vehicle.kind != "PHEV") {
        throw ApiError::invalid_field("batteryKwh",
                                      "only BEV and PHEV vehicles have a traction battery; send null");
    }
    // Both are YYYY-MM-DD, so text order is date order.
    if (vehicle.retired_date && *vehicle.retired_date < vehicle.acquired_date) {
        throw ApiError::invalid_field("retiredDate",
                                      "must not be before acquiredDate " + vehicle.acquired_date);
    }
}

ApiError duplicate_plate(const std::string& plate) {
    return ApiError(409, "conflict", "a vehicle with plate number " + plate + " exists already",
                    "plateNumber");
}

}  // namespace

void add_vehicle_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/vehicles", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_change_right(request.principal());
        const auto body = request.json_body();
        const BodyReader fields(body, kFields);
        VehicleRecord vehicle;
        vehicle.institution_id = required_id(fields, "institutionId");
        vehicle.department_id = optional_id(fields, "departmentId");
        vehicle.plate_number = read_plate(fields).value_or("");
        if (vehicle.plate_number.empty()) {
            throw ApiError::invalid_field("plateNumber", "is required");
        }
        vehicle.make = fields.optional_string("make", kMaxMakeLength);
        vehicle.model = fields.optional_string("model", kMaxMakeLength);
        vehicle.kind = fields.required_one_of("kind", kKinds);
        vehicle.battery_kwh = fields.optional_number("batteryKwh", 0.1, kMaxBatteryKwh);
        vehicle.usual_departure_time = read_departure(fields);
        vehicle.priority = static_cast<std::int32_t>(fields.optional_integer("priority", 0, 10).value_or(5));
        vehicle.acquired_date = read_date(fields, "acquiredDate").value_or("");
        if (vehicle.acquired_date.empty()) {
            throw ApiError::invalid_field("acquiredDate", "is required (YYYY-MM-DD)");
        }
        vehicle.retired_date = read_date(fields, "retiredDate");
        check_consistency(vehicle);
        vehicle.created_at = vehicle.updated_at = now();
        write_then_reply(
            database,
            [vehicle, principal = request.principal()](Repositories& repositories) {
                require_institution_for_write(repositories, principal, vehicle.institution_id);
                if (vehicle.department_id) {
                    require_department_in(repositories, *vehicle.department_id, vehicle.institution_id,
                                          "departmentId");
                }
                const auto id = repositories.vehicles().insert(vehicle);
                if (!id) {
                    throw duplicate_plate(vehicle.plate_number);
                }
                return *repositories.vehicles().find(*id);
            },
            [](const VehicleRecord& created) { return json_response(201, vehicle_json(created)); }, reply);
    });

    router.add("GET", "/api/v1/vehicles", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::VehicleFilter filter;
        filter.scope = request.principal().scope();
        filter.institution_id = query_id(request, "institutionId");
        filter.department_id = query_id(request, "departmentId");
        filter.kind = request.query("kind");
        if (filter.kind && std::find(kKinds.begin(), kKinds.end(), *filter.kind) == kKinds.end()) {
            throw ApiError::invalid_field("kind", "must be BEV, PHEV, petrol or diesel");
        }
        filter.text = request.query("q");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database, [filter](Repositories& repositories) { return repositories.vehicles().query(filter); },
            [](const storage::Listing<VehicleRecord>& listing) {
                return json_response(200, listing_json(listing, vehicle_json));
            },
            reply);
    });

    router.add(
        "GET", "/api/v1/vehicles/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto id = id_param(request, 0, "vehicle");
            read_then_reply(
                database,
                [id, principal = request.principal()](Repositories& repositories) {
                    return require_visible_record(repositories.vehicles().find(id), principal, what(id));
                },
                [](const VehicleRecord& vehicle) { return json_response(200, vehicle_json(vehicle)); },
                reply);
        });

    router.add("PATCH", "/api/v1/vehicles/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto id = id_param(request, 0, "vehicle");
                   const auto body = request.json_body();
                   const BodyReader fields(body, kFields);
                   refuse_institution_change(fields);
                   for (const auto* required : {"plateNumber", "kind", "priority", "acquiredDate"}) {
                       refuse_null(fields, required);
                   }
                   const bool change_department = fields.has("departmentId");
                   const auto department_id = optional_id(fields, "departmentId");
                   const auto plate = read_plate(fields);
                   const bool change_make = fields.has("make");
                   const auto make = fields.optional_string("make", kMaxMakeLength);
                   const bool change_model = fields.has("model");
                   const auto model = fields.optional_string("model", kMaxMakeLength);
                   const auto kind = fields.optional_one_of("kind", kKinds);
                   const bool change_battery = fields.has("batteryKwh");
                   const auto battery = fields.optional_number("batteryKwh", 0.1, kMaxBatteryKwh);
                   const bool change_departure = fields.has("usualDepartureTime");
                   const auto departure = read_departure(fields);
                   const auto priority = fields.optional_integer("priority", 0, 10);
                   const auto acquired = read_date(fields, "acquiredDate");
                   const bool change_retired = fields.has("retiredDate");
                   const auto retired = read_date(fields, "retiredDate");
                   write_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           auto vehicle =
                               require_visible_record(repositories.vehicles().find(id), principal, what(id));
                           if (change_department) {
                               vehicle.department_id = department_id;
                               if (department_id) {
                                   require_department_in(repositories, *department_id, vehicle.institution_id,
                                                         "departmentId");
                               }
                           }
                           vehicle.plate_number = plate.value_or(vehicle.plate_number);
                           if (change_make) {
                               vehicle.make = make;
                           }
                           if (change_model) {
                               vehicle.model = model;
                           }
                           vehicle.kind = kind.value_or(vehicle.kind);
                           if (change_battery) {
                               vehicle.battery_kwh = battery;
                           }
                           if (change_departure) {
                               vehicle.usual_departure_time = departure;
                           }
                           if (priority) {
                               vehicle.priority = static_cast<std::int32_t>(*priority);
                           }
                           vehicle.acquired_date = acquired.value_or(vehicle.acquired_date);
                           if (change_retired) {
                               vehicle.retired_date = retired;
                           }
                           check_consistency(vehicle);
                           vehicle.updated_at = now();
                           if (repositories.vehicles().update(vehicle) == storage::UpdateResult::Duplicate) {
                               throw duplicate_plate(vehicle.plate_number);
                           }
                           return vehicle;
                       },
                       [](const VehicleRecord& vehicle) { return json_response(200, vehicle_json(vehicle)); },
                       reply);
               });

    router.add("DELETE", "/api/v1/vehicles/{id}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto id = id_param(request, 0, "vehicle");
                   write_then_reply(
                       database,
                       [id, principal = request.principal()](Repositories& repositories) {
                           require_visible_record(repositories.vehicles().find(id), principal, what(id));
                           // Its id tags stay, without the link.
                           if (repositories.vehicles().remove(id) == storage::RemoveResult::StillReferenced) {
                               throw ApiError::conflict(what(id) + " is still referred to by other records");
                           }
                           return true;
                       },
                       [](bool) { return no_content(); }, reply);
               });
}

}  // namespace parkgrid::server::api
