#include <csignal>

#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using ChargerSessionTest = CsmsTest;

TEST_F(ChargerSessionTest, UnknownChargerIsPendingUntilApprovedThenAskedToBootAgain) {
    OcppTestClient charger(server_->port(), "NEW-1");
    const auto pending = charger.boot("Vendor", "Model");
    EXPECT_EQ(pending.payload["status"], "Pending");
    EXPECT_EQ(pending.payload["interval"], 60);

    // Not accepted yet: everything but BootNotification is refused and not processed.
    const auto refused = charger.call(
        "StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}});
    EXPECT_EQ(refused.type, 4);
    EXPECT_EQ(refused.error_code, "SecurityError");
    auto listed = api("GET", "/api/v1/chargers/NEW-1").json();
    EXPECT_EQ(listed["registrationStatus"], "Pending");
    EXPECT_EQ(listed["online"], true);
    EXPECT_TRUE(listed["connectors"].empty());

    const auto approved = api("PATCH", "/api/v1/chargers/NEW-1", {{"registrationStatus", "Accepted"}});
    ASSERT_EQ(approved.status, 200u) << approved.body;
    const auto trigger = charger.wait_for_server_call();
    EXPECT_EQ(trigger.action, "TriggerMessage");
    EXPECT_EQ(trigger.payload, (nlohmann::json{{"requestedMessage", "BootNotification"}}));
    charger.answer(trigger, {{"status", "Accepted"}});

    const auto accepted = charger.boot("Vendor", "Model");
    EXPECT_EQ(accepted.payload["status"], "Accepted");
    EXPECT_EQ(accepted.payload["interval"], 300);
    EXPECT_EQ(charger
                  .call("StatusNotification",
                        {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}})
                  .type,
              3);

    // The list shows each charger with its connectors, so a dashboard needs one request.
    const auto listed_all = api("GET", "/api/v1/chargers").json();
    ASSERT_EQ(listed_all["items"].size(), 1u) << listed_all;
    ASSERT_EQ(listed_all["items"][0]["connectors"].size(), 1u) << listed_all;
    EXPECT_EQ(listed_all["items"][0]["connectors"][0]["status"], "Available");
    EXPECT_EQ(listed_all["items"][0]["online"], true);
}

TEST_F(ChargerSessionTest, RejectPolicyRefusesUnknownChargersWithoutStoringThem) {
    start_server({"--unknown-chargers", "reject", "--boot-retry-interval", "120"});
    OcppTestClient charger(server_->port(), "STRANGER");
    const auto boot = charger.boot();
    EXPECT_EQ(boot.payload["status"], "Rejected");
    EXPECT_EQ(boot.payload["interval"], 120);
    EXPECT_EQ(charger.call("Heartbeat", nlohmann::json::object()).error_code, "SecurityError");
    EXPECT_EQ(api("GET", "/api/v1/chargers/STRANGER").status, 404u);
}

TEST_F(ChargerSessionTest, AcceptPolicyAcceptsUnknownChargers) {
    start_server({"--unknown-chargers", "accept", "--heartbeat-interval", "120"});
    OcppTestClient charger(server_->port(), "OPEN-1");
    const auto boot = charger.boot();
    EXPECT_EQ(boot.payload["status"], "Accepted");
    EXPECT_EQ(boot.payload["interval"], 120);
}

TEST_F(ChargerSessionTest, AdministratorRejectionTakesEffectImmediately) {
    auto charger = connect_accepted("CP-1");
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"registrationStatus", "Rejected"}}).status, 200u);
    EXPECT_EQ(charger->call("Heartbeat", nlohmann::json::object()).error_code, "SecurityError");
    EXPECT_EQ(charger->boot().payload["status"], "Rejected");
}

TEST_F(ChargerSessionTest, AcceptedChargerIsServedAfterReconnectWithoutBooting) {
    connect_accepted("CP-1").reset();
    OcppTestClient again(server_->port(), "CP-1");
    EXPECT_EQ(again
                  .call("StatusNotification",
                        {{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Available"}})
                  .type,
              3);
}

TEST_F(ChargerSessionTest, BootNotificationStoresEveryField) {
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}, {"description", "Garage B"}}).status, 201u);
    OcppTestClient charger(server_->port(), "CP-1");
    const nlohmann::json boot = {{"chargePointVendor", "StarCharge"},
                                 {"chargePointModel", "AC7"},
                                 {"chargePointSerialNumber", "CPSN-1"},
                                 {"chargeBoxSerialNumber", "CBSN-1"},
                                 {"firmwareVersion", "1.2.3"},
                                 {"iccid", "89860"},
                                 {"imsi", "46000"},
                                 {"meterType", "DDSU666"},
                                 {"meterSerialNumber", "M-42"}};
    const auto answer = charger.call("BootNotification", boot);
    EXPECT_EQ(answer.payload["status"], "Accepted");
    EXPECT_TRUE(answer.payload["currentTime"].get<std::string>().ends_with("Z"));
    const auto detail = api("GET", "/api/v1/chargers/CP-1").json();
    EXPECT_EQ(detail["bootInfo"], boot);
    EXPECT_EQ(detail["description"], "Garage B");
    EXPECT_FALSE(detail["lastBootAt"].is_null());
}

TEST_F(ChargerSessionTest, HeartbeatAnswersTimeAndUpdatesLastSeen) {
    auto charger = connect_accepted("CP-1");
    const auto answer = charger->call("Heartbeat", nlohmann::json::object());
    ASSERT_EQ(answer.type, 3);
    const auto now = std::chrono::system_clock::now();
    EXPECT_EQ(answer.payload.size(), 1u);
    EXPECT_EQ(answer.payload["currentTime"].get<std::string>().substr(0, 4),
              std::to_string(static_cast<int>(
                  std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year())));
    EXPECT_FALSE(api("GET", "/api/v1/chargers/CP-1").json()["lastSeenAt"].is_null());
}

TEST_F(ChargerSessionTest, StatusNotificationsKeepCurrentStatusAndHistory) {
    auto charger = connect_accepted("CP-1");
    charger->call("StatusNotification",
                  {{"connectorId", 0}, {"errorCode", "NoError"}, {"status", "Available"}});
    charger->call("StatusNotification",
                  {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
    charger->call("StatusNotification", {{"connectorId", 1},
                                         {"errorCode", "GroundFailure"},
                                         {"status", "Faulted"},
                                         {"info", "RCD tripped"},
                                         {"vendorId", "StarCharge"},
                                         {"vendorErrorCode", "E42"},
                                         {"timestamp", "2026-11-25T08:00:00+08:00"}});
    const auto detail = api("GET", "/api/v1/chargers/CP-1").json();
    ASSERT_EQ(detail["connectors"].size(), 2u) << detail;
    const auto& connector = detail["connectors"][1];
    EXPECT_EQ(connector["connectorId"], 1);
    EXPECT_EQ(connector["status"], "Faulted");
    EXPECT_EQ(connector["errorCode"], "GroundFailure");
    EXPECT_EQ(connector["info"], "RCD tripped");
    EXPECT_EQ(connector["vendorErrorCode"], "E42");
    EXPECT_EQ(connector["timestamp"], "2026-11-25T00:00:00Z");  // stored as UTC
    const auto history = api("GET", "/api/v1/chargers/CP-1/status-history?connectorId=1").json()["items"];
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0]["status"], "Faulted");  // newest first
    EXPECT_EQ(history[1]["status"], "Preparing");
}

TEST_F(ChargerSessionTest, AuthorizeAnswersEveryStatus) {
    auto charger = connect_accepted("CP-1");
    create_id_tag("GOOD", "Accepted", {{"parentIdTag", "FLEET-A"}, {"expiryDate", "2099-01-01T00:00:00Z"}});
    create_id_tag("LOST", "Blocked");
    create_id_tag("OLD", "Accepted", {{"expiryDate", "2020-01-01T00:00:00Z"}});
    create_id_tag("FLEET-B", "Blocked");
    create_id_tag("MEMBER", "Accepted", {{"parentIdTag", "FLEET-B"}});
    const auto status_of = [&](const std::string& tag) {
        return charger->call("Authorize", {{"idTag", tag}}).payload["idTagInfo"];
    };
    const auto good = status_of("GOOD");
    EXPECT_EQ(good["status"], "Accepted");
    EXPECT_EQ(good["parentIdTag"], "FLEET-A");
    EXPECT_EQ(good["expiryDate"], "2099-01-01T00:00:00Z");
    EXPECT_EQ(status_of("good")["status"], "Accepted");  // id tags are case-insensitive
    EXPECT_EQ(status_of("LOST")["status"], "Blocked");
    EXPECT_EQ(status_of("OLD")["status"], "Expired");
    EXPECT_EQ(status_of("NOBODY")["status"], "Invalid");
    EXPECT_EQ(status_of("MEMBER")["status"], "Blocked");  // its group is blocked
}

TEST_F(ChargerSessionTest, AuthorizeAnswersConcurrentTxForATagChargingElsewhere) {
    auto first = connect_accepted("CP-1");
    auto second = connect_accepted("CP-2");
    create_id_tag("CAR-7");
    ASSERT_EQ(first
                  ->call("StartTransaction", {{"connectorId", 1},
                                              {"idTag", "CAR-7"},
                                              {"meterStart", 0},
                                              {"timestamp", "2026-11-25T08:00:00Z"}})
                  .payload["idTagInfo"]["status"],
              "Accepted");
    EXPECT_EQ(second->call("Authorize", {{"idTag", "CAR-7"}}).payload["idTagInfo"]["status"], "ConcurrentTx");
    // At the charger where it is charging (e.g. to stop), it is still accepted.
    EXPECT_EQ(first->call("Authorize", {{"idTag", "CAR-7"}}).payload["idTagInfo"]["status"], "Accepted");
}

TEST_F(ChargerSessionTest, DataTransferWithUnknownVendorIsAnsweredUnknownVendorId) {
    auto charger = connect_accepted("CP-1");
    const auto answer =
        charger->call("DataTransfer", {{"vendorId", "com.example"}, {"messageId", "x"}, {"data", "{}"}});
    EXPECT_EQ(answer.payload, (nlohmann::json{{"status", "UnknownVendorId"}}));
}

TEST_F(ChargerSessionTest, FirmwareAndDiagnosticsStatusAreStored) {
    auto charger = connect_accepted("CP-1");
    EXPECT_EQ(charger->call("FirmwareStatusNotification", {{"status", "Installing"}}).payload,
              nlohmann::json::object());
    EXPECT_EQ(charger->call("DiagnosticsStatusNotification", {{"status", "Uploaded"}}).payload,
              nlohmann::json::object());
    const auto detail = api("GET", "/api/v1/chargers/CP-1").json();
    EXPECT_EQ(detail["firmwareStatus"], "Installing");
    EXPECT_EQ(detail["diagnosticsStatus"], "Uploaded");
}

TEST_F(ChargerSessionTest, ShutdownClosesChargersWithGoingAway) {
    auto charger = connect_accepted("CP-1");
    std::thread stopper([&] { EXPECT_EQ(server_->terminate(), 0); });
    EXPECT_EQ(charger->wait_closed(), 1001);
    stopper.join();
    EXPECT_NE(server_->log().find("stopped"), std::string::npos);
}

}  // namespace
}  // namespace parkgrid::testing
