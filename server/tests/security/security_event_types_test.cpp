#include "security/security_event_types.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::security {
namespace {

TEST(SecurityEventTypesTest, CriticalAreExactlyThoseTheWhitepaperMarks) {
    for (const auto* type : {"FirmwareUpdated", "SettingSystemTime", "StartupOfTheDevice", "ResetOrReboot",
                             "SecurityLogWasCleared", "MemoryExhaustion", "TamperDetectionActivated"}) {
        EXPECT_TRUE(is_critical_security_event(type)) << type;
    }
    for (const auto* type :
         {"FailedToAuthenticateAtCentralSystem", "CentralSystemFailedToAuthenticate",
          "ReconfigurationOfSecurityParameters", "InvalidMessages", "AttemptedReplayAttacks",
          "InvalidFirmwareSignature", "InvalidFirmwareSigningCertificate", "InvalidCentralSystemCertificate",
          "InvalidChargePointCertificate", "InvalidTLSVersion", "InvalidTLSCipherSuite"}) {
        EXPECT_FALSE(is_critical_security_event(type)) << type;
    }
}

TEST(SecurityEventTypesTest, TypesAreCaseInsensitiveAndUnknownOnesAreNotCritical) {
    EXPECT_TRUE(is_critical_security_event("tamperdetectionactivated"));
    EXPECT_FALSE(is_critical_security_event("VendorDoorOpened"));
    EXPECT_FALSE(is_critical_security_event(""));
    EXPECT_FALSE(is_critical_security_event("FirmwareUpdatedX"));
}

}  // namespace
}  // namespace parkgrid::server::security
