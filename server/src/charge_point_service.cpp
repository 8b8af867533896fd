#include "parkgrid/server/charge_point_service.hpp"

#include <algorithm>
#include <boost/asio/post.hpp>

#include "anomaly_kinds.hpp"
#include "id_tag_authorizer.hpp"
#include "load/meter_reading.hpp"
#include "meter_value_conversion.hpp"
#include "parkgrid/server/log.hpp"
#include "reports/quality_settings.hpp"
#include "reports/session_accountant.hpp"
#include "security/security_notifications.hpp"

namespace parkgrid::server {
namespace {

using storage::Repositories;
using storage::Timestamp;

Timestamp now() {
    return ocpp::DateTime::now().instant();
}

template <std::size_t N>
std::optional<std::string> to_optional_string(const std::optional<ocpp::CiString<N>>& value) {
    return value ? std::optional<std::string>(value->str()) : std::nullopt;
}

storage::BootInfo to_boot_info(const ocpp::BootNotificationRequest& request) {
    return storage::BootInfo{
        request.charge_point_vendor.str(),
        request.charge_point_model.str(),
        to_optional_string(request.charge_point_serial_number),
        to_optional_string(request.charge_box_serial_number),
        to_optional_string(request.firmware_version),
        to_optional_string(request.iccid),
        to_optional_string(request.imsi),
        to_optional_string(request.meter_type),
        to_optional_string(request.meter_serial_number),
    };
}

Registration from_ocpp(ocpp::RegistrationStatus status) {
    switch (status) {
        case ocpp::RegistrationStatus::Accepted: return Registration::Accepted;
        case ocpp::RegistrationStatus::Pending: return Registration::Pending;
        case ocpp::RegistrationStatus::Rejected: return Registration::Rejected;
    }
    return Registration::Rejected;
}

ocpp::RegistrationStatus to_ocpp(Registration registration) {
    switch (registration) {
        case Registration::Accepted: return ocpp::RegistrationStatus::Accepted;
        case Registration::Pending: return ocpp::RegistrationStatus::Pending;
        case Registration::Unregistered:
        case Registration::Rejected: return ocpp::RegistrationStatus::Rejected;
    }
    return ocpp::RegistrationStatus::Rejected;
}

// Accounts a finished transaction into the energy ledger in the same commit. A failure here must not refuse
// the charger's data: it is logged, and the quality monitor accounts the transaction later.
void account(Repositories& repositories, std::int32_t transaction_id, const reporting::QualityLimits& limits,
             Timestamp at) {
    try {
        reports::account_transaction(repositories, transaction_id, limits, at);
    } catch (const std::exception& error) {
        log::error("energy accounting failed",
                   {{"transactionId", std::to_string(transaction_id)}, {"error", error.what()}});
    }
}

void record_anomaly(Repositories& repositories, const std::string& charger_id,
                    std::optional<std::int32_t> transaction_id, std::string_view kind, std::string detail,
                    Timestamp at) {
    log::warn("charger data anomaly",
              {{"charger", charger_id}, {"kind", std::string(kind)}, {"detail", detail}});
    repositories.events().record_anomaly(
        storage::AnomalyRecord{0, charger_id, transaction_id, std::string(kind), std::move(detail), at});
}

void store_meter_values(Repositories& repositories, const std::vector<ocpp::MeterValue>& meter_values,
                        const std::string& charger_id, std::int32_t connector_id,
                        std::optional<std::int32_t> transaction_id, const std::string& source,
                        Timestamp received_at) {
    for (const auto& meter_value : meter_values) {
        repositories.meter_values().insert(
            to_record(meter_value, charger_id, connector_id, transaction_id, source, received_at));
    }
}

}  // namespace

ChargePointService::ChargePointService(boost::asio::any_io_executor executor,
                                       std::shared_ptr<ChargerState> state, storage::Database& database,
                                       EventBus& event_bus, const Config& config)
    : executor_(std::move(executor)),
      state_(std::move(state)),
      database_(database),
      event_bus_(event_bus),
      config_(config) {}

template <typename Response, typename Job, typename AfterCommit>
void ChargePointService::store_then_respond(Job job, const ocpp::Responder<Response>& responder,
                                            AfterCommit after_commit) {
    auto events = std::make_shared<PendingEvents>();
    storage::write(
        database_,
        [job = std::move(job), events, charger_id = state_->id,
         message_id = responder.unique_id()](Repositories& repositories) mutable {
            const log::MessageScope scope(charger_id, message_id);
            return job(repositories, *events);
        },
        [executor = executor_, responder, after_commit, events, &event_bus = event_bus_,
         charger_id = state_->id](storage::Outcome<Response> outcome) mutable {
            // Off the storage thread: its one writer is what limits durable throughput, so publishing and
            // answering happen on the charger's strand (in commit order: a strand runs posts in order).
            boost::asio::post(
                executor, [responder = std::move(responder), after_commit = std::move(after_commit),
                           events = std::move(events), &event_bus, charger_id = std::move(charger_id),
                           outcome = std::move(outcome)]() mutable {
                    const log::MessageScope scope(charger_id, responder.unique_id());
                    if (outcome.ok()) {
                        events->publish(event_bus, charger_id);
                        after_commit(outcome.value());
                        responder.respond(outcome.value());
                        return;
                    }
                    try {
                        std::rethrow_exception(outcome.error());
                    } catch (const std::exception& e) {
                        log::error("storage failed; charger will retry", {{"error", e.what()}});
                    }
                    responder.fail(ocpp::CallErrorCode::InternalError,
                                   "the central system could not store this message; retry later");
                });
        });
}

void ChargePointService::handle(ocpp::BootNotificationRequest request,
                                ocpp::Responder<ocpp::BootNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, info = to_boot_info(request), policy = config_.unknown_chargers,
         heartbeat = config_.heartbeat_interval,
         retry = config_.boot_retry_interval](Repositories& repositories, PendingEvents& events) {
            const Timestamp at = now();
            auto& chargers = repositories.chargers();
            Registration registration = Registration::Unregistered;
            if (const auto charger = chargers.find(charger_id)) {
                chargers.record_boot(charger_id, info, at);
                registration = to_registration(charger->registration_status);
            } else if (policy != UnknownChargerPolicy::Reject) {  // nothing is stored for rejected strangers
                const auto status = policy == UnknownChargerPolicy::Accept
                                        ? storage::RegistrationStatus::Accepted
                                        : storage::RegistrationStatus::Pending;
                chargers.insert(charger_id, std::nullopt, status, at);
                chargers.record_boot(charger_id, info, at);
                registration = to_registration(status);
            }
            ocpp::BootNotificationResponse response;
            response.status = to_ocpp(registration);
            response.current_time = ocpp::DateTime::now().truncated_to_seconds();
            response.interval = static_cast<std::int32_t>(
                (registration == Registration::Accepted ? heartbeat : retry).count());
            events.add("charger.booted", {{"status", ocpp::to_string(response.status)},
                                          {"chargePointVendor", info.vendor},
                                          {"chargePointModel", info.model}});
            return response;
        },
        responder,
        [state = state_](const ocpp::BootNotificationResponse& response) {
            state->registration = from_ocpp(response.status);
            log::info("boot notification",
                      {{"charger", state->id}, {"status", std::string(ocpp::to_string(response.status))}});
        });
}

void ChargePointService::handle(ocpp::HeartbeatRequest, ocpp::Responder<ocpp::HeartbeatResponse> responder) {
    // Answered at once: a heartbeat carries no data worth a commit wait. Last-seen is persisted behind it.
    responder.respond(ocpp::HeartbeatResponse{ocpp::DateTime::now().truncated_to_seconds()});
    storage::write(
        database_,
        [charger_id = state_->id](Repositories& repositories) {
            repositories.chargers().touch(charger_id, now());
        },
        [](const storage::Outcome<storage::detail::Unit>&) {});
}

void ChargePointService::handle(ocpp::AuthorizeRequest request,
                                ocpp::Responder<ocpp::AuthorizeResponse> responder) {
    storage::read(
        database_,
        [charger_id = state_->id, id_tag = request.id_tag.str()](Repositories& repositories) {
            return ocpp::AuthorizeResponse{
                authorize_id_tag(repositories, id_tag, {charger_id, std::nullopt}, now())};
        },
        [responder](storage::Outcome<ocpp::AuthorizeResponse> outcome) {
            if (outcome.ok()) {
                responder.respond(outcome.value());
            } else {
                responder.fail(ocpp::CallErrorCode::InternalError,
                               "authorization lookup failed; retry later");
            }
        });
}

void ChargePointService::handle(ocpp::StartTransactionRequest request,
                                ocpp::Responder<ocpp::StartTransactionResponse> responder) {
    const auto tolerance = config_.future_timestamp_tolerance;
    store_then_respond(
        [charger_id = state_->id, request, tolerance](Repositories& repositories, PendingEvents& events) {
            const Timestamp received_at = now();
            storage::TransactionStart start;
            start.charger_id = charger_id;
            start.connector_id = request.connector_id;
            start.id_tag = request.id_tag.str();
            start.timestamp = request.timestamp.instant();
            start.meter_start = request.meter_start;
            start.reservation_id = request.reservation_id;
            start.received_at = received_at;

            auto& transactions = repositories.transactions();
            // A retry (possibly under a new message id, after a lost answer) gets the original transaction.
            if (const auto existing = transactions.find_same_start(start)) {
                auto info = authorize_id_tag(repositories, start.id_tag, {charger_id, start.connector_id},
                                             received_at);
                info.status =
                    ocpp::enum_from_string<ocpp::AuthorizationStatus>(existing->start.authorization_status)
                        .value_or(info.status);
                return ocpp::StartTransactionResponse{info, existing->id};
            }

            const auto info =
                authorize_id_tag(repositories, start.id_tag, {charger_id, start.connector_id}, received_at);
            start.authorization_status = std::string(ocpp::to_string(info.status));
            const auto still_open = transactions.open_on_connector(charger_id, start.connector_id);
            // Recorded even when the tag is not accepted: the charger may have started offline, and the
            // energy was delivered either way.
            const std::int32_t transaction_id = transactions.insert(start);
            for (const auto& previous : still_open) {
                record_anomaly(repositories, charger_id, previous.id, anomaly::kOverlappingTransaction,
                               "transaction " + std::to_string(transaction_id) + " started on connector " +
                                   std::to_string(start.connector_id) + " before this one was stopped",
                               received_at);
            }
            if (request.reservation_id &&
                !repositories.reservations().mark_used(*request.reservation_id, charger_id, transaction_id,
                                                       received_at)) {
                record_anomaly(repositories, charger_id, transaction_id, anomaly::kUnknownReservation,
                               "StartTransaction names reservation " +
                                   std::to_string(*request.reservation_id) +
                                   ", which is not an open reservation of this charger",
                               received_at);
            }
            if (info.status != ocpp::AuthorizationStatus::Accepted) {
                record_anomaly(
                    repositories, charger_id, transaction_id, anomaly::kStartNotAuthorized,
                    "id tag '" + start.id_tag + "' is " + std::string(ocpp::to_string(info.status)),
                    received_at);
            }
            if (start.timestamp > received_at + tolerance) {
                record_anomaly(repositories, charger_id, transaction_id, anomaly::kTimestampInFuture,
                               "start timestamp " + request.timestamp.to_rfc3339() +
                                   " is ahead of the central system clock",
                               received_at);
            }
            events.add("transaction.started",
                       {{"transactionId", transaction_id},
                        {"connectorId", start.connector_id},
                        {"idTag", start.id_tag},
                        {"meterStart", start.meter_start},
                        {"timestamp", request.timestamp.to_rfc3339()},
                        {"authorizationStatus", start.authorization_status},
                        {"reservationId", request.reservation_id ? nlohmann::json(*request.reservation_id)
                                                                 : nlohmann::json()}});
            return ocpp::StartTransactionResponse{info, transaction_id};
        },
        responder);
}

void ChargePointService::handle(ocpp::StopTransactionRequest request,
                                ocpp::Responder<ocpp::StopTransactionResponse> responder) {
    const auto tolerance = config_.future_timestamp_tolerance;
    store_then_respond(
        [charger_id = state_->id, request, tolerance, limits = reports::quality_limits(config_)](
            Repositories& repositories, PendingEvents& events) {
            const Timestamp received_at = now();
            ocpp::StopTransactionResponse response;
            if (request.id_tag) {
                response.id_tag_info = authorize_id_tag(repositories, request.id_tag->str(),
                                                        {charger_id, std::nullopt}, received_at);
            }
            const auto meter_data = request.transaction_data.value_or(std::vector<ocpp::MeterValue>{});
            const std::string id_text = std::to_string(request.transaction_id);

            const auto transaction = repositories.transactions().find(request.transaction_id);
            if (!transaction) {
                // -1 or an id we never issued (1.6 errata: answer as if valid). Keep the data as evidence.
                record_anomaly(repositories, charger_id, std::nullopt, anomaly::kUnknownTransaction,
                               "StopTransaction for unknown transaction " + id_text + ", meterStop " +
                                   std::to_string(request.meter_stop) + " at " +
                                   request.timestamp.to_rfc3339(),
                               received_at);
                store_meter_values(repositories, meter_data, charger_id, 0, std::nullopt, "StopTransaction",
                                   received_at);
                return response;
            }
            if (transaction->start.charger_id != charger_id) {
                // Answered so the charger moves on, but never applied: one charger must not stop another's.
                record_anomaly(repositories, charger_id, transaction->id, anomaly::kForeignTransaction,
                               "StopTransaction from " + charger_id + " for a transaction of " +
                                   transaction->start.charger_id,
                               received_at);
                return response;
            }

            storage::TransactionStop stop;
            stop.timestamp = request.timestamp.instant();
            stop.meter_stop = request.meter_stop;
            if (request.reason) {
                stop.reason = std::string(ocpp::to_string(*request.reason));
            }
            if (request.id_tag) {
                stop.id_tag = request.id_tag->str();
            }
            stop.received_at = received_at;

            if (transaction->stop) {
                const auto& first = *transaction->stop;
                const bool same = first.timestamp == stop.timestamp && first.meter_stop == stop.meter_stop &&
                                  first.reason == stop.reason && first.id_tag == stop.id_tag;
                if (!same) {
                    record_anomaly(repositories, charger_id, transaction->id, anomaly::kConflictingStop,
                                   "second StopTransaction with meterStop " +
                                       std::to_string(stop.meter_stop) + " at " +
                                       request.timestamp.to_rfc3339() + " ignored",
                                   received_at);
                }
                return response;  // a retry: already applied
            }

            repositories.transactions().record_stop(transaction->id, stop);
            store_meter_values(repositories, meter_data, charger_id, transaction->start.connector_id,
                               transaction->id, "StopTransaction", received_at);
            if (stop.meter_stop < transaction->start.meter_start) {
                record_anomaly(repositories, charger_id, transaction->id, anomaly::kMeterStopBelowStart,
                               "meterStop " + std::to_string(stop.meter_stop) + " < meterStart " +
                                   std::to_string(transaction->start.meter_start),
                               received_at);
            }
            if (stop.timestamp < transaction->start.timestamp) {
                record_anomaly(repositories, charger_id, transaction->id, anomaly::kStopBeforeStart,
                               "stop timestamp " + request.timestamp.to_rfc3339() + " precedes the start",
                               received_at);
            }
            if (stop.timestamp > received_at + tolerance) {
                record_anomaly(repositories, charger_id, transaction->id, anomaly::kTimestampInFuture,
                               "stop timestamp " + request.timestamp.to_rfc3339() +
                                   " is ahead of the central system clock",
                               received_at);
            }
            account(repositories, transaction->id, limits, received_at);
            events.add("transaction.stopped", {{"transactionId", transaction->id},
                                               {"connectorId", transaction->start.connector_id},
                                               {"meterStop", stop.meter_stop},
                                               {"energyWh", stop.meter_stop - transaction->start.meter_start},
                                               {"timestamp", request.timestamp.to_rfc3339()},
                                               {"reason", stop.reason.value_or("Local")}});
            return response;
        },
        responder);
}

void ChargePointService::handle(ocpp::MeterValuesRequest request,
                                ocpp::Responder<ocpp::MeterValuesResponse> responder) {
    // Event data is built here, on the charger's strand, rather than in the storage job: the one writer
    // thread is what limits durable throughput, so it should only store. The load manager needs a few
    // numbers (meter_reading), and only for chargers at managed sites; the whole reading is encoded only for
    // those who asked for it (meter_values).
    nlohmann::json reading_event;
    if (event_bus_.has_subscribers("meter_reading", state_->id)) {
        reading_event = load::to_event_data(load::read_meter_values(request.meter_value));
    }
    nlohmann::json encoded_event;
    if (event_bus_.has_subscribers("meter_values", state_->id)) {
        encoded_event = ocpp::encode(request.meter_value);
    }
    store_then_respond(
        [charger_id = state_->id, request = std::move(request), limits = reports::quality_limits(config_),
         reading_event = std::move(reading_event), encoded_event = std::move(encoded_event)](
            Repositories& repositories, PendingEvents& events) mutable {
            const Timestamp received_at = now();
            std::optional<std::int32_t> transaction_id;
            bool already_stopped = false;
            if (request.transaction_id) {
                const auto transaction = repositories.transactions().find(*request.transaction_id);
                if (transaction && transaction->start.charger_id == charger_id) {
                    transaction_id = transaction->id;
                    already_stopped = transaction->stop.has_value();
                } else {
                    record_anomaly(repositories, charger_id, std::nullopt,
                                   transaction ? anomaly::kForeignTransaction : anomaly::kUnknownTransaction,
                                   "MeterValues name transaction " + std::to_string(*request.transaction_id),
                                   received_at);
                }
            }
            store_meter_values(repositories, request.meter_value, charger_id, request.connector_id,
                               transaction_id, "MeterValues", received_at);
            if (already_stopped) {  // an offline charger's queue may deliver readings after the stop
                account(repositories, *transaction_id, limits, received_at);
            }
            const auto transaction_json = transaction_id ? nlohmann::json(*transaction_id) : nlohmann::json();
            if (!reading_event.is_null()) {
                reading_event["connectorId"] = request.connector_id;
                reading_event["transactionId"] = transaction_json;
                events.add("meter_reading", std::move(reading_event));
            }
            if (!encoded_event.is_null()) {
                events.add("meter_values", {{"connectorId", request.connector_id},
                                            {"transactionId", transaction_json},
                                            {"meterValue", std::move(encoded_event)}});
            }
            return ocpp::MeterValuesResponse{};
        },
        responder);
}

void ChargePointService::handle(ocpp::StatusNotificationRequest request,
                                ocpp::Responder<ocpp::StatusNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, request](Repositories& repositories, PendingEvents& events) {
            storage::StatusRecord status;
            status.charger_id = charger_id;
            status.connector_id = request.connector_id;
            status.status = std::string(ocpp::to_string(request.status));
            status.error_code = std::string(ocpp::to_string(request.error_code));
            status.info = to_optional_string(request.info);
            status.vendor_id = to_optional_string(request.vendor_id);
            status.vendor_error_code = to_optional_string(request.vendor_error_code);
            if (request.timestamp) {
                status.timestamp = request.timestamp->instant();
            }
            status.received_at = now();
            repositories.chargers().record_status(status);
            events.add("connector.status",
                       {{"connectorId", status.connector_id},
                        {"status", status.status},
                        {"errorCode", status.error_code},
                        {"info", status.info ? nlohmann::json(*status.info) : nlohmann::json()}});
            return ocpp::StatusNotificationResponse{};
        },
        responder);
}

void ChargePointService::handle(ocpp::DataTransferRequest request,
                                ocpp::Responder<ocpp::DataTransferResponse> responder) {
    // No vendor extensions are implemented; the exchange is kept so that operators can see what chargers try.
    store_then_respond(
        [charger_id = state_->id, request](Repositories& repositories, PendingEvents&) {
            ocpp::DataTransferResponse response{ocpp::DataTransferStatus::UnknownVendorId, std::nullopt};
            repositories.events().record_data_transfer(storage::DataTransferRecord{
                charger_id, request.vendor_id.str(), to_optional_string(request.message_id), request.data,
                std::string(ocpp::to_string(response.status)), now()});
            return response;
        },
        responder);
}

void ChargePointService::handle(ocpp::DiagnosticsStatusNotificationRequest request,
                                ocpp::Responder<ocpp::DiagnosticsStatusNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, status = std::string(ocpp::to_string(request.status))](
            Repositories& repositories, PendingEvents& events) {
            repositories.chargers().record_diagnostics_status(charger_id, status, now());
            if (status != "Idle") {  // Idle says nothing about a request (e.g. answering a TriggerMessage)
                repositories.maintenance().record_diagnostics_notification(charger_id, status, now());
            }
            events.add("diagnostics.status", {{"status", status}});
            return ocpp::DiagnosticsStatusNotificationResponse{};
        },
        responder);
}

void ChargePointService::handle(ocpp::FirmwareStatusNotificationRequest request,
                                ocpp::Responder<ocpp::FirmwareStatusNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, status = std::string(ocpp::to_string(request.status))](
            Repositories& repositories, PendingEvents& events) {
            repositories.chargers().record_firmware_status(charger_id, status, now());
            if (status != "Idle") {
                const bool finished =
                    status == "Installed" || status == "InstallationFailed" || status == "DownloadFailed";
                repositories.maintenance().record_firmware_notification(charger_id, status, finished, now());
            }
            events.add("firmware.status", {{"status", status}});
            return ocpp::FirmwareStatusNotificationResponse{};
        },
        responder);
}

// The security extension (OCPP 1.6 Security Whitepaper edition 3); what is stored lives in
// security/security_notifications.cpp.
void ChargePointService::handle(ocpp::SecurityEventNotificationRequest request,
                                ocpp::Responder<ocpp::SecurityEventNotificationResponse> responder) {
    store_then_respond(
        [origin = security::ChargerOrigin{state_->id, state_->remote_address}, request](
            Repositories& repositories, PendingEvents& events) {
            return security::store_security_event(repositories, events, origin, request, now());
        },
        responder);
}

void ChargePointService::handle(ocpp::SignCertificateRequest request,
                                ocpp::Responder<ocpp::SignCertificateResponse> responder) {
    // The CSR is read and its signature verified here, on the connection's strand, not on the writer thread.
    const auto rule =
        config_.charger_certificate_subject == ChargerCertificateSubject::CommonNameIsSerialNumber
            ? security::CommonNameRule::SerialNumber
            : security::CommonNameRule::Identity;
    store_then_respond(
        [origin = security::ChargerOrigin{state_->id, state_->remote_address},
         inspection = security::inspect_csr(request.csr.str()),
         rule](Repositories& repositories, PendingEvents& events) {
            return security::store_certificate_request(repositories, events, origin, inspection, rule, now());
        },
        responder);
}

void ChargePointService::handle(ocpp::LogStatusNotificationRequest request,
                                ocpp::Responder<ocpp::LogStatusNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, request](Repositories& repositories, PendingEvents& events) {
            return security::store_log_status(repositories, events, charger_id, request, now());
        },
        responder);
}

void ChargePointService::handle(ocpp::SignedFirmwareStatusNotificationRequest request,
                                ocpp::Responder<ocpp::SignedFirmwareStatusNotificationResponse> responder) {
    store_then_respond(
        [charger_id = state_->id, request](Repositories& repositories, PendingEvents& events) {
            return security::store_signed_firmware_status(repositories, events, charger_id, request, now());
        },
        responder);
}

}  // namespace parkgrid::server
