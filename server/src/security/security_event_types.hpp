#pragma once

#include <string_view>

// Security event types: the whitepaper's, which chargers send in SecurityEventNotification, and
// ParkGrid's own, which it records when it notices something itself.
namespace parkgrid::server::security {

// Whether the OCPP 1.6 Security Whitepaper (edition 3, appendix "Security events") marks `type` critical:
// FirmwareUpdated, SettingSystemTime, StartupOfTheDevice, ResetOrReboot, SecurityLogWasCleared,
// MemoryExhaustion and TamperDetectionActivated. Types not in the table (vendors may add their own) are not.
bool is_critical_security_event(std::string_view type);

// ParkGrid refused a charger's certificate signing request (SignCertificate answered Rejected).
inline constexpr std::string_view kCsrRejected = "CertificateSigningRequestRejected";

}  // namespace parkgrid::server::security
