#include <future>

#include "charger_simulator.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

// A valid request for every action the central system can send.
const std::map<std::string, nlohmann::json>& requests() {
    static const std::map<std::string, nlohmann::json> payloads = {
        {"CancelReservation", {{"reservationId", 7}}},
        {"CertificateSigned",
         {{"certificateChain", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}}},
        {"ChangeAvailability", {{"connectorId", 1}, {"type", "Inoperative"}}},
        {"ChangeConfiguration", {{"key", "HeartbeatInterval"}, {"value", "120"}}},
        {"ClearCache", nlohmann::json::object()},
        {"ClearChargingProfile", {{"connectorId", 1}, {"chargingProfilePurpose", "TxDefaultProfile"}}},
        {"DataTransfer", {{"vendorId", "cn.parkgrid"}, {"messageId", "ping"}, {"data", "hello"}}},
        {"DeleteCertificate",
         {{"certificateHashData",
           {{"hashAlgorithm", "SHA256"},
            {"issuerNameHash", "aa"},
            {"issuerKeyHash", "bb"},
            {"serialNumber", "01"}}}}},
        {"ExtendedTriggerMessage", {{"requestedMessage", "StatusNotification"}, {"connectorId", 1}}},
        {"GetCompositeSchedule", {{"connectorId", 1}, {"duration", 3600}, {"chargingRateUnit", "A"}}},
        {"GetConfiguration", {{"key", {"HeartbeatInterval"}}}},
        {"GetDiagnostics", {{"location", "ftp://diag.example.org/upload"}, {"retries", 2}}},
        {"GetInstalledCertificateIds", {{"certificateType", "CentralSystemRootCertificate"}}},
        {"GetLocalListVersion", nlohmann::json::object()},
        {"GetLog",
         {{"logType", "SecurityLog"},
          {"requestId", 1},
          {"log", {{"remoteLocation", "https://logs.example.org/up"}}}}},
        {"InstallCertificate",
         {{"certificateType", "ManufacturerRootCertificate"},
          {"certificate", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"}}},
        {"RemoteStartTransaction", {{"connectorId", 1}, {"idTag", "CARD-1"}}},
        {"RemoteStopTransaction", {{"transactionId", 12}}},
        {"ReserveNow",
         {{"connectorId", 1},
          {"expiryDate", "2030-01-01T00:00:00Z"},
          {"idTag", "CARD-1"},
          {"reservationId", 7}}},
        {"Reset", {{"type", "Soft"}}},
        {"SendLocalList",
         {{"listVersion", 1}, {"updateType", "Full"}, {"localAuthorizationList", nlohmann::json::array()}}},
        {"SetChargingProfile",
         {{"connectorId", 0},
          {"csChargingProfiles",
           {{"chargingProfileId", 1},
            {"stackLevel", 0},
            {"chargingProfilePurpose", "TxDefaultProfile"},
            {"chargingProfileKind", "Absolute"},
            {"chargingSchedule",
             {{"chargingRateUnit", "A"},
              {"chargingSchedulePeriod", {{{"startPeriod", 0}, {"limit", 7.3}}}}}}}}}},
        {"SignedUpdateFirmware",
         {{"requestId", 3},
          {"firmware",
           {{"location", "https://fw.example.org/fw.bin"},
            {"retrieveDateTime", "2026-11-25T00:00:00Z"},
            {"signingCertificate", "-----BEGIN CERTIFICATE-----"},
            {"signature", "c2ln"}}}}},
        {"TriggerMessage", {{"requestedMessage", "Heartbeat"}}},
        {"UnlockConnector", {{"connectorId", 1}}},
        {"UpdateFirmware",
         {{"location", "https://fw.example.org/fw.bin"}, {"retrieveDate", "2026-11-25T00:00:00Z"}}},
    };
    return payloads;
}

class CommandTest : public CsmsTest {
protected:
    void SetUp() override { start_server({"--call-timeout", "1", "--remote-start-wait", "2"}); }

    std::unique_ptr<ChargerSimulator> simulator(const std::string& id) {
        EXPECT_EQ(api("POST", "/api/v1/chargers", {{"id", id}}).status, 201u);
        return std::make_unique<ChargerSimulator>(server_->port(), id);
    }

    HttpResult command(const std::string& charger, const std::string& action, const nlohmann::json& payload) {
        return api("POST", "/api/v1/chargers/" + charger + "/commands/" + action, payload);
    }

    // The commands the test itself sent (the central system reads each charger's configuration after boot).
    nlohmann::json log_of(const std::string& charger) {
        auto log = api("GET", "/api/v1/chargers/" + charger + "/commands?limit=1000").json();
        nlohmann::json mine = nlohmann::json::array();
        for (const auto& entry : log["items"]) {
            if (entry["requestedBy"] == "token:bootstrap-admin") {
                mine.push_back(entry);
            }
        }
        return {{"items", mine}, {"total", mine.size()}};
    }
};

TEST_F(CommandTest, TheRequestTableCoversEveryCentralSystemAction) {
    EXPECT_EQ(requests().size(), ChargerSimulator::default_answers().size());
    for (const auto& [action, answer] : ChargerSimulator::default_answers()) {
        EXPECT_TRUE(requests().contains(action)) << action;
    }
}

TEST_F(CommandTest, EveryCommandReachesTheChargerAndReturnsItsAnswer) {
    auto charger = simulator("CP-1");
    for (const auto& [action, payload] : requests()) {
        const auto response = command("CP-1", action, payload);
        ASSERT_EQ(response.status, 200u) << action << ": " << response.body;
        EXPECT_EQ(response.json(), ChargerSimulator::default_answers().at(action)) << action;
        EXPECT_EQ(charger->wait_for(action).payload, payload) << action;
    }
    const auto log = log_of("CP-1");
    ASSERT_EQ(log["total"], requests().size());
    for (const auto& entry : log["items"]) {
        EXPECT_EQ(entry["status"], "result") << entry;
        EXPECT_EQ(entry["requestedBy"], "token:bootstrap-admin");
        EXPECT_EQ(entry["request"], requests().at(entry["action"]));
        EXPECT_EQ(entry["response"], ChargerSimulator::default_answers().at(entry["action"]));
        EXPECT_FALSE(entry["completedAt"].is_null());
    }
}

TEST_F(CommandTest, EveryCommandReportsACallErrorAs502WithItsCode) {
    auto charger = simulator("CP-1");
    for (const auto& [action, payload] : requests()) {
        charger->set_answer(action, ChargerSimulator::Answer::call_error("NotSupported"));
        const auto response = command("CP-1", action, payload);
        ASSERT_EQ(response.status, 502u) << action << ": " << response.body;
        EXPECT_EQ(response.json()["error"], "call_error");
        EXPECT_EQ(response.json()["errorCode"], "NotSupported");
    }
    const auto log = log_of("CP-1");
    EXPECT_EQ(log["total"], requests().size());
    for (const auto& entry : log["items"]) {
        EXPECT_EQ(entry["status"], "call_error");
        EXPECT_EQ(entry["errorCode"], "NotSupported");
    }
}

TEST_F(CommandTest, EveryCommandTimesOutWith504WhenTheChargerIsSilent) {
    // One silent charger per action, all at once, so that the timeouts overlap.
    std::vector<std::unique_ptr<ChargerSimulator>> chargers;
    std::vector<std::future<HttpResult>> responses;
    for (const auto& [action, payload] : requests()) {
        const std::string id = "SILENT-" + action;
        chargers.push_back(simulator(id));
        chargers.back()->set_answer(action, ChargerSimulator::Answer::silence());
        responses.push_back(std::async(std::launch::async, [this, id, action = action, payload = payload] {
            return command(id, action, payload);
        }));
    }
    auto response = responses.begin();
    for (const auto& [action, payload] : requests()) {
        const auto result = (response++)->get();
        EXPECT_EQ(result.status, 504u) << action << ": " << result.body;
        EXPECT_EQ(log_of("SILENT-" + action)["items"][0]["status"], "timeout") << action;
    }
}

TEST_F(CommandTest, EveryCommandToAnOfflineChargerIs409) {
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-OFF"}}).status, 201u);
    for (const auto& [action, payload] : requests()) {
        const auto response = command("CP-OFF", action, payload);
        EXPECT_EQ(response.status, 409u) << action << ": " << response.body;
        EXPECT_EQ(response.json()["error"], "charger_offline");
    }
    EXPECT_EQ(log_of("CP-OFF")["items"][0]["status"], "offline");
}

TEST_F(CommandTest, RejectsWhatCannotBeSentBeforeContactingTheCharger) {
    auto charger = simulator("CP-1");
    EXPECT_EQ(command("NOPE", "Reset", {{"type", "Soft"}}).status, 404u);
    EXPECT_EQ(command("CP-1", "Heartbeat", nlohmann::json::object()).status, 404u);  // sent by chargers only
    EXPECT_EQ(command("CP-1", "Teleport", nlohmann::json::object()).status, 404u);
    const auto invalid = command("CP-1", "Reset", {{"type", "Warm"}});
    EXPECT_EQ(invalid.status, 422u);
    EXPECT_EQ(invalid.json()["field"], "type");
    const auto missing = command("CP-1", "ChangeConfiguration", {{"key", "HeartbeatInterval"}});
    EXPECT_EQ(missing.status, 422u);
    EXPECT_EQ(missing.json()["field"], "value");
    EXPECT_EQ(log_of("CP-1")["total"], 0);
}

TEST_F(CommandTest, APayloadNestingTooDeepIsRefusedAndTheServerCarriesOn) {
    auto charger = simulator("CP-1");
    // Half a megabyte of brackets as a DataTransfer's data: writing it out again would recurse that deep.
    const std::string nested = std::string(250'000, '[') + std::string(250'000, ']');
    const auto refused =
        http_request(server_->port(), "POST", "/api/v1/chargers/CP-1/commands/DataTransfer",
                     R"({"vendorId": "x", "data": )" + nested + "}", std::string(kAdminToken));
    EXPECT_EQ(refused.status, 422u);
    EXPECT_EQ(refused.json()["error"], "invalid_payload");
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/commands").status, 200u);
    EXPECT_EQ(log_of("CP-1")["total"], 0);
}

TEST_F(CommandTest, AnAnswerThatViolatesTheSchemaIs502) {
    auto charger = simulator("CP-1");
    charger->set_answer("Reset", ChargerSimulator::Answer::result({{"status", "Maybe"}}));
    const auto response = command("CP-1", "Reset", {{"type", "Hard"}});
    EXPECT_EQ(response.status, 502u);
    EXPECT_EQ(response.json()["error"], "invalid_response");
    EXPECT_EQ(log_of("CP-1")["items"][0]["status"], "invalid_response");
}

TEST_F(CommandTest, RemoteStartReturnsTheTransactionThatFollows) {
    auto charger = simulator("CP-1");
    charger->start_transactions_on_remote_start(true);
    create_id_tag("CARD-1");
    const auto response =
        api("POST", "/api/v1/chargers/CP-1/remote-start", {{"connectorId", 1}, {"idTag", "CARD-1"}});
    ASSERT_EQ(response.status, 200u) << response.body;
    // The API answers as soon as the StartTransaction is stored, possibly before the charger has read its
    // own answer; wait for the charger's side too.
    EXPECT_EQ(response.json()["transactionId"], charger->wait_for_started_transaction());
    EXPECT_EQ(response.json()["status"], "Accepted");
}

TEST_F(CommandTest, RemoteStartThatIsRejectedOrNeverStartsSaysSo) {
    auto charger = simulator("CP-1");
    charger->set_answer("RemoteStartTransaction", ChargerSimulator::Answer::result({{"status", "Rejected"}}));
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/remote-start", {{"idTag", "CARD-1"}}).status, 409u);
    charger->set_answer("RemoteStartTransaction", ChargerSimulator::Answer::result({{"status", "Accepted"}}));
    const auto waited = api("POST", "/api/v1/chargers/CP-1/remote-start", {{"idTag", "CARD-1"}});
    EXPECT_EQ(waited.status, 504u);
    EXPECT_EQ(waited.json()["error"], "no_transaction");
    const auto invalid =
        api("POST", "/api/v1/chargers/CP-1/remote-start", {{"idTag", "CARD-1"}, {"connectorId", 0}});
    EXPECT_EQ(invalid.json()["field"], "connectorId");
}

}  // namespace
}  // namespace parkgrid::testing

namespace parkgrid::testing {
namespace {

TEST_F(CommandTest, EveryCommandIsInTheAuditLogWhoeverAskedForIt) {
    auto charger = simulator("CP-1");
    charger->set_answer("Reset", ChargerSimulator::Answer::call_error("InternalError"));
    EXPECT_EQ(command("CP-1", "Reset", {{"type", "Hard"}}).status, 502u);
    nlohmann::json entries;
    for (int i = 0; i < 100; ++i) {
        entries = api("GET", "/api/v1/audit-log?pathPrefix=/ocpp/CP-1").json()["items"];
        if (entries.size() >= 2) {
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::map<std::string, nlohmann::json> by_action;
    for (const auto& entry : entries) {
        by_action[entry["method"]] = entry;
    }
    ASSERT_TRUE(by_action.contains("Reset")) << entries;
    EXPECT_EQ(by_action["Reset"]["subject"], "token:bootstrap-admin");
    EXPECT_EQ(by_action["Reset"]["status"], 502);
    ASSERT_TRUE(by_action.contains("GetConfiguration")) << entries;  // sent by ParkGrid itself after the boot
    EXPECT_EQ(by_action["GetConfiguration"]["subject"], "system:configuration");
}

}  // namespace
}  // namespace parkgrid::testing
