#include <atomic>
#include <thread>

#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using ShutdownTest = CsmsTest;

nlohmann::json meter_value(int transaction_id, int wh) {
    return {{"connectorId", 1},
            {"transactionId", transaction_id},
            {"meterValue",
             {{{"timestamp", ocpp_time_in(std::chrono::seconds(0))},
               {"sampledValue",
                {{{"value", std::to_string(wh)}, {"measurand", "Energy.Active.Import.Register"}}}}}}}};
}

// SIGTERM while chargers stream MeterValues: csms closes them with GoingAway, commits what it had accepted
// and exits 0 within a few seconds. After a restart every acknowledged reading is there exactly once, in
// order, and nothing else but possibly the one in flight.
TEST_F(ShutdownTest, UnderLoadNothingAcknowledgedIsLostAndNothingIsDoubled) {
    constexpr int kChargers = 6;
    create_id_tag("CAR-1");
    std::vector<std::unique_ptr<OcppTestClient>> chargers;
    std::vector<int> transactions;
    for (int i = 0; i < kChargers; ++i) {
        chargers.push_back(connect_accepted("CP-" + std::to_string(i)));
        transactions.push_back(
            chargers.back()
                ->call("StartTransaction", {{"connectorId", 1},
                                            {"idTag", "CAR-1"},
                                            {"meterStart", 0},
                                            {"timestamp", ocpp_time_in(std::chrono::seconds(0))}})
                .payload["transactionId"]);
    }
    std::vector<int> acknowledged(kChargers, 0);
    std::vector<int> sent(kChargers, 0);
    std::atomic<bool> stop{false};
    std::vector<std::thread> senders;
    for (int c = 0; c < kChargers; ++c) {
        senders.emplace_back([&, c] {
            try {
                for (int n = 1; !stop; ++n) {
                    sent[c] = n;
                    const auto answer = chargers[c]->call("MeterValues", meter_value(transactions[c], n * 10),
                                                          std::chrono::seconds(10));
                    if (answer.type != 3) {
                        return;
                    }
                    acknowledged[c] = n;
                }
            } catch (const std::exception&) {
                // closed by the shutdown: that answer never came
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    const auto signalled = std::chrono::steady_clock::now();
    EXPECT_EQ(server_->terminate(), 0);
    const auto took = std::chrono::steady_clock::now() - signalled;
    stop = true;
    for (auto& sender : senders) {
        sender.join();
    }
    chargers.clear();
    std::cout << "shutdown under load took "
              << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms\n";
    // The grace period for closing chargers is 5 s; storage then only commits what is queued.
    EXPECT_LT(took, std::chrono::seconds(10));

    start_server();
    for (int c = 0; c < kChargers; ++c) {
        ASSERT_GT(acknowledged[c], 0) << "no MeterValues were acknowledged before the shutdown";
        const auto stored = api("GET", "/api/v1/transactions/" + std::to_string(transactions[c])).json();
        const auto& values = stored["meterValues"];
        ASSERT_GE(static_cast<int>(values.size()), acknowledged[c]) << "charger " << c;
        ASSERT_LE(static_cast<int>(values.size()), sent[c]) << "charger " << c;
        for (std::size_t i = 0; i < values.size(); ++i) {
            EXPECT_EQ(values[i]["sampledValue"][0]["value"], std::to_string((i + 1) * 10))
                << "charger " << c << ", reading " << i;
        }
    }
}

}  // namespace
}  // namespace parkgrid::testing
