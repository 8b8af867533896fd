#include "sqlite_meter_value_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"
#include "sample_records.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

const auto sample = testing::periodic_sample;

class MeterValueRepositoryTest : public testing::RepositoryTest {
protected:
    MeterValueRepositoryTest() {
        add_charger("CP1");
        transaction_id_ = start_transaction(1);
    }

    std::int32_t start_transaction(std::int32_t connector_id) {
        return repositories_.transactions().insert(TransactionStart{.charger_id = "CP1",
                                                                    .connector_id = connector_id,
                                                                    .id_tag = "TAG",
                                                                    .timestamp = at_millis(1000),
                                                                    .meter_start = 0,
                                                                    .reservation_id = std::nullopt,
                                                                    .authorization_status = "Accepted",
                                                                    .received_at = at_millis(1000)});
    }

    MeterValueRecord meter_value(std::int64_t timestamp, std::vector<SampledValueRecord> samples) const {
        return MeterValueRecord{.charger_id = "CP1",
                                .connector_id = 1,
                                .transaction_id = transaction_id_,
                                .timestamp = at_millis(timestamp),
                                .source = "MeterValues",
                                .samples = std::move(samples),
                                .received_at = at_millis(timestamp + 10)};
    }

    MeterValueRepository& meter_values() { return repositories_.meter_values(); }

    std::int32_t transaction_id_ = 0;
};

TEST_F(MeterValueRepositoryTest, RoundTripsEverySampleAttribute) {
    SampledValueRecord clock =
        sample("12.5", "Energy.Active.Import.Register", std::nullopt, "kWh", 12500.0, "Wh");
    clock.context = "Sample.Clock";
    clock.location = "Inlet";
    SampledValueRecord signed_data =
        sample("0xABCD", "Energy.Active.Import.Register", std::nullopt, "Wh", std::nullopt, std::nullopt);
    signed_data.format = "SignedData";
    signed_data.context = "Transaction.End";
    const std::vector<SampledValueRecord> samples = {clock, signed_data,
                                                     sample("230.1", "Voltage", "L1-N", "V", 230.1, "V"),
                                                     sample("16", "Current.Import", "L1", "A", 16.0, "A")};
    MeterValueRecord stored = meter_value(2000, samples);
    stored.source = "StopTransaction";
    meter_values().insert(stored);

    const std::vector<MeterValueRecord> read = meter_values().for_transaction(transaction_id_);
    ASSERT_EQ(read.size(), 1U);
    EXPECT_EQ(read[0].charger_id, "CP1");
    EXPECT_EQ(read[0].connector_id, 1);
    EXPECT_EQ(read[0].transaction_id, transaction_id_);
    EXPECT_EQ(read[0].timestamp, at_millis(2000));
    EXPECT_EQ(read[0].source, "StopTransaction");
    EXPECT_EQ(read[0].received_at, at_millis(2010));
    ASSERT_EQ(read[0].samples.size(), samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        const SampledValueRecord& expected = samples[i];
        const SampledValueRecord& actual = read[0].samples[i];
        EXPECT_EQ(actual.value, expected.value);
        EXPECT_EQ(actual.context, expected.context);
        EXPECT_EQ(actual.format, expected.format);
        EXPECT_EQ(actual.measurand, expected.measurand);
        EXPECT_EQ(actual.phase, expected.phase);
        EXPECT_EQ(actual.location, expected.location);
        EXPECT_EQ(actual.unit, expected.unit);
        EXPECT_EQ(actual.normalized_value, expected.normalized_value);
        EXPECT_EQ(actual.normalized_unit, expected.normalized_unit);
    }
}

TEST_F(MeterValueRepositoryTest, StoresOneRowPerInstantWithExtractedReadings) {
    meter_values().insert(
        meter_value(2000, {sample("1.5", "Energy.Active.Import.Register", std::nullopt, "kWh", 1500.0, "Wh"),
                           sample("3.7", "Power.Active.Import", "L1", "kW", 3700.0, "W"),
                           sample("3.6", "Power.Active.Import", "L2", "kW", 3600.0, "W"),
                           sample("3.5", "Power.Active.Import", "L3", "kW", 3500.0, "W"),
                           sample("42", "SoC", std::nullopt, "Percent", 42.0, "Percent")}));
    meter_values().insert(meter_value(3000, {sample("230", "Voltage", "L1-N", "V", 230.0, "V")}));

    EXPECT_EQ(count_rows("meter_values"), 2);
    EXPECT_EQ(connection_.query_int("SELECT min(json_valid(samples)) FROM meter_values"), 1);
    EXPECT_EQ(
        connection_.query_int("SELECT json_array_length(samples) FROM meter_values WHERE timestamp = 2000"),
        5);
    auto row = connection_.prepare(
        "SELECT energy_import_wh, power_import_w, soc_percent FROM meter_values ORDER BY timestamp");
    ASSERT_TRUE(row.step());
    EXPECT_EQ(row.column<std::optional<double>>(0), 1500.0);
    EXPECT_EQ(row.column<std::optional<double>>(1), 10800.0);
    EXPECT_EQ(row.column<std::optional<double>>(2), 42.0);
    ASSERT_TRUE(row.step());
    EXPECT_TRUE(row.is_null(0));
    EXPECT_TRUE(row.is_null(1));
    EXPECT_TRUE(row.is_null(2));
}

TEST_F(MeterValueRepositoryTest, ForTransactionReturnsOnlyItsValuesOldestFirst) {
    meter_values().insert(meter_value(3000, {}));
    meter_values().insert(meter_value(2000, {}));
    MeterValueRecord outside = meter_value(2500, {});
    outside.transaction_id = std::nullopt;
    meter_values().insert(outside);

    const auto read = meter_values().for_transaction(transaction_id_);
    ASSERT_EQ(read.size(), 2U);
    EXPECT_EQ(read[0].timestamp, at_millis(2000));
    EXPECT_EQ(read[1].timestamp, at_millis(3000));
    EXPECT_TRUE(read[0].samples.empty());
    EXPECT_TRUE(meter_values().for_transaction(transaction_id_ + 1).empty());
    EXPECT_EQ(count_rows("meter_values"), 3);
}

TEST_F(MeterValueRepositoryTest, UnknownTransactionIsRefused) {
    MeterValueRecord bad = meter_value(2000, {});
    bad.transaction_id = transaction_id_ + 100;
    EXPECT_THROW(meter_values().insert(bad), std::runtime_error);
}

TEST_F(MeterValueRepositoryTest, AnIdenticalRetryIsStoredOnce) {
    const auto reading = meter_value(
        2000, {sample("1.5", "Energy.Active.Import.Register", std::nullopt, "kWh", 1500.0, "Wh")});
    EXPECT_TRUE(meter_values().insert(reading));
    MeterValueRecord retried = reading;
    retried.received_at = at_millis(9000);  // the retry arrives later
    EXPECT_FALSE(meter_values().insert(retried));
    EXPECT_EQ(count_rows("meter_values"), 1);

    // Anything that differs is another reading: another value, instant, connector or source.
    MeterValueRecord other_value = meter_value(
        2000, {sample("1.6", "Energy.Active.Import.Register", std::nullopt, "kWh", 1600.0, "Wh")});
    EXPECT_TRUE(meter_values().insert(other_value));
    EXPECT_TRUE(meter_values().insert(meter_value(2001, reading.samples)));
    MeterValueRecord other_source = reading;
    other_source.source = "StopTransaction";
    EXPECT_TRUE(meter_values().insert(other_source));
    MeterValueRecord without_transaction = reading;
    without_transaction.transaction_id = std::nullopt;
    EXPECT_TRUE(meter_values().insert(without_transaction));
    EXPECT_FALSE(meter_values().insert(without_transaction));
    EXPECT_EQ(count_rows("meter_values"), 5);
}

TEST_F(MeterValueRepositoryTest, RetentionDeletesOldReadingsButNotThoseAnUnaccountedTransactionNeeds) {
    const auto accounted = transaction_id_;
    const auto running = start_transaction(2);
    connection_.execute_script(
        "INSERT INTO energy_sessions (transaction_id, charger_id, connector_id, id_tag, id_tag_known, "
        "start_at, stop_at, total_wh, energy_source, accounted_at) VALUES (" +
        std::to_string(accounted) + ", 'CP1', 1, 'TAG', 1, 1000, 5000, 10, 'register', 6000)");
    for (std::int64_t t : {2000, 3000, 4000}) {
        meter_values().insert(meter_value(t, {}));  // the accounted transaction
        MeterValueRecord of_running = meter_value(t, {});
        of_running.connector_id = 2;
        of_running.transaction_id = running;
        meter_values().insert(of_running);
        MeterValueRecord idle = meter_value(t, {});
        idle.connector_id = 3;
        idle.transaction_id = std::nullopt;
        meter_values().insert(idle);
    }

    // Before 3500: the accounted transaction's and the idle connector's readings of 2000 and 3000 go (their
    // received_at, t + 10, is before it too); the running transaction keeps all of its own.
    EXPECT_EQ(meter_values().delete_before(at_millis(3500), 3), 3U);  // a chunk of 3
    EXPECT_EQ(meter_values().delete_before(at_millis(3500), 100), 1U);
    EXPECT_EQ(meter_values().delete_before(at_millis(3500), 100), 0U);
    EXPECT_EQ(count_rows("meter_values"), 5);
    EXPECT_EQ(meter_values().for_transaction(running).size(), 3U);
    EXPECT_EQ(meter_values().for_transaction(accounted).size(), 1U);

    // A reading received late (after the cutoff) stays, even if it was taken long before.
    MeterValueRecord late = meter_value(1500, {});
    late.received_at = at_millis(3600);
    meter_values().insert(late);
    EXPECT_EQ(meter_values().delete_before(at_millis(3500), 100), 0U);
}

}  // namespace
}  // namespace parkgrid::storage
