#include "charger_simulator.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using ConfigurationTest = CsmsTest;

TEST_F(ConfigurationTest, AcceptedBootReadsTheConfigurationAndAppliesTheDesiredValues) {
    ASSERT_EQ(
        api("POST", "/api/v1/desired-configuration", {{"key", "HeartbeatInterval"}, {"value", "120"}}).status,
        201u);
    const auto model_entry = api("POST", "/api/v1/desired-configuration",
                                 {{"key", "MeterValueSampleInterval"},
                                  {"value", "15"},
                                  {"chargePointVendor", "Simulator"},
                                  {"chargePointModel", "Sim-1"}});
    ASSERT_EQ(model_entry.status, 201u) << model_entry.body;
    EXPECT_EQ(model_entry.json()["scope"], "model");
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);

    ChargerSimulator charger(server_->port(), "CP-1");
    charger.set_answer("ChangeConfiguration",
                       ChargerSimulator::Answer::result({{"status", "RebootRequired"}}));
    EXPECT_EQ(charger.wait_for("GetConfiguration").payload, nlohmann::json::object());
    // Both differ from what the simulator reports (300 and 60).
    std::vector<nlohmann::json> changes;
    for (int i = 0; i < 100 && changes.size() < 2; ++i) {
        changes.clear();
        for (const auto& call : charger.received()) {
            if (call.action == "ChangeConfiguration") {
                changes.push_back(call.payload);
            }
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0], (nlohmann::json{{"key", "HeartbeatInterval"}, {"value", "120"}}));
    EXPECT_EQ(changes[1], (nlohmann::json{{"key", "MeterValueSampleInterval"}, {"value", "15"}}));

    nlohmann::json configuration;
    for (int i = 0; i < 100; ++i) {  // the last change's result is stored just after the charger answers
        configuration = api("GET", "/api/v1/chargers/CP-1/configuration").json();
        if (configuration["rebootRequired"] == true && configuration["keys"].size() == 2 &&
            !configuration["keys"][1]["lastChange"].is_null()) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(configuration["rebootRequired"], true) << configuration;
    ASSERT_EQ(configuration["keys"].size(), 2u) << configuration;
    const auto& heartbeat = configuration["keys"][0];
    EXPECT_EQ(heartbeat["key"], "HeartbeatInterval");
    EXPECT_EQ(heartbeat["value"], "120");  // RebootRequired counts as applied
    EXPECT_EQ(heartbeat["desiredValue"], "120");
    EXPECT_EQ(heartbeat["inSync"], true);
    EXPECT_EQ(heartbeat["lastChange"]["status"], "RebootRequired");

    // The command log shows who did it.
    std::size_t configuration_commands = 0;
    const auto log = api("GET", "/api/v1/chargers/CP-1/commands").json();
    for (const auto& command : log["items"]) {
        if (command["action"] == "GetConfiguration" || command["action"] == "ChangeConfiguration") {
            EXPECT_EQ(command["requestedBy"], "system:configuration") << command;
            ++configuration_commands;
        }
    }
    EXPECT_EQ(configuration_commands, 3u);
}

TEST_F(ConfigurationTest, SyncOnRequestReportsWhatItChangedAndRefusalsAreNotRetried) {
    const auto desired =
        api("POST", "/api/v1/desired-configuration", {{"key", "HeartbeatInterval"}, {"value", "90"}});
    ASSERT_EQ(desired.status, 201u);
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
    ChargerSimulator charger(
        server_->port(), "CP-1",
        {{"ChangeConfiguration", ChargerSimulator::Answer::result({{"status", "Rejected"}})}});
    EXPECT_EQ(charger.wait_for("ChangeConfiguration").payload["value"], "90");  // tried at boot, refused

    const auto again = api("POST", "/api/v1/chargers/CP-1/configuration/sync");
    ASSERT_EQ(again.status, 200u) << again.body;
    // The charger refused this value; asking again would only be refused again.
    EXPECT_EQ(again.json()["changesSent"], 0);
    EXPECT_EQ(again.json()["keys"][0]["lastChange"]["status"], "Rejected");
    EXPECT_EQ(again.json()["keys"][0]["inSync"], false);

    // A new desired value is tried, and reported with its outcome.
    ASSERT_EQ(api("PATCH", "/api/v1/desired-configuration/" + std::to_string(desired.json()["id"].get<int>()),
                  {{"value", "45"}})
                  .status,
              200u);
    charger.set_answer("ChangeConfiguration", ChargerSimulator::Answer::result({{"status", "Accepted"}}));
    const auto changed = api("POST", "/api/v1/chargers/CP-1/configuration/sync");
    EXPECT_EQ(changed.json()["changesSent"], 1);
    EXPECT_EQ(changed.json()["changesAccepted"], 1);
    EXPECT_EQ(changed.json()["keys"][0]["value"], "45");
    EXPECT_EQ(changed.json()["keys"][0]["inSync"], true);
}

TEST_F(ConfigurationTest, DesiredConfigurationValidation) {
    EXPECT_EQ(api("POST", "/api/v1/desired-configuration", {{"key", std::string(51, 'k')}, {"value", "1"}})
                  .json()["field"],
              "key");
    EXPECT_EQ(api("POST", "/api/v1/desired-configuration",
                  {{"key", "K"}, {"value", "1"}, {"chargePointVendor", "ACME"}})
                  .json()["field"],
              "chargePointModel");
    ASSERT_EQ(api("POST", "/api/v1/desired-configuration", {{"key", "K"}, {"value", "1"}}).status, 201u);
    EXPECT_EQ(api("POST", "/api/v1/desired-configuration", {{"key", "K"}, {"value", "2"}}).status, 409u);
    EXPECT_EQ(api("POST", "/api/v1/desired-configuration", {{"key", "K"}, {"value", "2"}, {"siteId", 999}})
                  .json()["field"],
              "siteId");
    EXPECT_EQ(api("GET", "/api/v1/desired-configuration").json()["total"], 1);
    EXPECT_EQ(api("DELETE", "/api/v1/desired-configuration/12345").status, 404u);
}

}  // namespace
}  // namespace parkgrid::testing
