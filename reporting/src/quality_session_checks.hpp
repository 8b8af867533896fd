#pragma once

// The per-session checks check_session runs, split by what they read: quality_session.cpp has those of the
// session as a whole (energy, duration, tariff parts, id tag), quality_meter.cpp those of the meter samples
// and message timestamps.

#include <optional>
#include <vector>

#include "finding_builder.hpp"
#include "parkgrid/reporting/quality.hpp"

namespace parkgrid::reporting::quality {

inline constexpr double kWhPerKwh = 1000;

// What every per-session check reads, prepared once.
struct SessionFacts {
    const MeterSession& session;
    const std::optional<SessionAccount>& account;
    const SessionContext& context;
    const QualityLimits& limits;
    std::vector<MeterSample> samples;  // the session's, by charger timestamp
};

// The session's samples by charger timestamp; ties by receive time and then value, so that the same
// samples in any stored order give the same findings (and keys).
std::vector<MeterSample> samples_by_time(const std::vector<MeterSample>& samples);

// Stopped: stop time and meterStop known (only then are duration and meterStop figures checked).
bool is_finished(const MeterSession& session);

// "transaction 42", for messages (capitalised() at the start of one).
std::string transaction_name(const SessionContext& context);

// "tx:<id>", the identity of a per-session finding that a session can have only once.
FindingKey session_key(const SessionContext& context);
// A finding about the session, its subject the transaction, charger and connector.
Finding session_finding(const SessionContext& context, std::string_view kind, Severity severity,
                        const FindingKey& identity, std::string message, nlohmann::json evidence);

// [1] Register decreases and resets within the session.
void check_register(const SessionFacts& facts, std::vector<Finding>& findings);
// [4] The longest gap between samples, far longer than the usual interval.
void check_sample_gap(const SessionFacts& facts, std::vector<Finding>& findings);
// [6] The charger's clock off, or else [4] start or stop uploaded late.
void check_timing(const SessionFacts& facts, std::vector<Finding>& findings);
// [11] Register readings in whole kWh only.
void check_round_values(const SessionFacts& facts, std::vector<Finding>& findings);

}  // namespace parkgrid::reporting::quality
