#include <set>

#include "body_reader.hpp"
#include "charger_access.hpp"
#include "command_response.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/cancel_reservation.hpp"
#include "parkgrid/ocpp/messages/reserve_now.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

const std::set<std::string> kStatuses = {"requested", "active",   "used",  "cancelled",
                                         "expired",   "rejected", "failed"};

nlohmann::json reservation_json(const storage::ReservationRecord& reservation) {
    // Housekeeping marks expired reservations every half minute; show the truth in between.
    const bool expired = reservation.status == "active" && reservation.expiry_date <= now();
    return {{"id", reservation.id},
            {"chargerId", reservation.charger_id},
            {"connectorId", reservation.connector_id},
            {"idTag", reservation.id_tag},
            {"parentIdTag", or_null(reservation.parent_id_tag)},
            {"expiryDate", to_json_time(reservation.expiry_date)},
            {"status", expired ? std::string("expired") : reservation.status},
            {"chargerStatus", or_null(reservation.charger_status)},
            {"transactionId", or_null(reservation.transaction_id)},
            {"createdBy", reservation.created_by},
            {"createdAt", to_json_time(reservation.created_at)},
            {"updatedAt", to_json_time(reservation.updated_at)}};
}

// The reservation `id` if the principal may see its charger; 404 otherwise.
storage::ReservationRecord require_reservation(Repositories& repositories, const Principal& principal,
                                               std::int32_t id) {
    auto reservation = repositories.reservations().find(id);
    if (!reservation) {
        throw ApiError::not_found("reservation " + std::to_string(id));
    }
    require_charger(repositories, principal, reservation->charger_id);
    return std::move(*reservation);
}

// Reservation ids are OCPP reservationIds: 32-bit.
std::int32_t reservation_id_of(const ApiRequest& request) {
    const auto id = id_param(request, 0, "reservation");
    if (id > std::numeric_limits<std::int32_t>::max()) {
        throw ApiError::not_found("reservation " + std::to_string(id));
    }
    return static_cast<std::int32_t>(id);
}

// Records how the charger answered and replies: 201 when it accepted the reservation.
void finish_reservation(storage::Database& database, storage::ReservationRecord reservation,
                        const CommandOutcome& outcome, const HttpReply& reply) {
    const bool answered = !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
    const std::string charger_status = answered ? outcome.call.payload.value("status", "") : "";
    reservation.status = !answered ? "failed" : charger_status == "Accepted" ? "active" : "rejected";
    if (answered) {
        reservation.charger_status = charger_status;
    }
    write_then_reply(
        database,
        [reservation](Repositories& repositories) {
            repositories.reservations().set_status(reservation.id, reservation.status,
                                                   reservation.charger_status, now());
            return *repositories.reservations().find(reservation.id);
        },
        [outcome, answered, charger_status](const storage::ReservationRecord& stored) {
            if (!answered) {
                return command_response(outcome);
            }
            if (stored.status == "active") {
                return json_response(201, reservation_json(stored));
            }
            auto refusal = json_response(409, {{"error", "reservation_rejected"},
                                               {"message", "the charger answered " + charger_status},
                                               {"chargerStatus", charger_status},
                                               {"reservation", reservation_json(stored)}});
            return refusal;
        },
        reply);
}

}  // namespace

void add_reservation_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add(
        "POST", "/api/v1/reservations",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto body = request.json_body();
            const BodyReader fields(body, {"chargerId", "connectorId", "idTag", "parentIdTag", "expiryDate"});
            storage::ReservationRecord reservation;
            reservation.charger_id = fields.required_string("chargerId", 48);
            if (!body.contains("connectorId") || !body.at("connectorId").is_number_integer() ||
                body.at("connectorId").get<std::int64_t>() < 0 ||
                body.at("connectorId").get<std::int64_t>() > 1000) {
                throw ApiError::invalid_field("connectorId",
                                              "is required: a connector number, 0 for any connector");
            }
            reservation.connector_id = body.at("connectorId").get<std::int32_t>();
            reservation.id_tag = fields.required_string("idTag", 20);
            require_printable_ascii("idTag", reservation.id_tag);
            reservation.parent_id_tag = fields.optional_string("parentIdTag", 20);
            const auto expiry = fields.optional_time("expiryDate");
            if (!expiry) {
                throw ApiError::invalid_field("expiryDate", "is required");
            }
            if (*expiry <= now()) {
                throw ApiError::invalid_field("expiryDate", "must be in the future");
            }
            reservation.expiry_date = *expiry;
            reservation.created_by = request.principal().subject;
            reservation.created_at = reservation.updated_at = now();
            storage::write(
                database,
                [reservation, principal = request.principal()](Repositories& repositories) mutable {
                    // A field of the body naming nothing the caller may use: 422 on that field, as elsewhere.
                    const auto charger = repositories.chargers().find(reservation.charger_id);
                    if (!charger || !principal.sees(institution_of(*charger))) {
                        throw ApiError::invalid_field("chargerId", "no such charger");
                    }
                    reservation.id = repositories.reservations().insert(reservation);
                    return reservation;
                },
                [&database, &central_system, reply](storage::Outcome<storage::ReservationRecord> outcome) {
                    if (!outcome.ok()) {
                        reply_storage_failure(reply, outcome.error());
                        return;
                    }
                    const auto stored = outcome.value();
                    ocpp::ReserveNowRequest reserve;
                    reserve.connector_id = stored.connector_id;
                    reserve.expiry_date = ocpp::DateTime(stored.expiry_date);
                    reserve.id_tag = ocpp::IdToken(stored.id_tag);
                    if (stored.parent_id_tag) {
                        reserve.parent_id_tag = ocpp::IdToken(*stored.parent_id_tag);
                    }
                    reserve.reservation_id = stored.id;
                    central_system.commands().send(stored.charger_id, reserve, stored.created_by,
                                                   [&database, stored, reply](const CommandOutcome& answer) {
                                                       finish_reservation(database, stored, answer, reply);
                                                   });
                });
        });

    router.add("GET", "/api/v1/reservations", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::ReservationFilter filter;
        filter.scope = request.principal().scope();
        filter.charger_id = request.query("chargerId");
        filter.id_tag = request.query("idTag");
        filter.status = request.query("status");
        if (filter.status && !kStatuses.contains(*filter.status)) {
            throw ApiError::invalid_field(
                "status", "must be one of requested, active, used, cancelled, expired, rejected, failed");
        }
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](Repositories& repositories) { return repositories.reservations().query(filter); },
            [](const storage::Listing<storage::ReservationRecord>& listing) {
                return json_response(
                    200, {{"items", array_of(listing.items, reservation_json)}, {"total", listing.total}});
            },
            reply);
    });

    router.add(
        "GET", "/api/v1/reservations/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            read_then_reply(
                database,
                [id = reservation_id_of(request), principal = request.principal()](
                    Repositories& repositories) { return require_reservation(repositories, principal, id); },
                [](const storage::ReservationRecord& reservation) {
                    return json_response(200, reservation_json(reservation));
                },
                reply);
        });

    router.add(
        "DELETE", "/api/v1/reservations/{id}",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            storage::read(
                database,
                [id = reservation_id_of(request), principal = request.principal()](
                    Repositories& repositories) { return require_reservation(repositories, principal, id); },
                [&database, &central_system, reply, requested_by = request.principal().subject](
                    storage::Outcome<storage::ReservationRecord> found) {
                    if (!found.ok()) {
                        reply_storage_failure(reply, found.error());
                        return;
                    }
                    const auto reservation = found.value();
                    if (reservation.status != "active" || reservation.expiry_date <= now()) {
                        const std::string state =
                            reservation.status == "active" ? "expired" : reservation.status;
                        reply(error_response(ApiError::conflict("reservation " +
                                                                std::to_string(reservation.id) + " is " +
                                                                state + ", not active")));
                        return;
                    }
                    central_system.commands().send(
                        reservation.charger_id, ocpp::CancelReservationRequest{reservation.id}, requested_by,
                        [&database, reservation, reply](const CommandOutcome& outcome) {
                            if (outcome.offline || outcome.call.status != CallOutcome::Status::Result) {
                                reply(command_response(outcome));
                                return;
                            }
                            if (outcome.call.payload.value("status", "") != "Accepted") {
                                reply(error_response(
                                    ApiError::conflict("the charger rejected the cancellation (it no longer "
                                                       "holds the reservation)")));
                                return;
                            }
                            write_then_reply(
                                database,
                                [id = reservation.id](Repositories& repositories) {
                                    repositories.reservations().set_status(id, "cancelled", std::nullopt,
                                                                           now());
                                    return *repositories.reservations().find(id);
                                },
                                [](const storage::ReservationRecord& cancelled) {
                                    return json_response(200, reservation_json(cancelled));
                                },
                                reply);
                        });
                });
        });
}

}  // namespace parkgrid::server::api
