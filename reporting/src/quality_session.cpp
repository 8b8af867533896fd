// Per-session checks of the session as a whole — [2] energy against rated power and battery, [3] zero energy
// and sessions open too long, [7] time-of-use parts, [12] id tag — and check_session, which runs them with
// those of quality_meter.cpp.

#include <utility>

#include "quality_session_checks.hpp"

namespace parkgrid::reporting::quality {
namespace {

constexpr double kMsPerHour = 3600.0 * 1000;
// [2] A state of charge that rose by less than this is rounding of the display, not charging.
constexpr double kMinSocRise = 1;

void check_energy_plausibility(const SessionFacts& facts, std::vector<Finding>& findings) {
    if (!facts.account) {
        return;
    }
    const std::int64_t total_wh = facts.account->total_wh;
    const SessionContext& context = facts.context;
    const QualityLimits& limits = facts.limits;

    if (context.rated_power_kw && *context.rated_power_kw > 0 && is_finished(facts.session)) {
        const std::int64_t duration_ms = *facts.session.stop_at - facts.session.start_at;
        const double max_wh = *context.rated_power_kw * static_cast<double>(duration_ms) / kMsPerHour *
                              kWhPerKwh * limits.power_tolerance;
        if (static_cast<double>(total_wh) > max_wh) {
            std::string message =
                capitalised(transaction_name(context)) + " took " + std::to_string(total_wh) + " Wh in " +
                format_duration(duration_ms) + ", more than the " + format_number(max_wh, 0) + " Wh a " +
                format_number(*context.rated_power_kw, 1) + " kW charger can deliver in that time.";
            findings.push_back(session_finding(context, finding::kAboveRatedPower, Severity::Error,
                                               session_key(context), std::move(message),
                                               {{"totalWh", total_wh},
                                                {"ratedPowerKw", *context.rated_power_kw},
                                                {"durationMs", duration_ms},
                                                {"maxWh", rounded(max_wh)},
                                                {"powerTolerance", limits.power_tolerance}}));
        }
    }

    if (context.battery_kwh && *context.battery_kwh > 0) {
        std::optional<double> first_soc;
        std::optional<double> last_soc;
        std::size_t soc_samples = 0;
        for (const auto& sample : facts.samples) {
            if (sample.soc_percent) {
                first_soc = first_soc.value_or(*sample.soc_percent);
                last_soc = sample.soc_percent;
                ++soc_samples;
            }
        }
        if (soc_samples < 2 || *last_soc - *first_soc < kMinSocRise) {
            return;
        }
        const double max_wh =
            *context.battery_kwh * kWhPerKwh * (*last_soc - *first_soc) / 100 * limits.battery_tolerance;
        if (static_cast<double>(total_wh) > max_wh) {
            std::string message = capitalised(transaction_name(context)) + " took " +
                                  std::to_string(total_wh) + " Wh while the state of charge of the " +
                                  format_number(*context.battery_kwh, 1) + " kWh battery rose from " +
                                  format_number(*first_soc, 0) + "% to " + format_number(*last_soc, 0) +
                                  "%, more than the " + format_number(max_wh, 0) +
                                  " Wh such a rise can take.";
            findings.push_back(session_finding(context, finding::kAboveBattery, Severity::Warning,
                                               session_key(context), std::move(message),
                                               {{"totalWh", total_wh},
                                                {"batteryKwh", *context.battery_kwh},
                                                {"firstSocPercent", *first_soc},
                                                {"lastSocPercent", *last_soc},
                                                {"maxWh", rounded(max_wh)},
                                                {"batteryTolerance", limits.battery_tolerance}}));
        }
    }
}

// [3] Shared by the finished and the running case, so that a session found running and later finished is
// one finding (one key).
std::optional<Finding> open_too_long(const MeterSession& session, const SessionContext& context, Millis until,
                                     bool running, const QualityLimits& limits) {
    const std::int64_t open_ms = until - session.start_at;
    if (open_ms <= limits.open_session_limit_ms) {
        return std::nullopt;
    }
    std::string message = capitalised(transaction_name(context)) +
                          (running ? " has been open for " : " was open for ") + format_duration(open_ms) +
                          " since " + format_instant(session.start_at) + ", longer than the limit of " +
                          format_duration(limits.open_session_limit_ms) + ".";
    return session_finding(context, finding::kOpenTooLong, Severity::Warning, session_key(context),
                           std::move(message),
                           {{"startAt", session.start_at},
                            {"until", until},
                            {"running", running},
                            {"openMs", open_ms},
                            {"limitMs", limits.open_session_limit_ms}});
}

void check_zero_energy_and_duration(const SessionFacts& facts, std::vector<Finding>& findings) {
    if (facts.account && facts.account->total_wh == 0) {
        nlohmann::json evidence = {{"totalWh", 0}, {"meterStartWh", facts.session.meter_start_wh}};
        if (facts.session.meter_stop_wh) {
            evidence["meterStopWh"] = *facts.session.meter_stop_wh;
        }
        findings.push_back(session_finding(
            facts.context, finding::kZeroEnergy, Severity::Warning, session_key(facts.context),
            capitalised(transaction_name(facts.context)) + " ended without taking any energy.",
            std::move(evidence)));
    }
    if (is_finished(facts.session)) {
        if (auto found =
                open_too_long(facts.session, facts.context, *facts.session.stop_at, false, facts.limits)) {
            findings.push_back(std::move(*found));
        }
    }
}

void check_tou_parts(const SessionFacts& facts, std::vector<Finding>& findings) {
    if (!facts.account) {
        return;
    }
    const SessionAccount& account = *facts.account;
    std::int64_t classified_wh = 0;
    std::int64_t unclassified_wh = 0;
    for (const auto& part : account.parts) {
        (part.tou_kind == kUnclassified ? unclassified_wh : classified_wh) += part.wh;
    }
    const std::int64_t parts_wh = classified_wh + unclassified_wh;
    if (classified_wh == account.total_wh) {
        return;
    }
    // Parts that do not add up to the total are an accounting fault, worse than energy outside the tariff.
    const bool parts_wrong = parts_wh != account.total_wh;
    std::string message =
        parts_wrong ? capitalised(transaction_name(facts.context)) + "'s energy parts add up to " +
                          std::to_string(parts_wh) + " Wh instead of its total of " +
                          std::to_string(account.total_wh) + " Wh."
                    : std::to_string(unclassified_wh) + " Wh of the " + std::to_string(account.total_wh) +
                          " Wh of " + transaction_name(facts.context) +
                          " fell outside every time-of-use period of the site's tariff.";
    findings.push_back(session_finding(facts.context, finding::kTouMismatch,
                                       parts_wrong ? Severity::Error : Severity::Warning,
                                       session_key(facts.context), std::move(message),
                                       {{"totalWh", account.total_wh},
                                        {"classifiedWh", classified_wh},
                                        {"unclassifiedWh", unclassified_wh},
                                        {"partsWh", parts_wh}}));
}

void check_id_tag(const SessionFacts& facts, std::vector<Finding>& findings) {
    const SessionContext& context = facts.context;
    const nlohmann::json evidence = {{"authorizationStatus", context.authorization_status},
                                     {"idTagKnown", context.id_tag_known}};
    // An unknown tag is usually also not accepted; the unknown tag is the cause to report.
    if (!context.id_tag_known) {
        findings.push_back(session_finding(
            context, finding::kUnknownIdTag, Severity::Warning, session_key(context),
            capitalised(transaction_name(context)) + " was started with an id tag not in the list.",
            evidence));
    } else if (context.authorization_status != "Accepted") {
        findings.push_back(session_finding(
            context, finding::kRejectedIdTag, Severity::Warning, session_key(context),
            capitalised(transaction_name(context)) + " was started with an id tag whose authorization was " +
                context.authorization_status + ".",
            evidence));
    }
}

}  // namespace

std::string transaction_name(const SessionContext& context) {
    return "transaction " + std::to_string(context.transaction_id);
}

bool is_finished(const MeterSession& session) {
    return session.stop_at && session.meter_stop_wh;
}

FindingKey session_key(const SessionContext& context) {
    return FindingKey().add("tx", context.transaction_id);
}

Finding session_finding(const SessionContext& context, std::string_view kind, Severity severity,
                        const FindingKey& identity, std::string message, nlohmann::json evidence) {
    return make_finding(kind, severity,
                        transaction_subject(context.transaction_id, context.charger_id, context.connector_id),
                        identity, std::move(message), std::move(evidence));
}

}  // namespace parkgrid::reporting::quality

namespace parkgrid::reporting {

std::vector<Finding> check_session(const MeterSession& session, const std::optional<SessionAccount>& account,
                                   const SessionContext& context, const QualityLimits& limits) {
    using namespace quality;
    const SessionFacts facts{session, account, context, limits, samples_by_time(session.samples)};
    std::vector<Finding> findings;
    check_register(facts, findings);
    check_energy_plausibility(facts, findings);
    check_zero_energy_and_duration(facts, findings);
    check_sample_gap(facts, findings);
    check_timing(facts, findings);
    check_tou_parts(facts, findings);
    check_round_values(facts, findings);
    check_id_tag(facts, findings);
    return findings;
}

std::optional<Finding> check_open_session(const MeterSession& session, const SessionContext& context,
                                          Millis now, const QualityLimits& limits) {
    // A stopped session is check_session's, with its actual duration.
    if (session.stop_at) {
        return std::nullopt;
    }
    return quality::open_too_long(session, context, now, true, limits);
}

}  // namespace parkgrid::reporting
