#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

class TransactionTest : public CsmsTest {
protected:
    void SetUp() override {
        CsmsTest::SetUp();
        charger_ = connect_accepted("CP-1");
        create_id_tag("CAR-1");
    }

    static nlohmann::json start_payload(int meter_start = 1000,
                                        const std::string& timestamp = "2026-11-25T08:00:00Z",
                                        const std::string& id_tag = "CAR-1") {
        return {{"connectorId", 1}, {"idTag", id_tag}, {"meterStart", meter_start}, {"timestamp", timestamp}};
    }

    int start(const nlohmann::json& payload = start_payload()) {
        const auto answer = charger_->call("StartTransaction", payload);
        EXPECT_EQ(answer.type, 3) << answer.error_description;
        return answer.payload["transactionId"].get<int>();
    }

    nlohmann::json transaction(int id) {
        const auto response = api("GET", "/api/v1/transactions/" + std::to_string(id));
        EXPECT_EQ(response.status, 200u) << response.body;
        return response.json();
    }

    std::vector<std::string> anomaly_kinds(const std::string& charger = "CP-1") {
        std::vector<std::string> kinds;
        const auto anomalies =
            api("GET", "/api/v1/chargers/" + charger + "/anomalies").json();  // keep alive for the loop
        for (const auto& anomaly : anomalies["items"]) {
            kinds.push_back(anomaly["kind"]);
        }
        return kinds;
    }

    std::unique_ptr<OcppTestClient> charger_;
};

TEST_F(TransactionTest, CompleteSessionIsStoredWithEnergyAndMeterValues) {
    const int id = start();
    EXPECT_GT(id, 0);
    const auto meter = charger_->call(
        "MeterValues",
        {{"connectorId", 1},
         {"transactionId", id},
         {"meterValue",
          {{{"timestamp", "2026-11-25T08:15:00Z"},
            {"sampledValue",
             {{{"value", "2.5"}, {"unit", "kWh"}},
              {{"value", "7040"}, {"measurand", "Power.Active.Import"}, {"unit", "W"}, {"phase", "L1"}},
              {{"value", "55"}, {"measurand", "SoC"}, {"unit", "Percent"}, {"location", "EV"}}}}}}}});
    EXPECT_EQ(meter.type, 3);
    const auto stop = charger_->call("StopTransaction", {{"transactionId", id},
                                                         {"idTag", "CAR-1"},
                                                         {"meterStop", 8500},
                                                         {"timestamp", "2026-11-25T09:00:00Z"},
                                                         {"reason", "EVDisconnected"}});
    EXPECT_EQ(stop.payload["idTagInfo"]["status"], "Accepted");

    const auto stored = transaction(id);
    EXPECT_EQ(stored["chargerId"], "CP-1");
    EXPECT_EQ(stored["meterStart"], 1000);
    EXPECT_EQ(stored["meterStop"], 8500);
    EXPECT_EQ(stored["energyWh"], 7500);
    EXPECT_EQ(stored["stopReason"], "EVDisconnected");
    EXPECT_EQ(stored["status"], "finished");
    ASSERT_EQ(stored["meterValues"].size(), 1u);
    const auto& samples = stored["meterValues"][0]["sampledValue"];
    ASSERT_EQ(samples.size(), 3u);
    // Defaults made explicit and kWh normalised to Wh.
    EXPECT_EQ(samples[0]["measurand"], "Energy.Active.Import.Register");
    EXPECT_EQ(samples[0]["context"], "Sample.Periodic");
    EXPECT_EQ(samples[0]["location"], "Outlet");
    EXPECT_EQ(samples[0]["value"], "2.5");
    EXPECT_EQ(samples[0]["unit"], "kWh");
    EXPECT_EQ(samples[0]["normalizedValue"], 2500.0);
    EXPECT_EQ(samples[0]["normalizedUnit"], "Wh");
    EXPECT_EQ(samples[1]["phase"], "L1");
    EXPECT_EQ(samples[2]["location"], "EV");
    EXPECT_TRUE(stored["anomalies"].empty()) << stored["anomalies"];
}

TEST_F(TransactionTest, RetriedStartWithANewMessageIdReturnsTheSameTransaction) {
    const int first = start();
    const int retry = charger_->call_with_id("retry-with-new-id", "StartTransaction", start_payload())
                          .payload["transactionId"]
                          .get<int>();
    EXPECT_EQ(retry, first);
    EXPECT_EQ(api("GET", "/api/v1/transactions").json()["items"].size(), 1u);
    // A different start on the same connector is a new transaction.
    EXPECT_NE(start(start_payload(1000, "2026-11-25T10:00:00Z")), first);
}

TEST_F(TransactionTest, StartWithATagThatIsNotAcceptedIsRecordedAndFlagged) {
    const auto answer =
        charger_->call("StartTransaction", start_payload(0, "2026-11-25T08:00:00Z", "STRANGER"));
    EXPECT_EQ(answer.payload["idTagInfo"]["status"], "Invalid");
    const int id = answer.payload["transactionId"].get<int>();
    EXPECT_GT(id, 0);
    const auto stored = transaction(id);
    EXPECT_EQ(stored["authorizationStatus"], "Invalid");
    ASSERT_EQ(stored["anomalies"].size(), 1u);
    EXPECT_EQ(stored["anomalies"][0]["kind"], "start_not_authorized");
}

TEST_F(TransactionTest, StopRetriesAreIdempotentAndConflictingStopsFlagged) {
    const int id = start();
    const nlohmann::json stop = {
        {"transactionId", id},
        {"meterStop", 5000},
        {"timestamp", "2026-11-25T09:00:00Z"},
        {"transactionData",
         {{{"timestamp", "2026-11-25T09:00:00Z"},
           {"sampledValue", {{{"value", "5000"}, {"context", "Transaction.End"}}}}}}}};
    EXPECT_EQ(charger_->call("StopTransaction", stop).type, 3);
    EXPECT_EQ(charger_->call("StopTransaction", stop).type, 3);
    auto stored = transaction(id);
    EXPECT_EQ(stored["meterValues"].size(), 1u);  // the retry added nothing
    EXPECT_EQ(stored["stopReason"], "Local");     // absent reason means Local
    EXPECT_TRUE(stored["anomalies"].empty());

    auto conflicting = stop;
    conflicting["meterStop"] = 9999;
    EXPECT_EQ(charger_->call("StopTransaction", conflicting).type, 3);
    stored = transaction(id);
    EXPECT_EQ(stored["meterStop"], 5000);
    ASSERT_EQ(stored["anomalies"].size(), 1u);
    EXPECT_EQ(stored["anomalies"][0]["kind"], "conflicting_stop");
}

TEST_F(TransactionTest, StopOfAnUnknownTransactionIsAnsweredNormallyAndFlagged) {
    for (const int unknown : {-1, 424242}) {
        const auto answer = charger_->call("StopTransaction", {{"transactionId", unknown},
                                                               {"idTag", "CAR-1"},
                                                               {"meterStop", 100},
                                                               {"timestamp", "2026-11-25T09:00:00Z"}});
        EXPECT_EQ(answer.type, 3) << answer.error_code;
        EXPECT_EQ(answer.payload["idTagInfo"]["status"], "Accepted");
    }
    EXPECT_EQ(anomaly_kinds(), (std::vector<std::string>{"unknown_transaction", "unknown_transaction"}));
}

TEST_F(TransactionTest, ChargerCannotStopAnotherChargersTransaction) {
    const int id = start();
    auto intruder = connect_accepted("CP-EVIL");
    const auto answer = intruder->call(
        "StopTransaction", {{"transactionId", id}, {"meterStop", 1}, {"timestamp", "2026-11-25T09:00:00Z"}});
    EXPECT_EQ(answer.type, 3);
    EXPECT_EQ(transaction(id)["status"], "open");
    EXPECT_EQ(anomaly_kinds("CP-EVIL"), std::vector<std::string>{"foreign_transaction"});
    // The owner can still stop it.
    charger_->call("StopTransaction",
                   {{"transactionId", id}, {"meterStop", 3000}, {"timestamp", "2026-11-25T09:00:00Z"}});
    EXPECT_EQ(transaction(id)["energyWh"], 2000);
}

TEST_F(TransactionTest, ImplausibleStopsAreAnsweredAndFlagged) {
    const int id = start(start_payload(5000));
    EXPECT_EQ(charger_
                  ->call("StopTransaction",
                         {{"transactionId", id}, {"meterStop", 4000}, {"timestamp", "2099-01-01T00:00:00Z"}})
                  .type,
              3);
    const auto stored = transaction(id);
    EXPECT_EQ(stored["energyWh"], -1000);
    std::vector<std::string> kinds;
    for (const auto& anomaly : stored["anomalies"]) {
        kinds.push_back(anomaly["kind"]);
    }
    std::sort(kinds.begin(), kinds.end());
    EXPECT_EQ(kinds, (std::vector<std::string>{"meter_stop_below_start", "timestamp_in_future"}));
}

TEST_F(TransactionTest, TimestampsWithOffsetsAreStoredAsUtc) {
    const int id = start(start_payload(0, "2026-11-25T16:00:00.250+08:00"));
    EXPECT_EQ(transaction(id)["startTime"], "2026-11-25T08:00:00.250Z");
}

TEST_F(TransactionTest, MeterValuesForUnknownTransactionsAreKeptAndFlagged) {
    EXPECT_EQ(charger_
                  ->call("MeterValues",
                         {{"connectorId", 1},
                          {"transactionId", 777},
                          {"meterValue",
                           {{{"timestamp", "2026-11-25T08:15:00Z"}, {"sampledValue", {{{"value", "1"}}}}}}}})
                  .type,
              3);
    EXPECT_EQ(anomaly_kinds(), std::vector<std::string>{"unknown_transaction"});
}

TEST_F(TransactionTest, QueryFiltersByChargerTagTimeAndStatus) {
    create_id_tag("CAR-2");
    const int morning = start(start_payload(0, "2026-11-25T08:00:00Z"));
    charger_->call("StopTransaction",
                   {{"transactionId", morning}, {"meterStop", 10}, {"timestamp", "2026-11-25T09:00:00Z"}});
    const int evening = start(start_payload(10, "2026-11-25T18:00:00Z", "CAR-2"));
    const auto ids = [&](const std::string& query) {
        std::vector<int> out;
        const auto page = api("GET", "/api/v1/transactions" + query).json();  // keep alive for the loop
        for (const auto& item : page["items"]) {
            out.push_back(item["id"]);
        }
        return out;
    };
    EXPECT_EQ(ids(""), (std::vector<int>{evening, morning}));  // newest first
    EXPECT_EQ(ids("?idTag=CAR-2"), std::vector<int>{evening});
    EXPECT_EQ(ids("?chargerId=CP-1&status=finished"), std::vector<int>{morning});
    EXPECT_EQ(ids("?status=open"), std::vector<int>{evening});
    EXPECT_EQ(ids("?from=2026-11-25T12:00:00Z"), std::vector<int>{evening});
    EXPECT_EQ(ids("?to=2026-11-25T12:00:00%2B00:00"), std::vector<int>{morning});
    EXPECT_EQ(ids("?chargerId=OTHER"), std::vector<int>{});
    EXPECT_EQ(ids("?limit=1"), std::vector<int>{evening});
    EXPECT_EQ(ids("?limit=1&offset=1"), std::vector<int>{morning});
}

}  // namespace
}  // namespace parkgrid::testing
