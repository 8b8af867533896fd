#pragma once

// Data-quality checks of charging records, the kind an energy-statistics review (会审) would run: each
// returns findings with a stable kind, a severity and the evidence, and nothing when the data is plausible.
// Pure functions over plain values; the server gathers the inputs, stores the findings and runs the checks
// continuously and on demand.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/reporting/accounting.hpp"
#include "parkgrid/reporting/meter_session.hpp"

namespace parkgrid::reporting {

enum class Severity { Info, Warning, Error };
std::string_view to_string(Severity severity);

// Finding kinds, one per check (the numbering in brackets).
namespace finding {
inline constexpr std::string_view kRegisterDecrease = "register_decrease";                // [1]
inline constexpr std::string_view kRegisterReset = "register_reset";                      // [1]
inline constexpr std::string_view kAboveRatedPower = "energy_above_rated_power";          // [2]
inline constexpr std::string_view kAboveBattery = "energy_above_battery";                 // [2]
inline constexpr std::string_view kZeroEnergy = "zero_energy";                            // [3]
inline constexpr std::string_view kOpenTooLong = "open_too_long";                         // [3]
inline constexpr std::string_view kSampleGap = "sample_gap";                              // [4]
inline constexpr std::string_view kLateUpload = "late_upload";                            // [4]
inline constexpr std::string_view kOverlappingTransactions = "overlapping_transactions";  // [5]
inline constexpr std::string_view kDuplicateTransaction = "duplicate_transaction";        // [5]
inline constexpr std::string_view kClockSkew = "clock_skew";                              // [6]
inline constexpr std::string_view kTouMismatch = "tou_parts_mismatch";                    // [7]
inline constexpr std::string_view kUnattributedEnergy = "unattributed_energy";            // [8]
inline constexpr std::string_view kPeriodChange = "period_change";                        // [9]
inline constexpr std::string_view kConsumptionOutlier = "consumption_outlier";            // [10]
inline constexpr std::string_view kPhevNotCharged = "phev_not_charged";                   // [10]
inline constexpr std::string_view kRoundValues = "round_values";                          // [11]
inline constexpr std::string_view kRepeatedValues = "repeated_values";                    // [11]
inline constexpr std::string_view kUnknownIdTag = "unknown_id_tag";                       // [12]
inline constexpr std::string_view kRejectedIdTag = "rejected_id_tag";                     // [12]
}  // namespace finding

// What a finding is about; unset members do not apply. The server fills in what the check cannot know
// (e.g. the institution of a transaction).
struct FindingSubject {
    std::optional<std::int32_t> transaction_id{};
    std::optional<std::string> charger_id{};
    std::optional<std::int32_t> connector_id{};
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::string> period{};  // "2026-03", "2026-Q1", "2026" for period-level checks
};

struct Finding {
    std::string kind;
    Severity severity = Severity::Warning;
    std::string message;      // one English sentence for people
    nlohmann::json evidence;  // the figures that triggered it, as an object
    FindingSubject subject{};
    // A stable identity: running a check again over the same data yields the same key, so stored findings
    // are not duplicated. Built from kind and subject (and, where one subject can have several, a detail).
    std::string key;
};

struct QualityLimits {
    std::int64_t open_session_limit_ms = 24LL * 3600 * 1000;  // [3]
    double gap_intervals = 3;                                 // [4] gap > this many usual sample intervals
    std::int64_t min_gap_ms = 5 * 60 * 1000;                  // [4] ... and longer than this
    std::int64_t late_upload_ms = 15 * 60 * 1000;             // [4]
    std::int64_t clock_skew_ms = 3 * 60 * 1000;               // [6] JJG 1148/1149: at most 3 min
    std::int64_t unattributed_wh = 100;                       // [8] register change between sessions
    double period_change_share = 0.10;                        // [9]
    double min_kwh_per_100km = 8;                             // [10] plausible range for passenger cars
    double max_kwh_per_100km = 40;                            // [10]
    double power_tolerance = 1.10;                            // [2] rated power x duration x this
    double battery_tolerance = 1.15;                          // [2] charging losses and SoC rounding
    std::int64_t duplicate_start_window_ms = 5 * 60 * 1000;   // [5]
    std::size_t repeated_energy_count = 3;                    // [11] same energy on this many sessions
};

// ---- Checks of one session, run when it is accounted (and [3] open_too_long on running ones) ----

struct SessionContext {
    std::int32_t transaction_id = 0;
    std::string charger_id;
    std::int32_t connector_id = 0;
    std::string authorization_status = "Accepted";  // as answered at StartTransaction
    bool id_tag_known = true;                       // the tag was in the id-tag list when the session started
    std::optional<double> rated_power_kw{};         // the charger's
    std::optional<double> battery_kwh{};            // the vehicle's
};

// [1] [2] [3 zero energy, and a finished session longer than the limit] [4] [6] [7] [11 round values] [12].
// `account` is account_session(session, ...) for a finished session, nullopt for a running one.
std::vector<Finding> check_session(const MeterSession& session, const std::optional<SessionAccount>& account,
                                   const SessionContext& context, const QualityLimits& limits);

// [3] A running session open longer than the limit at `now`.
std::optional<Finding> check_open_session(const MeterSession& session, const SessionContext& context,
                                          Millis now, const QualityLimits& limits);

// ---- Checks across the sessions of one connector ----

struct ConnectorSession {
    std::int32_t transaction_id = 0;
    std::string id_tag;
    Millis start_at = 0;
    std::optional<Millis> stop_at{};  // unset: still running
    std::int64_t meter_start_wh = 0;
    std::optional<std::int64_t> meter_stop_wh{};
};

// [5] overlapping and duplicate transactions, [8] register change between consecutive sessions. `sessions`
// are those of one connector of `charger_id`, in any order.
std::vector<Finding> check_connector_history(const std::string& charger_id, std::int32_t connector_id,
                                             std::vector<ConnectorSession> sessions,
                                             const QualityLimits& limits);

// [11] The same non-zero session energy on `repeated_energy_count` or more finished sessions of a charger in
// one period: `energies_wh` are the session energies of that charger in `period`.
std::optional<Finding> check_repeated_energy(
    const std::string& charger_id, const std::string& period,
    const std::vector<std::pair<std::int32_t, std::int64_t>>& energies_wh, const QualityLimits& limits);

// ---- Checks of an institution's period figures ----

struct PeriodFigures {
    std::string period;  // "2026-03", "2026-Q1", "2026"
    std::int64_t wh = 0;
    std::int64_t vehicles = 0;  // in service at the end of the period
    std::int64_t chargers = 0;
};

// [9] Change of more than the limit against the previous period, for energy, vehicle count and charger
// count (one finding per figure that changed). Nothing when the previous period is empty for that figure.
std::vector<Finding> check_period_change(std::int64_t institution_id, const PeriodFigures& previous,
                                         const PeriodFigures& current, const QualityLimits& limits);

struct VehiclePeriod {
    std::int64_t vehicle_id = 0;
    std::string kind;  // BEV, PHEV, petrol, diesel
    std::int64_t charged_wh = 0;
    std::int64_t sessions = 0;
    std::optional<double> distance_km{};  // from odometer readings; unset without two readings
};

// [10] kWh/100 km outside the plausible range, or far from the rest of the fleet (outside the inter-quartile
// fences Q1 - 1.5 IQR, Q3 + 1.5 IQR when at least 4 vehicles have a figure), and plug-in hybrids in service
// that were never charged in the period.
std::vector<Finding> check_fleet_consumption(std::int64_t institution_id, const std::string& period,
                                             const std::vector<VehiclePeriod>& vehicles,
                                             const QualityLimits& limits);

}  // namespace parkgrid::reporting
