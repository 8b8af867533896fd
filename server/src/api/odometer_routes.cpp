#include "body_reader.hpp"
#include "energy_statistics_routes.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::OdometerReadingRecord;
using storage::Repositories;

constexpr double kMaxOdometerKm = 2'000'000;
constexpr std::size_t kMaxNoteLength = 500;

std::string vehicle_what(std::int64_t id) {
    return "vehicle " + std::to_string(id);
}

std::string time_text(storage::Timestamp at) {
    return to_json_time(at).get<std::string>();
}

nlohmann::json reading_json(const OdometerReadingRecord& reading) {
    return {{"id", reading.id},
            {"vehicleId", reading.vehicle_id},
            {"readAt", to_json_time(reading.read_at)},
            {"odometerKm", reading.odometer_km},
            {"note", or_null(reading.note)},
            {"recordedBy", reading.recorded_by},
            {"recordedAt", to_json_time(reading.recorded_at)}};
}

OdometerReadingRecord read_reading(const nlohmann::json& body) {
    const BodyReader fields(body, {"readAt", "odometerKm", "note"});
    OdometerReadingRecord reading;
    const auto read_at = fields.optional_time("readAt");
    if (!read_at) {
        throw ApiError::invalid_field("readAt", "is required: when the odometer was read, RFC 3339");
    }
    reading.read_at = *read_at;
    const auto km = fields.optional_number("odometerKm", 0, kMaxOdometerKm);
    if (!km) {
        throw ApiError::invalid_field("odometerKm", "is required");
    }
    reading.odometer_km = *km;
    reading.note = fields.optional_string("note", kMaxNoteLength);
    return reading;
}

// An odometer only counts up: a reading must fit between the vehicle's earlier and later ones (a replaced
// odometer is recorded as a note and readings continuing from the old one's total).
void check_against(const std::vector<OdometerReadingRecord>& readings, const OdometerReadingRecord& reading) {
    for (const auto& other : readings) {
        if (other.read_at == reading.read_at) {
            throw ApiError(409, "conflict",
                           "the vehicle has a reading at " + time_text(reading.read_at) + " already",
                           "readAt");
        }
        if (other.read_at < reading.read_at && other.odometer_km > reading.odometer_km) {
            throw ApiError::invalid_field("odometerKm", "is lower than the earlier reading of " +
                                                            nlohmann::json(other.odometer_km).dump() +
                                                            " km at " + time_text(other.read_at));
        }
        if (other.read_at > reading.read_at && other.odometer_km < reading.odometer_km) {
            throw ApiError::invalid_field("odometerKm", "is higher than the later reading of " +
                                                            nlohmann::json(other.odometer_km).dump() +
                                                            " km at " + time_text(other.read_at));
        }
    }
}

}  // namespace

void add_odometer_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/vehicles/{id}/odometer-readings",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto vehicle_id = id_param(request, 0, "vehicle");
                   auto reading = read_reading(request.json_body());
                   reading.vehicle_id = vehicle_id;
                   reading.recorded_by = request.principal().subject;
                   reading.recorded_at = now();
                   write_then_reply(
                       database,
                       [reading, principal = request.principal()](Repositories& repositories) mutable {
                           require_visible_record(repositories.vehicles().find(reading.vehicle_id), principal,
                                                  vehicle_what(reading.vehicle_id));
                           auto& energy = repositories.energy();
                           check_against(
                               energy.odometer_readings(reading.vehicle_id, std::nullopt, std::nullopt),
                               reading);
                           const auto id = energy.insert_odometer_reading(reading);
                           if (!id) {
                               throw ApiError(
                                   409, "conflict",
                                   "the vehicle has a reading at " + time_text(reading.read_at) + " already",
                                   "readAt");
                           }
                           reading.id = *id;
                           return reading;
                       },
                       [](const OdometerReadingRecord& created) {
                           return json_response(201, reading_json(created));
                       },
                       reply);
               });

    router.add("GET", "/api/v1/vehicles/{id}/odometer-readings",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto vehicle_id = id_param(request, 0, "vehicle");
                   const auto from = request.query_time("from");
                   const auto to = request.query_time("to");
                   read_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           require_visible_record(repositories.vehicles().find(vehicle_id), principal,
                                                  vehicle_what(vehicle_id));
                           return repositories.energy().odometer_readings(vehicle_id, from, to);
                       },
                       [](const std::vector<OdometerReadingRecord>& readings) {
                           return json_response(200, {{"items", array_of(readings, reading_json)},
                                                      {"total", readings.size()}});
                       },
                       reply);
               });

    router.add("DELETE", "/api/v1/vehicles/{id}/odometer-readings/{readingId}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto vehicle_id = id_param(request, 0, "vehicle");
                   const auto reading_id = id_param(request, 1, "odometer reading");
                   write_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           require_visible_record(repositories.vehicles().find(vehicle_id), principal,
                                                  vehicle_what(vehicle_id));
                           if (!repositories.energy().remove_odometer_reading(vehicle_id, reading_id)) {
                               throw ApiError::not_found("odometer reading " + std::to_string(reading_id) +
                                                         " of vehicle " + std::to_string(vehicle_id));
                           }
                           return true;
                       },
                       [](bool) { return no_content(); }, reply);
               });
}

}  // namespace parkgrid::server::api
