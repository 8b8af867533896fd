#include "load/charging_profiles.hpp"

#include <gtest/gtest.h>

#include "parkgrid/ocpp/codec.hpp"
#include "parkgrid/ocpp/dispatcher.hpp"

namespace parkgrid::server::load {
namespace {

nlohmann::json valid_payload(const ocpp::SetChargingProfileRequest& request) {
    const auto payload = ocpp::encode(request);
    EXPECT_NO_THROW(ocpp::validate_request("SetChargingProfile", payload)) << payload.dump();
    return payload;
}

TEST(ChargingProfilesTest, TxProfileLimitsOneTransactionInAmperesFromItsStart) {
    const auto payload = valid_payload(tx_profile(2, 4711, 13.37));
    const auto& profile = payload.at("csChargingProfiles");
    EXPECT_EQ(payload.at("connectorId"), 2);
    EXPECT_EQ(profile.at("chargingProfileId"), kTxProfileIdBase + 2);
    EXPECT_EQ(profile.at("transactionId"), 4711);
    EXPECT_EQ(profile.at("stackLevel"), 0);
    EXPECT_EQ(profile.at("chargingProfilePurpose"), "TxProfile");
    EXPECT_EQ(profile.at("chargingProfileKind"), "Relative");
    const auto& schedule = profile.at("chargingSchedule");
    EXPECT_EQ(schedule.at("chargingRateUnit"), "A");
    EXPECT_FALSE(schedule.contains("startSchedule"));
    ASSERT_EQ(schedule.at("chargingSchedulePeriod").size(), 1u);
    EXPECT_EQ(schedule.at("chargingSchedulePeriod")[0].at("startPeriod"), 0);
    EXPECT_DOUBLE_EQ(schedule.at("chargingSchedulePeriod")[0].at("limit").get<double>(), 13.4);
}

TEST(ChargingProfilesTest, DefaultAndMaximumProfilesSitOnConnectorZeroAndApplyAtOnce) {
    for (const auto& [request, purpose, id] :
         {std::tuple(tx_default_profile(6), "TxDefaultProfile", kTxDefaultProfileId),
          std::tuple(charge_point_max_profile(16), "ChargePointMaxProfile", kChargePointMaxProfileId)}) {
        const auto payload = valid_payload(request);
        const auto& profile = payload.at("csChargingProfiles");
        EXPECT_EQ(payload.at("connectorId"), 0);
        EXPECT_EQ(profile.at("chargingProfilePurpose"), purpose);
        EXPECT_EQ(profile.at("chargingProfileId"), id);
        EXPECT_FALSE(profile.contains("transactionId"));
        EXPECT_EQ(profile.at("chargingProfileKind"), "Absolute");
        EXPECT_EQ(profile.at("chargingSchedule").at("startSchedule"), "2020-01-01T00:00:00Z");
    }
}

}  // namespace
}  // namespace parkgrid::server::load
