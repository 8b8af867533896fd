#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class ChargingProfilePurpose { ChargePointMaxProfile, TxDefaultProfile, TxProfile };
PARKGRID_OCPP_ENUM(ChargingProfilePurpose, {ChargePointMaxProfile, "ChargePointMaxProfile"},
                   {TxDefaultProfile, "TxDefaultProfile"}, {TxProfile, "TxProfile"});

enum class ChargingProfileKind { Absolute, Recurring, Relative };
PARKGRID_OCPP_ENUM(ChargingProfileKind, {Absolute, "Absolute"}, {Recurring, "Recurring"},
                   {Relative, "Relative"});

enum class RecurrencyKind { Daily, Weekly };
PARKGRID_OCPP_ENUM(RecurrencyKind, {Daily, "Daily"}, {Weekly, "Weekly"});

enum class ChargingRateUnit { A, W };
PARKGRID_OCPP_ENUM(ChargingRateUnit, {A, "A"}, {W, "W"});

struct ChargingSchedulePeriod {
    std::int32_t start_period = 0;
    DecimalOnePlace limit;
    std::optional<std::int32_t> number_phases;
};
BOOST_DESCRIBE_STRUCT(ChargingSchedulePeriod, (), (start_period, limit, number_phases))

// The specification requires at least one period, but the official schema has no minItems.
struct ChargingSchedule {
    std::optional<std::int32_t> duration;
    std::optional<DateTime> start_schedule;
    ChargingRateUnit charging_rate_unit{};
    std::vector<ChargingSchedulePeriod> charging_schedule_period;
    std::optional<DecimalOnePlace> min_charging_rate;
};
BOOST_DESCRIBE_STRUCT(ChargingSchedule, (),
                      (duration, start_schedule, charging_rate_unit, charging_schedule_period,
                       min_charging_rate))

struct ChargingProfile {
    std::int32_t charging_profile_id = 0;
    std::optional<std::int32_t> transaction_id;
    std::int32_t stack_level = 0;
    ChargingProfilePurpose charging_profile_purpose{};
    ChargingProfileKind charging_profile_kind{};
    std::optional<RecurrencyKind> recurrency_kind;
    std::optional<DateTime> valid_from;
    std::optional<DateTime> valid_to;
    ChargingSchedule charging_schedule;
};
BOOST_DESCRIBE_STRUCT(ChargingProfile, (),
                      (charging_profile_id, transaction_id, stack_level, charging_profile_purpose,
                       charging_profile_kind, recurrency_kind, valid_from, valid_to, charging_schedule))

}  // namespace parkgrid::ocpp
