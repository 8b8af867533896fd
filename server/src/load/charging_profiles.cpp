#include "charging_profiles.hpp"

#include <chrono>

namespace parkgrid::server::load {
namespace {

ocpp::ChargingSchedule constant_schedule(double limit_a) {
    ocpp::ChargingSchedule schedule;
    schedule.charging_rate_unit = ocpp::ChargingRateUnit::A;
    schedule.charging_schedule_period.push_back({0, ocpp::DecimalOnePlace::rounded(limit_a), std::nullopt});
    return schedule;
}

// Absolute profiles start at a fixed instant in the past, so they apply at once and for good whatever the
// charger's clock says.
ocpp::ChargingSchedule constant_schedule_from_epoch(double limit_a) {
    auto schedule = constant_schedule(limit_a);
    schedule.start_schedule = ocpp::DateTime(std::chrono::sys_days{std::chrono::year{2020} / 1 / 1});
    return schedule;
}

// A profile on connector 0, which applies to the whole charger.
ocpp::SetChargingProfileRequest whole_charger_profile(std::int32_t id, ocpp::ChargingProfilePurpose purpose,
                                                      double limit_a) {
    ocpp::SetChargingProfileRequest request;
    request.connector_id = 0;
    auto& profile = request.cs_charging_profiles;
    profile.charging_profile_id = id;
    profile.charging_profile_purpose = purpose;
    profile.charging_profile_kind = ocpp::ChargingProfileKind::Absolute;
    profile.charging_schedule = constant_schedule_from_epoch(limit_a);
    return request;
}

}  // namespace

ocpp::SetChargingProfileRequest tx_profile(std::int32_t connector_id, std::int32_t transaction_id,
                                           double limit_a) {
    ocpp::SetChargingProfileRequest request;
    request.connector_id = connector_id;
    auto& profile = request.cs_charging_profiles;
    profile.charging_profile_id = kTxProfileIdBase + connector_id;
    profile.transaction_id = transaction_id;
    profile.charging_profile_purpose = ocpp::ChargingProfilePurpose::TxProfile;
    profile.charging_profile_kind = ocpp::ChargingProfileKind::Relative;
    profile.charging_schedule = constant_schedule(limit_a);
    return request;
}

ocpp::SetChargingProfileRequest tx_default_profile(double limit_a) {
    return whole_charger_profile(kTxDefaultProfileId, ocpp::ChargingProfilePurpose::TxDefaultProfile,
                                 limit_a);
}

ocpp::SetChargingProfileRequest charge_point_max_profile(double limit_a) {
    return whole_charger_profile(kChargePointMaxProfileId,
                                 ocpp::ChargingProfilePurpose::ChargePointMaxProfile, limit_a);
}

}  // namespace parkgrid::server::load
