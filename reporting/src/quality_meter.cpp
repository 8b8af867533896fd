// Per-session checks of the meter samples and of when the session's messages arrived: [1] register decreases,
// [4] sample gaps and late uploads, [6] clock skew, [11] round values.

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "quality_session_checks.hpp"

namespace parkgrid::reporting::quality {
namespace {

// Register values are kWh readings scaled to Wh in floating point; a difference below this is the noise of
// that conversion, not a reading of the meter (whose resolution is 1 Wh at best).
constexpr double kRegisterNoiseWh = 0.01;
// A drop to below this share of the previous reading is the meter starting again from zero, not a decrease.
constexpr double kResetShare = 0.01;
// Samples without a register reading sort before those with one at the same instant.
constexpr double kNoReading = -std::numeric_limits<double>::infinity();
// [4] Below this many distinct sample instants there is no usual interval to compare a gap with.
constexpr std::size_t kMinSamplesForGaps = 3;
// [11] Fewer whole-kWh readings than this are likely by chance.
constexpr std::size_t kMinRoundSamples = 3;

std::string charger_name(const SessionContext& context) {
    return context.charger_id.empty() ? std::string("the charger") : "charger " + context.charger_id;
}

void report_drop(const SessionFacts& facts, double from, double to, Millis at,
                 std::vector<Finding>& findings) {
    const bool reset = to <= 0 || to < from * kResetShare;
    std::string message = "The energy register of " + transaction_name(facts.context) + " fell from " +
                          format_number(from, 0) + " Wh to " + format_number(to, 0) + " Wh at " +
                          format_instant(at) + (reset ? ", a reset of the meter." : ".");
    findings.push_back(session_finding(facts.context,
                                       reset ? finding::kRegisterReset : finding::kRegisterDecrease,
                                       Severity::Error, session_key(facts.context).add("at", at),
                                       std::move(message), {{"from", from}, {"to", to}, {"at", at}}));
}

bool is_whole_kwh(double wh) {
    return std::abs(wh - kWhPerKwh * std::round(wh / kWhPerKwh)) < kRegisterNoiseWh;
}

}  // namespace

std::vector<MeterSample> samples_by_time(const std::vector<MeterSample>& samples) {
    std::vector<MeterSample> sorted = samples;
    // Within one timestamp the true order is unknown; taking register values ascending there means one
    // instant yields at most one decrease, and so one key.
    std::sort(sorted.begin(), sorted.end(), [](const MeterSample& a, const MeterSample& b) {
        const double a_wh = a.energy_wh.value_or(kNoReading);
        const double b_wh = b.energy_wh.value_or(kNoReading);
        if (a.at != b.at) {
            return a.at < b.at;
        }
        if (a_wh != b_wh) {
            return a_wh < b_wh;
        }
        return a.received_at < b.received_at;
    });
    return sorted;
}

void check_register(const SessionFacts& facts, std::vector<Finding>& findings) {
    std::optional<double> previous;
    bool has_register = false;
    for (const auto& sample : facts.samples) {
        if (!sample.energy_wh) {
            continue;
        }
        has_register = true;
        if (previous && *sample.energy_wh < *previous - kRegisterNoiseWh) {
            report_drop(facts, *previous, *sample.energy_wh, sample.at, findings);
        }
        previous = sample.energy_wh;
    }
    // Without samples meterStart and meterStop are the only two readings of the register.
    const MeterSession& session = facts.session;
    if (!has_register && is_finished(session) && *session.meter_stop_wh < session.meter_start_wh) {
        report_drop(facts, static_cast<double>(session.meter_start_wh),
                    static_cast<double>(*session.meter_stop_wh), *session.stop_at, findings);
    }
}

void check_sample_gap(const SessionFacts& facts, std::vector<Finding>& findings) {
    // Distinct instants: a sample repeated at one timestamp is not a zero interval that would shrink the
    // usual interval.
    std::vector<Millis> instants;
    for (const auto& sample : facts.samples) {
        if (instants.empty() || instants.back() != sample.at) {
            instants.push_back(sample.at);
        }
    }
    if (instants.size() < kMinSamplesForGaps) {
        return;
    }
    std::vector<double> intervals;
    for (std::size_t i = 1; i < instants.size(); ++i) {
        intervals.push_back(static_cast<double>(instants[i] - instants[i - 1]));
    }
    std::vector<double> sorted = intervals;
    std::sort(sorted.begin(), sorted.end());
    const double usual = quantile_of_sorted(sorted, 0.5);

    std::size_t gaps = 0;
    std::optional<std::size_t> longest;
    for (std::size_t i = 0; i < intervals.size(); ++i) {
        if (intervals[i] > facts.limits.gap_intervals * usual &&
            intervals[i] > static_cast<double>(facts.limits.min_gap_ms)) {
            ++gaps;
            if (!longest || intervals[i] > intervals[*longest]) {
                longest = i;
            }
        }
    }
    if (!longest) {
        return;
    }
    const Millis from = instants[*longest];
    const Millis to = instants[*longest + 1];
    const auto usual_ms = static_cast<std::int64_t>(std::llround(usual));
    std::string message = capitalised(transaction_name(facts.context)) + " sent no meter sample for " +
                          format_duration(to - from) + " from " + format_instant(from) +
                          " while its usual interval is " + format_duration(usual_ms) + " (" +
                          std::to_string(gaps) + (gaps == 1 ? " such gap)." : " such gaps).");
    // One finding per session, the longest gap, so that a flaky connection does not flood the review.
    findings.push_back(session_finding(facts.context, finding::kSampleGap, Severity::Warning,
                                       session_key(facts.context), std::move(message),
                                       {{"gapStartAt", from},
                                        {"gapEndAt", to},
                                        {"gapMs", to - from},
                                        {"usualIntervalMs", usual_ms},
                                        {"gapCount", gaps}}));
}

// A session kept by an offline charger reaches the central system in one burst after it came back: its
// messages arrive within a moment although their timestamps span the session. Then no message was live and
// the offsets measure the wait, not the clock. A skewed clock instead delays every live message alike, so
// the receive times are as far apart as the timestamps.
bool uploaded_in_one_burst(const SessionFacts& facts) {
    const MeterSession& session = facts.session;
    std::vector<std::pair<Millis, Millis>> instants;  // timestamp, received
    if (session.start_received_at > 0) {
        instants.emplace_back(session.start_at, session.start_received_at);
    }
    if (session.stop_at && session.stop_received_at && *session.stop_received_at > 0) {
        instants.emplace_back(*session.stop_at, *session.stop_received_at);
    }
    for (const auto& sample : facts.samples) {
        if (sample.received_at > 0) {
            instants.emplace_back(sample.at, sample.received_at);
        }
    }
    if (instants.size() < 2) {
        return false;
    }
    const auto [first_at, last_at] = std::minmax_element(
        instants.begin(), instants.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    const auto [first_received, last_received] = std::minmax_element(
        instants.begin(), instants.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    const Millis timestamp_span = last_at->first - first_at->first;
    const Millis received_span = last_received->second - first_received->second;
    return timestamp_span > facts.limits.late_upload_ms && received_span * 2 < timestamp_span;
}

void check_timing(const SessionFacts& facts, std::vector<Finding>& findings) {
    const MeterSession& session = facts.session;
    const QualityLimits& limits = facts.limits;
    // A receive time of 0 is one that was not recorded.
    const bool start_known = session.start_received_at > 0;
    const bool stop_known = session.stop_at && session.stop_received_at && *session.stop_received_at > 0;

    // Offsets received - timestamp of every instant known both ways. A live message arrives within seconds,
    // so the smallest offset is the clock's error; a queued upload only adds to some offsets.
    std::vector<std::int64_t> offsets;
    if (start_known) {
        offsets.push_back(session.start_received_at - session.start_at);
    }
    if (stop_known) {
        offsets.push_back(*session.stop_received_at - *session.stop_at);
    }
    for (const auto& sample : facts.samples) {
        if (sample.received_at > 0) {
            offsets.push_back(sample.received_at - sample.at);
        }
    }
    if (offsets.empty()) {
        return;
    }
    const std::int64_t offset =
        *std::min_element(offsets.begin(), offsets.end(), [](std::int64_t a, std::int64_t b) {
            return std::llabs(a) != std::llabs(b) ? std::llabs(a) < std::llabs(b) : a < b;
        });
    if (std::llabs(offset) > limits.clock_skew_ms && !uploaded_in_one_burst(facts)) {
        std::string message = "The clock of " + charger_name(facts.context) + " was about " +
                              format_duration(std::llabs(offset)) + (offset > 0 ? " behind" : " ahead") +
                              " during " + transaction_name(facts.context) +
                              ": no message of the session arrived closer to its timestamp.";
        findings.push_back(session_finding(facts.context, finding::kClockSkew, Severity::Warning,
                                           session_key(facts.context), std::move(message),
                                           {{"offsetMs", offset},
                                            {"instants", offsets.size()},
                                            {"clockSkewLimitMs", limits.clock_skew_ms}}));
        // Every message of a skewed clock looks late by the skew: that is not a late upload.
        return;
    }

    const std::optional<std::int64_t> start_delay =
        start_known ? std::optional(session.start_received_at - session.start_at) : std::nullopt;
    const std::optional<std::int64_t> stop_delay =
        stop_known ? std::optional(*session.stop_received_at - *session.stop_at) : std::nullopt;
    const bool start_late = start_delay && *start_delay > limits.late_upload_ms;
    const bool stop_late = stop_delay && *stop_delay > limits.late_upload_ms;
    if (!start_late && !stop_late) {
        return;
    }
    std::string message;
    nlohmann::json late = nlohmann::json::array();
    if (start_late && stop_late) {
        message = "The start and the stop of " + transaction_name(facts.context) +
                  " reached the central system " + format_duration(*start_delay) + " and " +
                  format_duration(*stop_delay) + " after their timestamps.";
        late = {"start", "stop"};
    } else {
        const std::int64_t delay = start_late ? *start_delay : *stop_delay;
        message = std::string(start_late ? "The start" : "The stop") + " of " +
                  transaction_name(facts.context) + " reached the central system " + format_duration(delay) +
                  " after its timestamp.";
        late.push_back(start_late ? "start" : "stop");
    }
    findings.push_back(session_finding(
        facts.context, finding::kLateUpload, Severity::Info, session_key(facts.context), std::move(message),
        {{"late", late},
         {"startDelayMs", start_delay ? nlohmann::json(*start_delay) : nlohmann::json(nullptr)},
         {"stopDelayMs", stop_delay ? nlohmann::json(*stop_delay) : nlohmann::json(nullptr)},
         {"lateUploadMs", limits.late_upload_ms}}));
}

void check_round_values(const SessionFacts& facts, std::vector<Finding>& findings) {
    const MeterSession& session = facts.session;
    if (!is_finished(session)) {
        return;
    }
    std::vector<double> readings;
    for (const auto& sample : facts.samples) {
        if (sample.energy_wh) {
            readings.push_back(*sample.energy_wh);
        }
    }
    nlohmann::json evidence;
    if (readings.size() >= kMinRoundSamples) {
        // The register must also have moved: the same whole-kWh value repeated is one reading, not several.
        const auto [low, high] = std::minmax_element(readings.begin(), readings.end());
        if (*high - *low < kRegisterNoiseWh || !std::all_of(readings.begin(), readings.end(), is_whole_kwh)) {
            return;
        }
        evidence = {{"samples", readings.size()}, {"firstWh", readings.front()}, {"lastWh", readings.back()}};
    } else if (readings.empty()) {
        const std::int64_t start = session.meter_start_wh;
        const std::int64_t stop = *session.meter_stop_wh;
        if (start == stop || start % 1000 != 0 || stop % 1000 != 0) {
            return;
        }
        evidence = {{"meterStartWh", start}, {"meterStopWh", stop}};
    } else {
        return;
    }
    std::string message =
        "The meter of " + transaction_name(facts.context) +
        " reported only whole kWh, coarser than the 0.001 kWh resolution JJG 1148 requires.";
    findings.push_back(session_finding(facts.context, finding::kRoundValues, Severity::Info,
                                       session_key(facts.context), std::move(message), std::move(evidence)));
}

}  // namespace parkgrid::reporting::quality
