#include <array>
#include <chrono>

#include "body_reader.hpp"
#include "load_access.hpp"
#include "load_fields.hpp"
#include "load_management_routes.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::BuildingLoadProfileEntry;
using storage::BuildingLoadReading;
using storage::Repositories;

// A gateway's clock may run a little ahead; more than this is a wrong clock, whose readings would look fresh
// for too long.
constexpr auto kFutureTolerance = std::chrono::minutes(5);
constexpr double kAmountLimit = 100000;  // A or kW: far above any building this serves
constexpr std::size_t kHoursPerDay = 24;

std::array<double, 3> currents_for(const storage::CircuitRecord& circuit, const std::vector<double>& values) {
    if (values.size() != static_cast<std::size_t>(circuit.phases)) {
        throw ApiError::invalid_field(
            "currentA", "circuit " + std::to_string(circuit.id) + " has " + std::to_string(circuit.phases) +
                            " phase" + (circuit.phases == 1 ? ": give [L1]" : "s: give [L1, L2, L3]"));
    }
    // A single-phase circuit is stored with L2 and L3 at 0.
    return values.size() == 1 ? std::array{values[0], 0.0, 0.0} : std::array{values[0], values[1], values[2]};
}

// One day type of a profile: 24 values, one per site-local hour from 00:00, or none.
std::vector<double> read_day(const nlohmann::json& body, const std::string& day_type) {
    auto hours = optional_amounts(body, day_type, kHoursPerDay, kAmountLimit).value_or(std::vector<double>{});
    if (!hours.empty() && hours.size() != kHoursPerDay) {
        throw ApiError::invalid_field(day_type,
                                      "must have 24 values (amperes per phase, one per hour from "
                                      "00:00), or none to clear the profile");
    }
    return hours;
}

}  // namespace

void add_building_load_routes(Router& router, storage::Database& database, EventBus& events) {
    router.add(
        "POST", "/api/v1/sites/{id}/building-load",
        [&database, &events](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto site_id = id_param(request, 0, "site");
            const auto body = request.json_body();
            const BodyReader fields(body, {"timestamp", "circuitId", "currentA", "powerKw"});
            const auto measured_at = fields.optional_time("timestamp");
            if (!measured_at) {
                throw ApiError::invalid_field("timestamp", "is required");
            }
            const auto received_at = now();
            if (*measured_at > received_at + kFutureTolerance) {
                throw ApiError::invalid_field(
                    "timestamp", "lies more than 5 minutes in the future; check the meter gateway's clock");
            }
            const auto circuit_id = optional_id(fields, "circuitId");
            const auto currents = optional_amounts(body, "currentA", 3, kAmountLimit);
            const auto power = fields.optional_number("powerKw", 0, kAmountLimit);
            if (power && *power >= kAmountLimit) {
                throw ApiError::invalid_field("powerKw", "must be a number from 0 to below 100000");
            }
            if (currents && power) {
                throw ApiError::invalid_field("powerKw", "give either currentA or powerKw, not both");
            }
            if (!currents && !power) {
                throw ApiError::invalid_field("currentA",
                                              "is required unless powerKw is given (amperes per phase)");
            }
            write_then_reply(
                database,
                [=, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, site_id);
                    auto& load = repositories.load_management();
                    // Gateways that meter only the incoming supply need not know circuit ids.
                    const auto circuit = circuit_id ? std::optional(require_circuit_for_reference(
                                                          repositories, site_id, *circuit_id, "circuitId"))
                                                    : grid_connection(load.circuits_of_site(site_id));
                    if (!circuit) {
                        throw ApiError::invalid_field(
                            "circuitId", "site " + std::to_string(site_id) +
                                             " has no circuits; create its grid connection first");
                    }
                    BuildingLoadReading reading{.site_id = site_id,
                                                .circuit_id = circuit->id,
                                                .measured_at = *measured_at,
                                                .received_at = received_at,
                                                .power_kw = power};
                    if (currents) {
                        reading.current_a = currents_for(*circuit, *currents);
                    }
                    reading.id = load.insert_building_load(reading);
                    return reading;
                },
                [&events](const BuildingLoadReading& reading) {
                    events.publish("building_load.reading", "",
                                   {{"siteId", reading.site_id},
                                    {"circuitId", reading.circuit_id},
                                    {"readingId", reading.id}});
                    return json_response(201, building_load_json(reading));
                },
                reply);
        });

    router.add("GET", "/api/v1/sites/{id}/building-load",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   storage::BuildingLoadFilter filter;
                   filter.site_id = id_param(request, 0, "site");
                   filter.circuit_id = query_id(request, "circuitId");
                   filter.from = request.query_time("from");
                   filter.to = request.query_time("to");
                   const auto page = page_of(request);
                   filter.limit = page.limit;
                   filter.offset = page.offset;
                   read_then_reply(
                       database,
                       [filter, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, filter.site_id);
                           return repositories.load_management().building_load(filter);
                       },
                       [](const std::vector<BuildingLoadReading>& readings) {
                           return json_response(200, {{"items", array_of(readings, building_load_json)}});
                       },
                       reply);
               });

    router.add("GET", "/api/v1/sites/{id}/circuits/{circuitId}/building-load-profile",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto site_id = id_param(request, 0, "site");
                   const auto circuit_id = id_param(request, 1, "circuit");
                   read_then_reply(
                       database,
                       [site_id, circuit_id, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, site_id);
                           require_circuit_of_site(repositories, site_id, circuit_id);
                           return repositories.load_management().building_load_profile(circuit_id);
                       },
                       [circuit_id](const std::vector<BuildingLoadProfileEntry>& entries) {
                           return json_response(200, building_load_profile_json(circuit_id, entries));
                       },
                       reply);
               });

    router.add(
        "PUT", "/api/v1/sites/{id}/circuits/{circuitId}/building-load-profile",
        [&database, &events](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto site_id = id_param(request, 0, "site");
            const auto circuit_id = id_param(request, 1, "circuit");
            const auto body = request.json_body();
            const BodyReader fields(body, {"weekday", "weekend"});
            const auto weekday = read_day(body, "weekday");
            const auto weekend = read_day(body, "weekend");
            // A profile with one day type only would leave the scheduler without a fallback on the other
            // days.
            if (weekday.empty() != weekend.empty()) {
                throw ApiError::invalid_field(
                    weekday.empty() ? "weekday" : "weekend",
                    "must have 24 values like the other day type, or both must be empty");
            }
            std::vector<BuildingLoadProfileEntry> entries;
            for (const auto& [day_type, hours] :
                 {std::pair{"weekday", &weekday}, std::pair{"weekend", &weekend}}) {
                for (std::size_t hour = 0; hour < hours->size(); ++hour) {
                    entries.push_back({day_type, static_cast<std::int32_t>(hour), (*hours)[hour]});
                }
            }
            write_then_reply(
                database,
                [site_id, circuit_id, entries, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, site_id);
                    require_circuit_of_site(repositories, site_id, circuit_id);
                    repositories.load_management().replace_building_load_profile(circuit_id, entries);
                    return repositories.load_management().building_load_profile(circuit_id);
                },
                [&events, site_id, circuit_id](const std::vector<BuildingLoadProfileEntry>& stored) {
                    publish_load_config_changed(events, site_id);
                    return json_response(200, building_load_profile_json(circuit_id, stored));
                },
                reply);
        });
}

}  // namespace parkgrid::server::api
