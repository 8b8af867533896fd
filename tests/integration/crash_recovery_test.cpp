#include <atomic>
#include <thread>

#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using CrashRecoveryTest = CsmsTest;

nlohmann::json meter_value(int transaction_id, int wh, int second) {
    char timestamp[32];
    std::snprintf(timestamp, sizeof timestamp, "2026-11-25T08:%02d:%02dZ", second / 60, second % 60);
    return {
        {"connectorId", 1},
        {"transactionId", transaction_id},
        {"meterValue", {{{"timestamp", timestamp}, {"sampledValue", {{{"value", std::to_string(wh)}}}}}}}};
}

// kill -9 right after acknowledged StartTransaction and MeterValues: after a restart on the same database
// everything acknowledged is there, and the charger can stop the transaction.
TEST_F(CrashRecoveryTest, AcknowledgedDataSurvivesKillNine) {
    auto charger = connect_accepted("CP-1");
    create_id_tag("CAR-1");
    const auto started = charger->call(
        "StartTransaction",
        {{"connectorId", 1}, {"idTag", "CAR-1"}, {"meterStart", 100}, {"timestamp", "2026-11-25T08:00:00Z"}});
    const int id = started.payload["transactionId"];
    ASSERT_EQ(charger->call("MeterValues", meter_value(id, 600, 60)).type, 3);
    server_->kill_hard();
    charger.reset();

    start_server();
    const auto stored = api("GET", "/api/v1/transactions/" + std::to_string(id));
    ASSERT_EQ(stored.status, 200u) << stored.body;
    EXPECT_EQ(stored.json()["meterStart"], 100);
    EXPECT_EQ(stored.json()["meterValues"].size(), 1u);

    // The charger reconnects without booting (it did not restart) and finishes the session.
    OcppTestClient again(server_->port(), "CP-1");
    const auto stop =
        again.call("StopTransaction",
                   {{"transactionId", id}, {"meterStop", 900}, {"timestamp", "2026-11-25T09:00:00Z"}});
    EXPECT_EQ(stop.type, 3);
    EXPECT_EQ(api("GET", "/api/v1/transactions/" + std::to_string(id)).json()["energyWh"], 800);
}

// Under a stream of MeterValues, kill -9 at an arbitrary moment: every acknowledged one must be stored.
TEST_F(CrashRecoveryTest, NoAcknowledgedMeterValueIsLostWhenKilledMidStream) {
    std::vector<std::unique_ptr<OcppTestClient>> chargers;
    std::vector<int> transactions;
    create_id_tag("CAR-1");
    for (int i = 0; i < 4; ++i) {
        const std::string id = "CP-" + std::to_string(i);
        chargers.push_back(connect_accepted(id));
        transactions.push_back(chargers.back()
                                   ->call("StartTransaction", {{"connectorId", 1},
                                                               {"idTag", "CAR-1"},
                                                               {"meterStart", 0},
                                                               {"timestamp", "2026-11-25T08:00:00Z"}})
                                   .payload["transactionId"]);
    }
    std::vector<int> acknowledged(chargers.size(), 0);
    std::atomic<bool> killed{false};
    std::vector<std::thread> senders;
    for (std::size_t c = 0; c < chargers.size(); ++c) {
        senders.emplace_back([&, c] {
            try {
                for (int n = 1; n < 100000 && !killed; ++n) {
                    const auto answer = chargers[c]->call(
                        "MeterValues", meter_value(transactions[c], n, n % 3600), std::chrono::seconds(5));
                    if (answer.type == 3) {
                        acknowledged[c] = n;
                    }
                }
            } catch (const std::exception&) {
                // the server died mid-call: that answer never came
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    server_->kill_hard();
    killed = true;
    for (auto& sender : senders) {
        sender.join();
    }
    chargers.clear();

    start_server();
    for (std::size_t c = 0; c < transactions.size(); ++c) {
        ASSERT_GT(acknowledged[c], 0) << "no MeterValues were acknowledged before the kill";
        const auto stored = api("GET", "/api/v1/transactions/" + std::to_string(transactions[c])).json();
        const auto count = static_cast<int>(stored["meterValues"].size());
        EXPECT_GE(count, acknowledged[c])
            << "charger " << c << ": acknowledged " << acknowledged[c] << ", stored " << count;
    }
}

}  // namespace
}  // namespace parkgrid::testing
