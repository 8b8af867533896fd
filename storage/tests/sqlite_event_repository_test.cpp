#include "sqlite_event_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class EventRepositoryTest : public testing::RepositoryTest {
protected:
    EventRepository& events() { return repositories_.events(); }
};

TEST_F(EventRepositoryTest, RecordsConnectionsOfUnregisteredChargersNewestFirst) {
    events().record_connection({.charger_id = "CP1",
                                .event = "connected",
                                .remote_address = "10.0.0.5:4711",
                                .detail = std::nullopt,
                                .at = at_millis(100)});
    events().record_connection({.charger_id = "CP1",
                                .event = "disconnected",
                                .remote_address = "10.0.0.5:4711",
                                .detail = "ping timeout",
                                .at = at_millis(200)});
    events().record_connection({.charger_id = "CP2",
                                .event = "rejected",
                                .remote_address = "10.0.0.6:1",
                                .detail = "bad password",
                                .at = at_millis(150)});

    const auto log = events().connections("CP1", 10, 0);
    ASSERT_EQ(log.size(), 2U);
    EXPECT_EQ(log[0].event, "disconnected");
    EXPECT_EQ(log[0].charger_id, "CP1");
    EXPECT_EQ(log[0].remote_address, "10.0.0.5:4711");
    EXPECT_EQ(log[0].detail, "ping timeout");
    EXPECT_EQ(log[0].at, at_millis(200));
    EXPECT_EQ(log[1].event, "connected");
    EXPECT_FALSE(log[1].detail);
    EXPECT_EQ(events().connections("CP1", 1, 0).size(), 1U);
    EXPECT_EQ(events().connections("CP2", 10, 0).size(), 1U);
    EXPECT_TRUE(events().connections("CP3", 10, 0).empty());
}

TEST_F(EventRepositoryTest, RecordsAnomaliesByTransactionAndCharger) {
    events().record_anomaly({.id = 999,
                             .charger_id = "CP1",
                             .transaction_id = 5,
                             .kind = "meter_backwards",
                             .detail = "meterStop < meterStart",
                             .at = at_millis(300)});
    events().record_anomaly({.charger_id = "CP1",
                             .transaction_id = 5,
                             .kind = "late_meter_values",
                             .detail = "after stop",
                             .at = at_millis(200)});
    events().record_anomaly({.charger_id = "CP1",
                             .transaction_id = std::nullopt,
                             .kind = "clock_skew",
                             .detail = "10 min ahead",
                             .at = at_millis(400)});
    events().record_anomaly({.charger_id = "CP2",
                             .transaction_id = -1,
                             .kind = "unknown_transaction",
                             .detail = "StopTransaction for -1",
                             .at = at_millis(500)});

    const auto for_transaction = events().anomalies_for_transaction(5);
    ASSERT_EQ(for_transaction.size(), 2U);
    EXPECT_EQ(for_transaction[0].kind, "late_meter_values");  // oldest first
    EXPECT_EQ(for_transaction[1].kind, "meter_backwards");
    EXPECT_EQ(for_transaction[1].charger_id, "CP1");
    EXPECT_EQ(for_transaction[1].transaction_id, 5);
    EXPECT_EQ(for_transaction[1].detail, "meterStop < meterStart");
    EXPECT_EQ(for_transaction[1].at, at_millis(300));
    EXPECT_NE(for_transaction[1].id, 999) << "the database assigns ids";
    EXPECT_GT(for_transaction[0].id, 0);

    const auto for_charger = events().anomalies_for_charger("CP1", 10, 0);
    ASSERT_EQ(for_charger.size(), 3U);
    EXPECT_EQ(for_charger[0].kind, "clock_skew");  // newest first
    EXPECT_FALSE(for_charger[0].transaction_id);
    EXPECT_EQ(for_charger[2].kind, "late_meter_values");
    EXPECT_EQ(events().anomalies_for_charger("CP1", 1, 0).size(), 1U);
    EXPECT_EQ(events().anomalies_for_transaction(-1).size(), 1U);
    EXPECT_TRUE(events().anomalies_for_transaction(6).empty());
}

TEST_F(EventRepositoryTest, RecordsDataTransfers) {
    events().record_data_transfer({.charger_id = "CP9",
                                   .vendor_id = "com.acme",
                                   .message_id = "Temp",
                                   .data = R"({"t":41})",
                                   .response_status = "UnknownVendorId",
                                   .at = at_millis(7)});
    events().record_data_transfer({.charger_id = "CP9",
                                   .vendor_id = "com.acme",
                                   .message_id = std::nullopt,
                                   .data = std::nullopt,
                                   .response_status = "Accepted",
                                   .at = at_millis(8)});
    EXPECT_EQ(count_rows("data_transfers"), 2);
    auto row = connection_.prepare(
        "SELECT charger_id, vendor_id, message_id, data, response_status, at FROM data_transfers ORDER BY "
        "at");
    ASSERT_TRUE(row.step());
    EXPECT_EQ(row.column<std::string>(0), "CP9");
    EXPECT_EQ(row.column<std::string>(1), "com.acme");
    EXPECT_EQ(row.column<std::optional<std::string>>(2), "Temp");
    EXPECT_EQ(row.column<std::optional<std::string>>(3), R"({"t":41})");
    EXPECT_EQ(row.column<std::string>(4), "UnknownVendorId");
    EXPECT_EQ(row.column<std::int64_t>(5), 7);
    ASSERT_TRUE(row.step());
    EXPECT_TRUE(row.is_null(2));
    EXPECT_TRUE(row.is_null(3));

    DataTransferRecord invalid_status;
    invalid_status.charger_id = "CP9";
    invalid_status.vendor_id = "v";
    invalid_status.response_status = "Maybe";
    EXPECT_THROW(events().record_data_transfer(invalid_status), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage
