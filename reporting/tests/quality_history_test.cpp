// Data-quality checks across sessions: check_connector_history and check_repeated_energy.

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
using testing::kT0;
using testing::only_kind;

const QualityLimits kLimits{};

ConnectorSession finished(std::int32_t id, Millis start, Millis stop, std::int64_t meter_start,
                          std::int64_t meter_stop, std::string id_tag = "CARD1") {
    ConnectorSession session;
    session.transaction_id = id;
    session.id_tag = std::move(id_tag);
    session.start_at = start;
    session.stop_at = stop;
    session.meter_start_wh = meter_start;
    session.meter_stop_wh = meter_stop;
    return session;
}

ConnectorSession running(std::int32_t id, Millis start, std::int64_t meter_start,
                         std::string id_tag = "CARD1") {
    ConnectorSession session;
    session.transaction_id = id;
    session.id_tag = std::move(id_tag);
    session.start_at = start;
    session.meter_start_wh = meter_start;
    return session;
}

std::vector<Finding> check(std::vector<ConnectorSession> sessions) {
    return check_connector_history("CP1", 2, std::move(sessions), kLimits);
}

// Sessions given in another order must give the same findings and keys.
void expect_stable(std::vector<ConnectorSession> sessions) {
    const auto keys = keys_of(check(sessions));
    std::reverse(sessions.begin(), sessions.end());
    EXPECT_EQ(keys_of(check(sessions)), keys);
}

TEST(QualityHistoryTest, ConsecutiveSessionsHaveNoFindings) {
    EXPECT_TRUE(
        check({finished(1, kT0, kT0 + kHour, 1000, 5000),
               finished(2, kT0 + 2 * kHour, kT0 + 3 * kHour, 5000, 9000), running(3, kT0 + 4 * kHour, 9000)})
            .empty());
}

// ---- [5] overlapping transactions ----

TEST(QualityHistoryTest, SessionStartingBeforeThePreviousStoppedOverlaps) {
    const std::vector<ConnectorSession> sessions = {
        finished(1, kT0, kT0 + kHour, 1000, 5000, "CARD1"),
        finished(2, kT0 + 30 * kMinute, kT0 + 2 * kHour, 5000, 9000, "CARD2")};
    const auto findings = check(sessions);
    const Finding* found = only_kind(findings, finding::kOverlappingTransactions);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->key, "overlapping_transactions:tx:2:overlaps:1");
    EXPECT_EQ(found->subject.transaction_id, 2);
    EXPECT_EQ(found->subject.charger_id, "CP1");
    EXPECT_EQ(found->subject.connector_id, 2);
    EXPECT_EQ(found->evidence["previousTransactionId"].get<int>(), 1);
    EXPECT_EQ(found->evidence["overlapMs"].get<std::int64_t>(), 30 * kMinute);
    // Overlapping readings do not follow one another: no register change between them.
    EXPECT_EQ(findings.size(), 1u);
    expect_stable(sessions);
}

TEST(QualityHistoryTest, SessionStartingWhenThePreviousStoppedDoesNotOverlap) {
    EXPECT_TRUE(check({finished(1, kT0, kT0 + kHour, 1000, 5000),
                       finished(2, kT0 + kHour, kT0 + 2 * kHour, 5000, 9000)})
                    .empty());
}

TEST(QualityHistoryTest, EverySessionStartedWhileOneRunsOverlapsIt) {
    const std::vector<ConnectorSession> sessions = {
        running(1, kT0, 1000, "CARD1"), finished(2, kT0 + kHour, kT0 + 2 * kHour, 5000, 9000, "CARD2"),
        finished(3, kT0 + 3 * kHour, kT0 + 4 * kHour, 9000, 12000, "CARD2")};
    const auto findings = check(sessions);
    ASSERT_EQ(count_kind(findings, finding::kOverlappingTransactions), 2u);
    EXPECT_EQ(keys_of(findings), (std::vector<std::string>{"overlapping_transactions:tx:2:overlaps:1",
                                                           "overlapping_transactions:tx:3:overlaps:1"}));
    EXPECT_TRUE(findings[0].evidence["previousStopAt"].is_null());
    expect_stable(sessions);
}

// ---- [5] duplicate transactions ----

TEST(QualityHistoryTest, SameReadingsWithinTheWindowAreADuplicateNotAnOverlap) {
    const std::vector<ConnectorSession> sessions = {
        finished(1, kT0, kT0 + kHour, 1000, 5000, "CARD1"),
        finished(2, kT0 + 5 * kMinute, kT0 + kHour + 5 * kMinute, 1000, 5000, "CARD2")};
    const auto findings = check(sessions);
    const Finding* found = only_kind(findings, finding::kDuplicateTransaction);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->key, "duplicate_transaction:tx:2");
    EXPECT_EQ(found->subject.transaction_id, 2);
    EXPECT_EQ(found->evidence["originalTransactionId"].get<int>(), 1);
    EXPECT_EQ(found->evidence["meterStartWh"].get<std::int64_t>(), 1000);
    // Neither an overlap nor a register decrease against its original.
    EXPECT_EQ(findings.size(), 1u);
    expect_stable(sessions);
}

TEST(QualityHistoryTest, SameReadingsJustOutsideTheWindowOverlapInstead) {
    const auto findings =
        check({finished(1, kT0, kT0 + kHour, 1000, 5000, "CARD1"),
               finished(2, kT0 + 5 * kMinute + 1, kT0 + kHour + 5 * kMinute, 1000, 5000, "CARD2")});
    EXPECT_EQ(count_kind(findings, finding::kDuplicateTransaction), 0u);
    EXPECT_EQ(count_kind(findings, finding::kOverlappingTransactions), 1u);
}

TEST(QualityHistoryTest, SameTagAndMeterStartWhileTheFirstRunsIsADuplicate) {
    // The StartTransaction answer was lost and the charger started again: the first id never stops.
    const auto findings =
        check({running(7, kT0, 1000, "CARD1"), finished(8, kT0 + kMinute, kT0 + kHour, 1000, 6000)});
    const Finding* found = only_kind(findings, finding::kDuplicateTransaction);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->key, "duplicate_transaction:tx:8");
    EXPECT_TRUE(found->evidence["sameIdTag"].get<bool>());
    EXPECT_EQ(findings.size(), 1u);
}

TEST(QualityHistoryTest, OtherTagOrOtherMeterStartIsNoDuplicate) {
    auto findings =
        check({running(7, kT0, 1000, "CARD1"), finished(8, kT0 + kMinute, kT0 + kHour, 1000, 6000, "CARD2")});
    EXPECT_EQ(count_kind(findings, finding::kDuplicateTransaction), 0u);
    EXPECT_EQ(count_kind(findings, finding::kOverlappingTransactions), 1u);
    findings =
        check({running(7, kT0, 1000, "CARD1"), finished(8, kT0 + kMinute, kT0 + kHour, 1001, 6000, "CARD1")});
    EXPECT_EQ(count_kind(findings, finding::kDuplicateTransaction), 0u);
}

TEST(QualityHistoryTest, RetryAfterAFailedStartIsNoDuplicate) {
    // A start that failed without energy, then the same card again: two sessions, one after the other.
    EXPECT_TRUE(check({finished(1, kT0, kT0 + kMinute, 1000, 1000),
                       finished(2, kT0 + 2 * kMinute, kT0 + kHour, 1000, 6000)})
                    .empty());
}

// ---- [8] register change between sessions ----

TEST(QualityHistoryTest, EnergyBetweenSessionsIsUnattributed) {
    const std::vector<ConnectorSession> sessions = {
        finished(1, kT0, kT0 + kHour, 1000, 5000), finished(2, kT0 + 2 * kHour, kT0 + 3 * kHour, 5101, 9000)};
    const auto findings = check(sessions);
    const Finding* found = only_kind(findings, finding::kUnattributedEnergy);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "unattributed_energy:tx:2:after:1");
    EXPECT_EQ(found->evidence["previousTransactionId"].get<int>(), 1);
    EXPECT_EQ(found->evidence["nextTransactionId"].get<int>(), 2);
    EXPECT_EQ(found->evidence["deltaWh"].get<std::int64_t>(), 101);
    expect_stable(sessions);

    EXPECT_TRUE(check({finished(1, kT0, kT0 + kHour, 1000, 5000),
                       finished(2, kT0 + 2 * kHour, kT0 + 3 * kHour, 5100, 9000)})
                    .empty());
}

TEST(QualityHistoryTest, RegisterFallingBetweenSessionsIsADecrease) {
    const std::vector<ConnectorSession> sessions = {
        finished(1, kT0, kT0 + kHour, 1000, 5000), running(3, kT0 + 90 * kMinute + 2 * kHour, 4000),
        finished(2, kT0 + 2 * kHour, kT0 + 3 * kHour, 4899, 9000)};
    const auto findings = check(sessions);
    const Finding* found = only_kind(findings, finding::kRegisterDecrease);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->severity, Severity::Error);
    EXPECT_EQ(found->key, "register_decrease:tx:2:after:1");
    EXPECT_EQ(found->evidence["deltaWh"].get<std::int64_t>(), -101);
    EXPECT_EQ(count_kind(findings, finding::kUnattributedEnergy), 0u);
    expect_stable(sessions);

    EXPECT_TRUE(check({finished(1, kT0, kT0 + kHour, 1000, 5000),
                       finished(2, kT0 + 2 * kHour, kT0 + 3 * kHour, 4900, 9000)})
                    .empty());
}

// ---- [11] repeated values ----

TEST(QualityHistoryTest, SameEnergyOnThreeSessionsIsRepeated) {
    const std::vector<std::pair<std::int32_t, std::int64_t>> energies = {
        {11, 12000}, {12, 8000}, {13, 12000}, {14, 0}, {15, 0}, {16, 0}, {17, 12000}};
    const auto found = check_repeated_energy("CP1", "2026-03", energies, kLimits);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->kind, finding::kRepeatedValues);
    EXPECT_EQ(found->severity, Severity::Warning);
    EXPECT_EQ(found->key, "repeated_values:charger:CP1:period:2026-03");
    EXPECT_EQ(found->subject.charger_id, "CP1");
    EXPECT_EQ(found->subject.period, "2026-03");
    EXPECT_EQ(found->evidence["energyWh"].get<std::int64_t>(), 12000);
    EXPECT_EQ(found->evidence["transactionIds"], nlohmann::json::array({11, 13, 17}));

    auto reversed = energies;
    std::reverse(reversed.begin(), reversed.end());
    EXPECT_EQ(check_repeated_energy("CP1", "2026-03", reversed, kLimits)->key, found->key);
    EXPECT_NE(check_repeated_energy("CP1", "2026-04", energies, kLimits)->key, found->key);
}

TEST(QualityHistoryTest, SameEnergyOnTwoSessionsOrZeroIsNotRepeated) {
    EXPECT_FALSE(check_repeated_energy("CP1", "2026-03",
                                       {{11, 12000}, {12, 8000}, {13, 12000}, {14, 0}, {15, 0}, {16, 0}},
                                       kLimits)
                     .has_value());
    // The same session listed twice is one session.
    EXPECT_FALSE(check_repeated_energy("CP1", "2026-03", {{11, 12000}, {11, 12000}, {13, 12000}}, kLimits)
                     .has_value());
}

TEST(QualityHistoryTest, KeysOfChargersWithSeparatorsDoNotCollide) {
    const std::vector<std::pair<std::int32_t, std::int64_t>> energies = {{1, 500}, {2, 500}, {3, 500}};
    const auto a = check_repeated_energy("A:period:x", "y", energies, kLimits);
    const auto b = check_repeated_energy("A", "x:period:y", energies, kLimits);
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->key, b->key);
}

}  // namespace
}  // namespace parkgrid::reporting
