#pragma once

#include "parkgrid/ocpp/messages/authorize.hpp"
#include "parkgrid/ocpp/messages/boot_notification.hpp"
#include "parkgrid/ocpp/messages/data_transfer.hpp"
#include "parkgrid/ocpp/messages/diagnostics_status_notification.hpp"
#include "parkgrid/ocpp/messages/firmware_status_notification.hpp"
#include "parkgrid/ocpp/messages/heartbeat.hpp"
#include "parkgrid/ocpp/messages/log_status_notification.hpp"
#include "parkgrid/ocpp/messages/meter_values.hpp"
#include "parkgrid/ocpp/messages/security_event_notification.hpp"
#include "parkgrid/ocpp/messages/sign_certificate.hpp"
#include "parkgrid/ocpp/messages/signed_firmware_status_notification.hpp"
#include "parkgrid/ocpp/messages/start_transaction.hpp"
#include "parkgrid/ocpp/messages/status_notification.hpp"
#include "parkgrid/ocpp/messages/stop_transaction.hpp"
#include "parkgrid/ocpp/responder.hpp"

namespace parkgrid::ocpp {

// What the central system does with the CALLs a charge point sends. The protocol layer validates each
// request against its schema before calling here, so handlers only see well-formed requests; they decide
// what is stored and answer through the responder, possibly later and from another thread.
class ChargePointRequestHandler {
public:
    virtual ~ChargePointRequestHandler() = default;

    // Core profile
    virtual void handle(AuthorizeRequest request, Responder<AuthorizeResponse> responder) = 0;
    virtual void handle(BootNotificationRequest request, Responder<BootNotificationResponse> responder) = 0;
    virtual void handle(DataTransferRequest request, Responder<DataTransferResponse> responder) = 0;
    virtual void handle(HeartbeatRequest request, Responder<HeartbeatResponse> responder) = 0;
    virtual void handle(MeterValuesRequest request, Responder<MeterValuesResponse> responder) = 0;
    virtual void handle(StartTransactionRequest request, Responder<StartTransactionResponse> responder) = 0;
    virtual void handle(StatusNotificationRequest request,
                        Responder<StatusNotificationResponse> responder) = 0;
    virtual void handle(StopTransactionRequest request, Responder<StopTransactionResponse> responder) = 0;
    // Firmware management profile
    virtual void handle(DiagnosticsStatusNotificationRequest request,
                        Responder<DiagnosticsStatusNotificationResponse> responder) = 0;
    virtual void handle(FirmwareStatusNotificationRequest request,
                        Responder<FirmwareStatusNotificationResponse> responder) = 0;
    // Security extension
    virtual void handle(LogStatusNotificationRequest request,
                        Responder<LogStatusNotificationResponse> responder) = 0;
    virtual void handle(SecurityEventNotificationRequest request,
                        Responder<SecurityEventNotificationResponse> responder) = 0;
    virtual void handle(SignCertificateRequest request, Responder<SignCertificateResponse> responder) = 0;
    virtual void handle(SignedFirmwareStatusNotificationRequest request,
                        Responder<SignedFirmwareStatusNotificationResponse> responder) = 0;
};

}  // namespace parkgrid::ocpp
