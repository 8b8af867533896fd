#pragma once

#include <string_view>

// Kinds of anomalies ParkGrid records when a charger reports something it answers but does not trust.
// They are shown to operators and feed the data-quality checks of energy reports.
namespace parkgrid::server::anomaly {

inline constexpr std::string_view kStartNotAuthorized = "start_not_authorized";  // tag not Accepted at start
inline constexpr std::string_view kOverlappingTransaction =
    "overlapping_transaction";  // new start, old still open
inline constexpr std::string_view kUnknownTransaction =
    "unknown_transaction";  // stop or meter values for an id we never issued
inline constexpr std::string_view kForeignTransaction =
    "foreign_transaction";                                                // another charger's transaction
inline constexpr std::string_view kConflictingStop = "conflicting_stop";  // second, different stop
inline constexpr std::string_view kMeterStopBelowStart = "meter_stop_below_start";
inline constexpr std::string_view kStopBeforeStart = "stop_before_start";
inline constexpr std::string_view kUnknownReservation = "unknown_reservation";  // reservationId not open here
inline constexpr std::string_view kTimestampInFuture = "timestamp_in_future";
inline constexpr std::string_view kUnknownLogRequest = "unknown_log_request";  // no such GetLog here
inline constexpr std::string_view kUnknownFirmwareRequest =
    "unknown_firmware_request";  // no such SignedUpdateFirmware here

}  // namespace parkgrid::server::anomaly
