#pragma once

// What ChargePointService stores and publishes for the charger-initiated messages of the security
// extension. Each function is the body of one storage job (see ChargePointService::store_then_respond).

#include <optional>
#include <string>

#include "csr.hpp"
#include "parkgrid/ocpp/messages/log_status_notification.hpp"
#include "parkgrid/ocpp/messages/security_event_notification.hpp"
#include "parkgrid/ocpp/messages/sign_certificate.hpp"
#include "parkgrid/ocpp/messages/signed_firmware_status_notification.hpp"
#include "parkgrid/server/pending_events.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::security {

// Who sent a message: the charger's identity and the address it connected from.
struct ChargerOrigin {
    std::string charger_id;
    std::string remote_address;
};

// Stores the event with its criticality from the whitepaper's table and publishes "security.event", and
// for a critical one "security.alert" too.
ocpp::SecurityEventNotificationResponse store_security_event(
    storage::Repositories& repositories, PendingEvents& events, const ChargerOrigin& origin,
    const ocpp::SecurityEventNotificationRequest& request, storage::Timestamp received_at);

// A CSR as read on the connection's strand, before its storage job: what parse_csr() found or refused.
struct CsrInspection {
    std::string pem;
    std::optional<CertificateSigningRequest> csr;
    std::string problem;  // when csr is empty
};
CsrInspection inspect_csr(std::string pem);

// Checks the CSR's common name against the charger (its identity, or the serial number from its last boot)
// and stores the request: "pending" and Accepted when it passes, "invalid" and Rejected (with a security
// event) when it does not. Publishes "certificate.requested", which ParkGrid's own CA acts on.
ocpp::SignCertificateResponse store_certificate_request(storage::Repositories& repositories,
                                                        PendingEvents& events, const ChargerOrigin& origin,
                                                        const CsrInspection& inspection, CommonNameRule rule,
                                                        storage::Timestamp received_at);

// Applies the notification to the GetLog it names (an unknown requestId is answered all the same and
// recorded as an anomaly); publishes "log.status".
ocpp::LogStatusNotificationResponse store_log_status(storage::Repositories& repositories,
                                                     PendingEvents& events, const std::string& charger_id,
                                                     const ocpp::LogStatusNotificationRequest& request,
                                                     storage::Timestamp received_at);

// Applies the notification to the SignedUpdateFirmware it names, like store_log_status; the status also
// becomes the charger's firmwareStatus. Publishes "signed_firmware.status".
ocpp::SignedFirmwareStatusNotificationResponse store_signed_firmware_status(
    storage::Repositories& repositories, PendingEvents& events, const std::string& charger_id,
    const ocpp::SignedFirmwareStatusNotificationRequest& request, storage::Timestamp received_at);

}  // namespace parkgrid::server::security
