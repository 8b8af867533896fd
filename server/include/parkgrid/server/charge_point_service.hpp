#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>

#include "parkgrid/ocpp/charge_point_request_handler.hpp"
#include "parkgrid/server/charger_state.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/pending_events.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server {

// The central system's answers to the CALLs of one connected charger, and what is stored for them.
// Messages whose data must survive a crash (transactions, meter values, status) are answered only after
// their storage job has committed.
class ChargePointService final : public ocpp::ChargePointRequestHandler {
public:
    // `executor`: the charger's strand, where answers are sent and events published after a commit.
    ChargePointService(boost::asio::any_io_executor executor, std::shared_ptr<ChargerState> state,
                       storage::Database& database, EventBus& event_bus, const Config& config);

    void handle(ocpp::AuthorizeRequest request, ocpp::Responder<ocpp::AuthorizeResponse> responder) override;
    void handle(ocpp::BootNotificationRequest request,
                ocpp::Responder<ocpp::BootNotificationResponse> responder) override;
    void handle(ocpp::DataTransferRequest request,
                ocpp::Responder<ocpp::DataTransferResponse> responder) override;
    void handle(ocpp::HeartbeatRequest request, ocpp::Responder<ocpp::HeartbeatResponse> responder) override;
    void handle(ocpp::MeterValuesRequest request,
                ocpp::Responder<ocpp::MeterValuesResponse> responder) override;
    void handle(ocpp::StartTransactionRequest request,
                ocpp::Responder<ocpp::StartTransactionResponse> responder) override;
    void handle(ocpp::StatusNotificationRequest request,
                ocpp::Responder<ocpp::StatusNotificationResponse> responder) override;
    void handle(ocpp::StopTransactionRequest request,
                ocpp::Responder<ocpp::StopTransactionResponse> responder) override;
    void handle(ocpp::DiagnosticsStatusNotificationRequest request,
                ocpp::Responder<ocpp::DiagnosticsStatusNotificationResponse> responder) override;
    void handle(ocpp::FirmwareStatusNotificationRequest request,
                ocpp::Responder<ocpp::FirmwareStatusNotificationResponse> responder) override;
    void handle(ocpp::LogStatusNotificationRequest request,
                ocpp::Responder<ocpp::LogStatusNotificationResponse> responder) override;
    void handle(ocpp::SecurityEventNotificationRequest request,
                ocpp::Responder<ocpp::SecurityEventNotificationResponse> responder) override;
    void handle(ocpp::SignCertificateRequest request,
                ocpp::Responder<ocpp::SignCertificateResponse> responder) override;
    void handle(ocpp::SignedFirmwareStatusNotificationRequest request,
                ocpp::Responder<ocpp::SignedFirmwareStatusNotificationResponse> responder) override;

private:
    // Runs `job(repositories, events)` as a write and, once committed, publishes the events it collected,
    // calls `after_commit` and answers with the job's result, all on the charger's strand; answers
    // InternalError (the charger retries) when the job or its commit fails, and then publishes nothing.
    template <typename Response, typename Job, typename AfterCommit = void (*)(const Response&)>
    void store_then_respond(
        Job job, const ocpp::Responder<Response>& responder,
        AfterCommit after_commit = [](const Response&) {});

    boost::asio::any_io_executor executor_;
    std::shared_ptr<ChargerState> state_;
    storage::Database& database_;
    EventBus& event_bus_;
    const Config& config_;
};

}  // namespace parkgrid::server
