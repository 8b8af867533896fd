// Per-session data-quality checks: check_session and check_open_session.

#include <gtest/gtest.h>

#include <algorithm>

#include "parkgrid/reporting/quality.hpp"
#include "quality_test_support.hpp"

namespace parkgrid::reporting {
namespace {

using testing::count_kind;
using testing::keys_of;
using testing::kHour;
using testing::kMinute;
using testing::kSecond;
using testing::kT0;
using testing::only_kind;

constexpr Millis kLiveDelay = kSecond;  // how late a live message arrives

MeterSample sample(Millis at, std::optional<double> wh, std::optional<double> soc = std::nullopt) {
    MeterSample s;
    s.at = at;
    s.received_at = at + kLiveDelay;
    s.energy_wh = wh;
    s.soc_percent = soc;
    return s;
}

// A plausible hour of charging: 10000 -> 17000 Wh on a 11 kW charger, samples every 5 min, SoC 20 -> 32 %
// of a 60 kWh battery, every message live.
MeterSession plausible_session() {
    MeterSession session;
    session.start_at = kT0;
    session.start_received_at = kT0 + kLiveDelay;
    session.meter_start_wh = 10000;
    session.stop_at = kT0 + kHour;
    session.stop_received_at = kT0 + kHour + kLiveDelay;
    session.meter_stop_wh = 17000;
    for (int i = 0; i <= 12; ++i) {
        const double wh = i == 12 ? 17000 : 10000 + 583.0 * i + 7;
        session.samples.push_back(sample(kT0 + i * 5 * kMinute, wh, 20 + i));
    }
    return session;
}

SessionAccount account_of(std::int64_t total_wh) {
    SessionAccount account;
    account.total_wh = total_wh;
    account.source = EnergySource::Register;
    EnergyPart part;
    part.local_date = "2023-11-15";
    part.tou_kind = "flat";
    part.wh = total_wh;
    account.parts.push_back(part);
    return account;
}

SessionContext context() {
    SessionContext c;
    c.transaction_id = 42;
    c.charger_id = "CP1";
    c.connector_id = 1;
    c.rated_power_kw = 11;
    c.battery_kwh = 60;
    return c;
}

const QualityLimits kLimits{};

std::vector<Finding> check(const MeterSession& session, std::int64_t total_wh,
                           const SessionContext& c = context()) {
    return check_session(session, account_of(total_wh), c, kLimits);
}

// The same session with its samples in another order must give the same findings and keys.
void expect_stable(const MeterSession& session, std::int64_t total_wh, const SessionContext& c = context()) {
    MeterSession reversed = session;
    std::reverse(reversed.samples.begin(), reversed.samples.end());
    EXPECT_EQ(keys_of(check(session, total_wh, c)), keys_of(check(reversed, total_wh, c)));
    EXPECT_EQ(keys_of(check(session, total_wh, c)), keys_of(check(session, total_wh, c)));
}

TEST(QualitySessionTest, PlausibleSessionHasNoFindings) {
    const auto findings = check(plausible_session(), 7000);
    EXPECT_TRUE(findings.empty()) << findings.front().key;
}

TEST(QualitySessionTest, SeverityNames) {
    EXPECT_EQ(to_string(Severity::Info), "info");
    EXPECT_EQ(to_string(Severity::Warning), "warning");
    EXPECT_EQ(to_string(Severity::Error), "error");
}

// ---- [1] register decrease and reset ----

TEST(QualitySessionTest, RegisterDecreaseIsReportedAtItsInstant) {
    MeterSession session = plausible_session();
    session.samples[5].energy_wh = 12000;  // previous 12339, next 12922
    const auto findings = check(session, 7000);

    const Finding* found = only_kind(findings, finding::kRegisterDecrease);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    const Millis at = kT0 + 25 * kMinute;
    EXPECT_EQ(found->key, "register_decrease:tx:42:at:" + std::to_string(at));
    EXPECT_DOUBLE_EQ(found->evidence["from"].get<double>(), 12339);
    EXPECT_DOUBLE_EQ(found->evidence["to"].get<double>(), 12000);
    EXPECT_EQ(found->evidence["at"].get<Millis>(), at);
    EXPECT_EQ(found->subject.transaction_id, 42);
    EXPECT_EQ(found->subject.charger_id, "CP1");
    EXPECT_EQ(found->subject.connector_id, 1);
    EXPECT_EQ(count_kind(findings, finding::kRegisterReset), 0u);
    expect_stable(session, 7000);
}

TEST(QualitySessionTest, RegisterStandingStillIsNoDecrease) {
    MeterSession session = plausible_session();
    session.samples[5].energy_wh = session.samples[4].energy_wh;
    EXPECT_TRUE(check(session, 7000).empty());
}

TEST(QualitySessionTest, TwoDecreasesAreTwoFindingsWithDifferentKeys) {
    MeterSession session = plausible_session();
    session.samples[3].energy_wh = 10000;
    session.samples[8].energy_wh = 10000;
    const auto findings = check(session, 7000);
    ASSERT_EQ(count_kind(findings, finding::kRegisterDecrease), 2u);
    EXPECT_NE(findings[0].key, findings[1].key);
}

TEST(QualitySessionTest, RegisterDropBelowOnePercentIsAReset) {
    MeterSession session = plausible_session();
    session.samples[6].energy_wh = 5;  // from 13505, far below 1 %
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kRegisterReset);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->key, "register_reset:tx:42:at:" + std::to_string(kT0 + 30 * kMinute));
    EXPECT_DOUBLE_EQ(found->evidence["to"].get<double>(), 5);
    EXPECT_EQ(count_kind(findings, finding::kRegisterDecrease), 0u);
    expect_stable(session, 7000);
}

TEST(QualitySessionTest, RegisterDropToExactlyOnePercentIsADecrease) {
    MeterSession session = plausible_session();
    session.samples[0].energy_wh = 20000;
    session.samples[1].energy_wh = 200;
    const auto findings = check(session, 7000);
    EXPECT_EQ(count_kind(findings, finding::kRegisterReset), 0u);
    EXPECT_EQ(count_kind(findings, finding::kRegisterDecrease), 1u);
}

TEST(QualitySessionTest, RegisterDropToZeroIsAReset) {
    MeterSession session = plausible_session();
    session.samples[4].energy_wh = 0;
    EXPECT_EQ(count_kind(check(session, 7000), finding::kRegisterReset), 1u);
}

TEST(QualitySessionTest, MeterStopBelowMeterStartWithoutSamplesIsADecrease) {
    MeterSession session = plausible_session();
    session.samples.clear();
    session.meter_stop_wh = 9999;
    const auto findings = check(session, 0);
    const Finding* found = only_kind(findings, finding::kRegisterDecrease);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->key, "register_decrease:tx:42:at:" + std::to_string(kT0 + kHour));
    EXPECT_DOUBLE_EQ(found->evidence["from"].get<double>(), 10000);
    EXPECT_DOUBLE_EQ(found->evidence["to"].get<double>(), 9999);

    session.meter_stop_wh = 10000;
    EXPECT_EQ(count_kind(check(session, 0), finding::kRegisterDecrease), 0u);
}

// ---- [2] energy against rated power and battery ----

TEST(QualitySessionTest, EnergyAboveRatedPower) {
    SessionContext c = context();
    c.rated_power_kw = 7;  // 7 kW x 1 h x 1.10 = 7700 Wh
    c.battery_kwh.reset();
    MeterSession session = plausible_session();
    const auto findings = check(session, 7701, c);
    const Finding* found = only_kind(findings, finding::kAboveRatedPower);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->key, "energy_above_rated_power:tx:42");
    EXPECT_EQ(found->evidence["totalWh"].get<std::int64_t>(), 7701);
    EXPECT_NEAR(found->evidence["maxWh"].get<double>(), 7700, 1e-6);
    EXPECT_EQ(found->evidence["durationMs"].get<std::int64_t>(), kHour);
    expect_stable(session, 7701, c);

    EXPECT_EQ(count_kind(check(session, 7699, c), finding::kAboveRatedPower), 0u);
}

TEST(QualitySessionTest, NoRatedPowerNoRatedPowerCheck) {
    SessionContext c = context();
    c.rated_power_kw.reset();
    c.battery_kwh.reset();
    EXPECT_EQ(count_kind(check(plausible_session(), 100000, c), finding::kAboveRatedPower), 0u);
}

TEST(QualitySessionTest, EnergyAboveBattery) {
    SessionContext c = context();
    c.battery_kwh = 50;  // SoC 20 -> 30: 50 kWh x 10 % x 1.15 = 5750 Wh
    c.rated_power_kw.reset();
    MeterSession session = plausible_session();
    session.samples.resize(11);  // SoC 20 .. 30
    const auto findings = check(session, 5751, c);
    const Finding* found = only_kind(findings, finding::kAboveBattery);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "energy_above_battery:tx:42");
    EXPECT_DOUBLE_EQ(found->evidence["firstSocPercent"].get<double>(), 20);
    EXPECT_DOUBLE_EQ(found->evidence["lastSocPercent"].get<double>(), 30);
    EXPECT_NEAR(found->evidence["maxWh"].get<double>(), 5750, 1e-6);
    expect_stable(session, 5751, c);

    EXPECT_EQ(count_kind(check(session, 5749, c), finding::kAboveBattery), 0u);
}

TEST(QualitySessionTest, EnergyAboveBatteryNeedsTheSocToRiseByOnePoint) {
    SessionContext c = context();
    c.rated_power_kw.reset();
    MeterSession session = plausible_session();
    for (auto& s : session.samples) {
        s.soc_percent = 50;
    }
    session.samples.back().soc_percent = 50.9;
    EXPECT_EQ(count_kind(check(session, 50000, c), finding::kAboveBattery), 0u);
    session.samples.back().soc_percent = 51;  // 60 kWh x 1 % x 1.15 = 690 Wh
    EXPECT_EQ(count_kind(check(session, 50000, c), finding::kAboveBattery), 1u);
}

// ---- [3] zero energy, open too long ----

TEST(QualitySessionTest, ZeroEnergy) {
    MeterSession session = plausible_session();
    session.samples.clear();
    session.meter_stop_wh = 10000;
    const auto findings = check(session, 0);
    const Finding* found = only_kind(findings, finding::kZeroEnergy);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "zero_energy:tx:42");
    EXPECT_EQ(found->evidence["totalWh"].get<std::int64_t>(), 0);

    session.meter_stop_wh = 10001;
    EXPECT_EQ(count_kind(check(session, 1), finding::kZeroEnergy), 0u);
}

TEST(QualitySessionTest, RunningSessionHasNoAccountFindings) {
    MeterSession session = plausible_session();
    session.stop_at.reset();
    session.stop_received_at.reset();
    session.meter_stop_wh.reset();
    EXPECT_TRUE(check_session(session, std::nullopt, context(), kLimits).empty());
}

TEST(QualitySessionTest, FinishedSessionOpenTooLongHasTheKeyOfTheRunningOne) {
    MeterSession session = plausible_session();
    session.samples.clear();
    session.stop_at = kT0 + 24 * kHour + 1;
    session.stop_received_at = *session.stop_at + kLiveDelay;
    SessionContext c = context();
    c.rated_power_kw.reset();
    const auto findings = check(session, 7000, c);
    const Finding* found = only_kind(findings, finding::kOpenTooLong);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "open_too_long:tx:42");
    EXPECT_EQ(found->evidence["openMs"].get<std::int64_t>(), 24 * kHour + 1);
    EXPECT_FALSE(found->evidence["running"].get<bool>());

    MeterSession running = session;
    running.stop_at.reset();
    running.stop_received_at.reset();
    running.meter_stop_wh.reset();
    const auto open = check_open_session(running, c, kT0 + 30 * kHour, kLimits);
    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(open->kind, finding::kOpenTooLong);
    EXPECT_EQ(open->key, found->key);
    EXPECT_TRUE(open->evidence["running"].get<bool>());
    EXPECT_EQ(open->evidence["openMs"].get<std::int64_t>(), 30 * kHour);

    session.stop_at = kT0 + 24 * kHour;
    EXPECT_EQ(count_kind(check(session, 7000, c), finding::kOpenTooLong), 0u);
}

TEST(QualitySessionTest, RunningSessionWithinTheLimitIsNotOpenTooLong) {
    MeterSession session = plausible_session();
    session.stop_at.reset();
    session.stop_received_at.reset();
    session.meter_stop_wh.reset();
    EXPECT_FALSE(check_open_session(session, context(), kT0 + 24 * kHour, kLimits).has_value());
    // A stopped session is check_session's.
    EXPECT_FALSE(check_open_session(plausible_session(), context(), kT0 + 48 * kHour, kLimits).has_value());
}

// ---- [4] sample gap, late upload ----

MeterSession session_with_minute_samples(const std::vector<Millis>& offsets) {
    MeterSession session = plausible_session();
    session.samples.clear();
    double wh = 10000;
    for (const Millis offset : offsets) {
        session.samples.push_back(sample(kT0 + offset, wh += 97));
    }
    return session;
}

TEST(QualitySessionTest, SampleGapReportsTheLongestGapOnce) {
    // Every minute, then a 20 min gap, then a 10 min one.
    std::vector<Millis> offsets;
    for (int i = 0; i <= 10; ++i) {
        offsets.push_back(i * kMinute);
    }
    offsets.push_back(30 * kMinute);
    for (int i = 31; i <= 40; ++i) {
        offsets.push_back(i * kMinute);
    }
    offsets.push_back(50 * kMinute);
    offsets.push_back(51 * kMinute);
    const MeterSession session = session_with_minute_samples(offsets);
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kSampleGap);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "sample_gap:tx:42");
    EXPECT_EQ(found->evidence["gapStartAt"].get<Millis>(), kT0 + 10 * kMinute);
    EXPECT_EQ(found->evidence["gapEndAt"].get<Millis>(), kT0 + 30 * kMinute);
    EXPECT_EQ(found->evidence["gapMs"].get<std::int64_t>(), 20 * kMinute);
    EXPECT_EQ(found->evidence["usualIntervalMs"].get<std::int64_t>(), kMinute);
    EXPECT_EQ(found->evidence["gapCount"].get<std::size_t>(), 2u);
    expect_stable(session, 7000);
}

TEST(QualitySessionTest, GapOfExactlyTheMinimumIsNoGap) {
    // 5 min is more than 3 usual intervals but not more than min_gap_ms.
    const MeterSession session =
        session_with_minute_samples({0, kMinute, 2 * kMinute, 7 * kMinute, 8 * kMinute, 9 * kMinute});
    EXPECT_EQ(count_kind(check(session, 7000), finding::kSampleGap), 0u);
}

TEST(QualitySessionTest, GapOfExactlyThreeUsualIntervalsIsNoGap) {
    // Usual interval 10 min: 30 min is not more than 3 of them.
    const MeterSession session =
        session_with_minute_samples({0, 10 * kMinute, 20 * kMinute, 50 * kMinute, 60 * kMinute});
    EXPECT_EQ(count_kind(check(session, 7000), finding::kSampleGap), 0u);
    const MeterSession longer =
        session_with_minute_samples({0, 10 * kMinute, 20 * kMinute, 50 * kMinute + 1, 60 * kMinute});
    EXPECT_EQ(count_kind(check(longer, 7000), finding::kSampleGap), 1u);
}

TEST(QualitySessionTest, LateStopUpload) {
    MeterSession session = plausible_session();
    session.stop_received_at = *session.stop_at + 15 * kMinute + 1;
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kLateUpload);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Info);
    EXPECT_EQ(found->key, "late_upload:tx:42");
    EXPECT_EQ(found->evidence["stopDelayMs"].get<std::int64_t>(), 15 * kMinute + 1);
    EXPECT_EQ(found->evidence["startDelayMs"].get<std::int64_t>(), kLiveDelay);
    EXPECT_EQ(found->evidence["late"], nlohmann::json::array({"stop"}));
    EXPECT_EQ(count_kind(findings, finding::kClockSkew), 0u);
    expect_stable(session, 7000);

    session.stop_received_at = *session.stop_at + 15 * kMinute;
    EXPECT_EQ(count_kind(check(session, 7000), finding::kLateUpload), 0u);
}

TEST(QualitySessionTest, SessionKeptOfflineIsUploadedLateNotSkewed) {
    // The charger was offline during the session and sent it all when it came back 2 min after the stop: the
    // stop is nearly live, so its clock is right and the start was late.
    MeterSession session = plausible_session();
    const Millis reconnect = *session.stop_at + 2 * kMinute;
    session.start_received_at = reconnect;
    for (auto& s : session.samples) {
        s.received_at = reconnect;
    }
    session.stop_received_at = reconnect;
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kLateUpload);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->evidence["late"], nlohmann::json::array({"start"}));
    EXPECT_EQ(found->evidence["startDelayMs"].get<std::int64_t>(), kHour + 2 * kMinute);
    EXPECT_EQ(count_kind(findings, finding::kClockSkew), 0u);
}

TEST(QualitySessionTest, ASessionUploadedInOneBurstLongAfterIsLateNotSkewed) {
    // Offline for the whole session and three hours after it: every offset is hours, but the messages all
    // arrived within seconds while their timestamps span the hour-long session.
    MeterSession session = plausible_session();
    const Millis reconnect = *session.stop_at + 3 * kHour;
    session.start_received_at = reconnect;
    for (std::size_t i = 0; i < session.samples.size(); ++i) {
        session.samples[i].received_at = reconnect + static_cast<Millis>(i) * 100;
    }
    session.stop_received_at = reconnect + 5'000;
    const auto findings = check(session, 7000);
    EXPECT_EQ(count_kind(findings, finding::kClockSkew), 0u);
    const Finding* found = only_kind(findings, finding::kLateUpload);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->evidence["late"], nlohmann::json::array({"start", "stop"}));
}

// ---- [6] clock skew ----

MeterSession skewed(Millis offset) {
    MeterSession session = plausible_session();
    session.start_received_at = session.start_at + offset;
    session.stop_received_at = *session.stop_at + offset;
    for (auto& s : session.samples) {
        s.received_at = s.at + offset;
    }
    // One sample queued for longer: the smallest offset counts.
    session.samples[3].received_at += kHour;
    return session;
}

TEST(QualitySessionTest, ClockBehindIsClockSkewNotLateUpload) {
    const MeterSession session = skewed(20 * kMinute);
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kClockSkew);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "clock_skew:tx:42");
    EXPECT_EQ(found->evidence["offsetMs"].get<std::int64_t>(), 20 * kMinute);
    EXPECT_EQ(count_kind(findings, finding::kLateUpload), 0u);
    expect_stable(session, 7000);
}

TEST(QualitySessionTest, ClockAheadHasANegativeOffset) {
    const auto findings = check(skewed(-4 * kMinute), 7000);
    const Finding* found = only_kind(findings, finding::kClockSkew);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->evidence["offsetMs"].get<std::int64_t>(), -4 * kMinute);
}

TEST(QualitySessionTest, ClockOffByTheToleranceIsNoSkew) {
    EXPECT_TRUE(check(skewed(3 * kMinute), 7000).empty());
    EXPECT_TRUE(check(skewed(-3 * kMinute), 7000).empty());
}

// ---- [7] time-of-use parts ----

TEST(QualitySessionTest, UnclassifiedEnergyIsATouMismatch) {
    SessionAccount account = account_of(7000);
    account.parts[0].wh = 5000;
    EnergyPart outside = account.parts[0];
    outside.tou_kind = kUnclassified;
    outside.wh = 2000;
    account.parts.push_back(outside);
    const auto findings = check_session(plausible_session(), account, context(), kLimits);
    const Finding* found = only_kind(findings, finding::kTouMismatch);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "tou_parts_mismatch:tx:42");
    EXPECT_EQ(found->evidence["totalWh"].get<std::int64_t>(), 7000);
    EXPECT_EQ(found->evidence["classifiedWh"].get<std::int64_t>(), 5000);
    EXPECT_EQ(found->evidence["unclassifiedWh"].get<std::int64_t>(), 2000);
    EXPECT_EQ(keys_of(findings), keys_of(check_session(plausible_session(), account, context(), kLimits)));
}

TEST(QualitySessionTest, PartsInSeveralPeriodsAreNoMismatch) {
    SessionAccount account = account_of(7000);
    account.parts[0].wh = 6999;
    EnergyPart peak = account.parts[0];
    peak.tou_kind = "peak";
    peak.wh = 1;
    account.parts.push_back(peak);
    EXPECT_TRUE(check_session(plausible_session(), account, context(), kLimits).empty());
}

TEST(QualitySessionTest, PartsNotAddingUpToTheTotalAreAnError) {
    SessionAccount account = account_of(7000);
    account.parts[0].wh = 6999;
    const auto findings = check_session(plausible_session(), account, context(), kLimits);
    const Finding* found = only_kind(findings, finding::kTouMismatch);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->evidence["partsWh"].get<std::int64_t>(), 6999);
}

// ---- [11] round values ----

TEST(QualitySessionTest, WholeKwhRegisterSamplesAreRoundValues) {
    MeterSession session = plausible_session();
    session.samples = {sample(kT0, 10000), sample(kT0 + 20 * kMinute, 12000),
                       sample(kT0 + 40 * kMinute, 14000), sample(kT0 + 60 * kMinute, 17000)};
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kRoundValues);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Info);
    EXPECT_EQ(found->key, "round_values:tx:42");
    EXPECT_EQ(found->evidence["samples"].get<std::size_t>(), 4u);
    expect_stable(session, 7000);

    session.samples[2].energy_wh = 14001;
    EXPECT_EQ(count_kind(check(session, 7000), finding::kRoundValues), 0u);
}

TEST(QualitySessionTest, RoundValuesNeedThreeReadingsThatMoved) {
    MeterSession session = plausible_session();
    session.samples = {sample(kT0, 10000), sample(kT0 + 20 * kMinute, 12000)};
    EXPECT_EQ(count_kind(check(session, 7000), finding::kRoundValues), 0u);
    session.samples = {sample(kT0, 10000), sample(kT0 + 20 * kMinute, 10000),
                       sample(kT0 + 40 * kMinute, 10000)};
    EXPECT_EQ(count_kind(check(session, 7000), finding::kRoundValues), 0u);
}

TEST(QualitySessionTest, WholeKwhMeterStartAndStopAreRoundValues) {
    MeterSession session = plausible_session();
    session.samples.clear();
    const auto findings = check(session, 7000);
    const Finding* found = only_kind(findings, finding::kRoundValues);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->evidence["meterStartWh"].get<std::int64_t>(), 10000);
    EXPECT_EQ(found->evidence["meterStopWh"].get<std::int64_t>(), 17000);

    session.meter_stop_wh = 17001;
    EXPECT_EQ(count_kind(check(session, 7001), finding::kRoundValues), 0u);
}

// ---- [12] id tag ----

TEST(QualitySessionTest, UnknownIdTagTakesPrecedenceOverRejected) {
    SessionContext c = context();
    c.id_tag_known = false;
    c.authorization_status = "Invalid";
    const auto findings = check(plausible_session(), 7000, c);
    const Finding* found = only_kind(findings, finding::kUnknownIdTag);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "unknown_id_tag:tx:42");
    EXPECT_FALSE(found->evidence["idTagKnown"].get<bool>());
    EXPECT_EQ(count_kind(findings, finding::kRejectedIdTag), 0u);
    EXPECT_EQ(keys_of(findings), keys_of(check(plausible_session(), 7000, c)));
}

TEST(QualitySessionTest, RejectedIdTag) {
    SessionContext c = context();
    c.authorization_status = "Blocked";
    const auto findings = check(plausible_session(), 7000, c);
    const Finding* found = only_kind(findings, finding::kRejectedIdTag);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "rejected_id_tag:tx:42");
    EXPECT_EQ(found->evidence["authorizationStatus"], "Blocked");

    c.authorization_status = "Accepted";
    EXPECT_TRUE(check(plausible_session(), 7000, c).empty());
}

}  // namespace
}  // namespace parkgrid::reporting
