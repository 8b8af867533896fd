// The charger-initiated side of the OCPP 1.6 security extension: security events, certificate signing
// (ParkGrid's own CA and an external one), GetLog and SignedUpdateFirmware followed by requestId, and who
// may see all of it.

#include <openssl/evp.h>

#include <fstream>

#include "charger_simulator.hpp"
#include "event_stream_client.hpp"
#include "organisation_fixture.hpp"
#include "test_pki.hpp"

namespace parkgrid::testing {
namespace {

std::string base64(const std::string& text) {
    std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
    const int length =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
    out.resize(static_cast<std::size_t>(length));
    return out;
}

nlohmann::json security_event(const std::string& type, const std::string& tech_info = "") {
    nlohmann::json payload = {{"type", type}, {"timestamp", ocpp_time_in(std::chrono::seconds(0))}};
    if (!tech_info.empty()) {
        payload["techInfo"] = tech_info;
    }
    return payload;
}

class SecurityExtensionTest : public OrganisationApiTest {
protected:
    void SetUp() override {}  // each test starts csms itself, with or without a CA

    // Starts csms, with ParkGrid's own charger CA when `with_ca`, and connects charger CP-1.
    void start(bool with_ca) {
        std::vector<std::string> args = {"--call-timeout", "2"};
        if (with_ca) {
            ca_key_ = pki::ec_key();
            ca_ = pki::certificate(ca_key_.get(), "ParkGrid Test Charger CA");
            const auto ca_file = temp_.path() / "charger-ca.pem";
            const auto key_file = temp_.path() / "charger-ca.key";
            std::ofstream(ca_file) << pki::pem(ca_.get());
            std::ofstream(key_file) << pki::pem(ca_key_.get());
            args.insert(args.end(),
                        {"--charger-ca-cert", ca_file.string(), "--charger-ca-key", key_file.string()});
        }
        start_server(args);
        ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
        charger_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-1");
    }

    // Sends SignCertificate and returns the status the central system answered.
    std::string sign_certificate(const std::string& csr) {
        const auto answer = charger_->call("SignCertificate", {{"csr", csr}});
        EXPECT_EQ(answer.type, 3) << answer.error_code << " " << answer.error_description;
        return answer.payload.value("status", "");
    }

    // Waits until the newest certificate request of CP-1 has `status`.
    nlohmann::json newest_request_with_status(const std::string& status) {
        nlohmann::json newest;
        for (int i = 0; i < 150; ++i) {
            const auto items = api("GET", "/api/v1/certificate-requests?chargerId=CP-1").json()["items"];
            newest = items.empty() ? nlohmann::json() : items[0];
            if (!items.empty() && items[0]["status"] == status) {
                return newest;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "status never became " << status << ": " << newest;
        return newest;
    }

    pki::Key ca_key_;
    pki::Certificate ca_;
    std::unique_ptr<ChargerSimulator> charger_;
};

TEST_F(SecurityExtensionTest, SecurityEventsAreStoredAndCriticalOnesRaiseAnAlert) {
    start(false);
    EventStreamClient stream(server_->port(), "/api/v1/events?types=security.event,security.alert",
                             kAdminToken);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));

    const auto tamper = charger_->call("SecurityEventNotification",
                                       security_event("TamperDetectionActivated", "door sensor 2 opened"));
    EXPECT_EQ(tamper.type, 3);
    EXPECT_EQ(tamper.payload, nlohmann::json::object());
    EXPECT_EQ(charger_->call("SecurityEventNotification", security_event("InvalidMessages")).type, 3);
    // Vendors add types of their own; they are stored, and not critical.
    EXPECT_EQ(charger_->call("SecurityEventNotification", security_event("AcmeCoverOpened")).type, 3);

    const auto alert = stream.next_of("security.alert");
    EXPECT_EQ(alert.data["chargerId"], "CP-1");
    EXPECT_EQ(alert.data["type"], "TamperDetectionActivated");
    EXPECT_EQ(alert.data["critical"], true);
    EXPECT_EQ(alert.data["techInfo"], "door sensor 2 opened");

    const auto listed = api("GET", "/api/v1/security-events").json();
    ASSERT_EQ(listed["total"], 3);
    EXPECT_EQ(listed["items"][0]["type"], "AcmeCoverOpened");
    EXPECT_EQ(listed["items"][0]["critical"], false);
    const auto& stored = listed["items"][2];
    EXPECT_EQ(stored["chargerId"], "CP-1");
    EXPECT_EQ(stored["source"], "charger");
    EXPECT_EQ(stored["critical"], true);
    EXPECT_EQ(stored["techInfo"], "door sensor 2 opened");
    EXPECT_FALSE(stored["remoteAddress"].is_null());
    EXPECT_FALSE(stored["occurredAt"].is_null());

    EXPECT_EQ(api("GET", "/api/v1/security-events?critical=true").json()["total"], 1);
    EXPECT_EQ(api("GET", "/api/v1/security-events?type=InvalidMessages").json()["total"], 1);
    EXPECT_EQ(api("GET", "/api/v1/security-events?source=central_system").json()["total"], 0);
    EXPECT_EQ(api("GET", "/api/v1/security-events?from=2000-01-01T00:00:00Z&to=2001-01-01T00:00:00Z")
                  .json()["total"],
              0);
    EXPECT_EQ(api("GET", "/api/v1/security-events?limit=1&offset=1").json()["items"][0]["type"],
              "InvalidMessages");
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/security-events?critical=false").json()["total"], 2);
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-404/security-events").status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/security-events?critical=maybe").json()["field"], "critical");
    EXPECT_EQ(api("GET", "/api/v1/security-events?source=vendor").json()["field"], "source");
}

TEST_F(SecurityExtensionTest, ParkGridsCaSignsAValidRequestAndTheChargerGetsAChainThatVerifies) {
    start(true);
    const auto key = pki::ec_key();
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-1")), "Accepted");

    const auto sent = charger_->wait_for("CertificateSigned").payload;
    const auto chain = pki::read_chain(sent["certificateChain"]);
    ASSERT_EQ(chain.size(), 2u) << sent;
    X509* leaf = chain[0].get();
    EXPECT_EQ(pki::common_name(leaf), "CP-1");
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf), key.get()), 1);
    EXPECT_EQ(X509_cmp(chain[1].get(), ca_.get()), 0);
    EXPECT_EQ(X509_verify(leaf, ca_key_.get()), 1);
    EXPECT_TRUE(pki::verifies_as_client(leaf, ca_.get()));

    const auto request = newest_request_with_status("accepted");
    EXPECT_EQ(request["signedBy"], "ca:parkgrid");
    EXPECT_EQ(request["subject"], "CN=CP-1,O=Ministry Motor Pool");
    EXPECT_FALSE(request.contains("csr"));  // lists leave the PEM out
    const auto detail =
        api("GET", "/api/v1/certificate-requests/" + std::to_string(request["id"].get<int>())).json();
    EXPECT_NE(detail["csr"].get<std::string>().find("BEGIN CERTIFICATE REQUEST"), std::string::npos);
    EXPECT_EQ(detail["certificateChain"], sent["certificateChain"]);
    EXPECT_FALSE(detail["commandId"].is_null());
}

TEST_F(SecurityExtensionTest, InvalidRequestsAreRejectedAndRecordedAsSecurityEvents) {
    start(true);
    const auto key = pki::ec_key();
    const auto weak = pki::rsa_key(1024);
    const auto other = pki::ec_key();
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-2")), "Rejected");               // wrong CN
    EXPECT_EQ(sign_certificate(pki::csr(weak.get(), "CP-1")), "Rejected");              // weak key
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-1", other.get())), "Rejected");  // broken signature
    EXPECT_EQ(
        sign_certificate("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----"),
        "Rejected");

    const auto requests = api("GET", "/api/v1/certificate-requests?status=invalid").json();
    ASSERT_EQ(requests["total"], 4);
    EXPECT_NE(requests["items"][3]["error"].get<std::string>().find("CP-2"), std::string::npos);
    EXPECT_NE(requests["items"][2]["error"].get<std::string>().find("1024"), std::string::npos);
    EXPECT_NE(requests["items"][1]["error"].get<std::string>().find("signature"), std::string::npos);
    const auto events = api("GET", "/api/v1/security-events?source=central_system").json();
    ASSERT_EQ(events["total"], 4);
    EXPECT_EQ(events["items"][0]["type"], "CertificateSigningRequestRejected");
    EXPECT_EQ(events["items"][0]["chargerId"], "CP-1");
    // Nothing was signed.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    for (const auto& call : charger_->received()) {
        EXPECT_NE(call.action, "CertificateSigned");
    }
}

TEST_F(SecurityExtensionTest, WithoutACaRequestsWaitForAnExternalOne) {
    start(false);
    const auto key = pki::ec_key();
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-1")), "Accepted");
    const auto pending = newest_request_with_status("pending");
    const std::string target =
        "/api/v1/certificate-requests/" + std::to_string(pending["id"].get<int>()) + "/certificate";

    // The external CA's answer, checked against the request before it is sent.
    const auto ca_key = pki::ec_key();
    const auto ca = pki::certificate(ca_key.get(), "Ministry CA");
    const auto stranger = pki::ec_key();
    const auto wrong_leaf = pki::certificate(stranger.get(), "CP-1", ca.get(), ca_key.get());
    EXPECT_EQ(api("POST", target, {{"certificateChain", "not PEM"}}).json()["field"], "certificateChain");
    EXPECT_EQ(api("POST", target, {{"certificateChain", pki::pem(wrong_leaf.get())}}).json()["field"],
              "certificateChain");
    EXPECT_EQ(api("POST", target, {{"certificateChain", 7}}).status, 422u);
    EXPECT_EQ(api("POST", target, {{"chain", "x"}}).json()["field"], "chain");

    const auto leaf = pki::certificate(key.get(), "CP-1", ca.get(), ca_key.get());
    const auto delivered =
        api("POST", target,
            {{"certificateChain", "From the ministry CA:\n" + pki::pem(leaf.get()) + pki::pem(ca.get())}});
    ASSERT_EQ(delivered.status, 200u) << delivered.body;
    EXPECT_EQ(delivered.json()["status"], "accepted");
    EXPECT_EQ(delivered.json()["signedBy"], "external");
    const auto sent = pki::read_chain(charger_->wait_for("CertificateSigned").payload["certificateChain"]);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_TRUE(pki::verifies_as_client(sent[0].get(), ca.get()));
    EXPECT_EQ(api("POST", target, {{"certificateChain", pki::pem(leaf.get())}}).status,
              409u);  // accepted already

    // A charger that refuses the certificate; the request may be answered again.
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-1")), "Accepted");
    const auto second = newest_request_with_status("pending");
    const std::string second_target =
        "/api/v1/certificate-requests/" + std::to_string(second["id"].get<int>()) + "/certificate";
    charger_->set_answer("CertificateSigned", ChargerSimulator::Answer::result({{"status", "Rejected"}}));
    const auto refused = api("POST", second_target, {{"certificateChain", pki::pem(leaf.get())}});
    EXPECT_EQ(refused.status, 409u);
    EXPECT_EQ(refused.json()["error"], "certificate_rejected");
    EXPECT_EQ(refused.json()["request"]["status"], "rejected");

    // The charger goes away: 409, and the request still waits.
    EXPECT_EQ(sign_certificate(pki::csr(key.get(), "CP-1")), "Accepted");
    const auto third = newest_request_with_status("pending");
    charger_.reset();
    for (int i = 0; i < 100 && api("GET", "/api/v1/chargers/CP-1").json()["online"] == true; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    const auto offline =
        api("POST", "/api/v1/certificate-requests/" + std::to_string(third["id"].get<int>()) + "/certificate",
            {{"certificateChain", pki::pem(leaf.get())}});
    EXPECT_EQ(offline.status, 409u);
    EXPECT_EQ(offline.json()["error"], "charger_offline");
    EXPECT_EQ(newest_request_with_status("pending")["id"], third["id"]);
}

TEST_F(SecurityExtensionTest, LogsAreUploadedToParkGridAndFollowedByRequestId) {
    start(false);
    const auto created = api("POST", "/api/v1/chargers/CP-1/logs",
                             {{"logType", "SecurityLog"}, {"oldestTimestamp", "2026-11-20T00:00:00Z"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const int id = created.json()["id"];
    EXPECT_EQ(created.json()["status"], "accepted");
    EXPECT_EQ(created.json()["chargerStatus"], "Accepted");
    EXPECT_EQ(created.json()["fileName"], "security.log");

    const auto sent = charger_->wait_for("GetLog").payload;
    EXPECT_EQ(sent["requestId"], id);
    EXPECT_EQ(sent["logType"], "SecurityLog");
    EXPECT_EQ(sent["log"]["oldestTimestamp"], "2026-11-20T00:00:00Z");
    const std::string location = sent["log"]["remoteLocation"];
    EXPECT_TRUE(location.ends_with("/diagnostics-upload/logs/" + std::to_string(id))) << location;
    EXPECT_EQ(created.json()["location"].get<std::string>().find("log:"), std::string::npos);
    const auto at = location.find("log:");
    ASSERT_NE(at, std::string::npos) << location;
    const std::string credential = location.substr(at + 4, location.find('@') - at - 4);

    charger_->call("LogStatusNotification", {{"status", "Uploading"}, {"requestId", id}});
    const std::string content = "2026-11-25T02:00:00Z TamperDetectionActivated\n";
    const std::string upload_target = "/diagnostics-upload/logs/" + std::to_string(id) + "/security.log";
    const auto upload = [&](const std::string& user) {
        return http_request(server_->port(), "PUT", upload_target, content, std::nullopt,
                            {{"Authorization", "Basic " + base64(user + ":" + credential)}});
    };
    EXPECT_EQ(upload("diagnostics").status, 401u);  // the credential is for this log request only
    ASSERT_EQ(upload("log").status, 201u);
    EXPECT_EQ(charger_->call("LogStatusNotification", {{"status", "Uploaded"}, {"requestId", id}}).payload,
              nlohmann::json::object());

    const auto listed = api("GET", "/api/v1/chargers/CP-1/logs").json();
    EXPECT_EQ(listed["total"], 1);
    const auto& log = listed["items"][0];
    EXPECT_EQ(log["status"], "Uploaded");
    EXPECT_FALSE(log["finishedAt"].is_null());
    EXPECT_EQ(log["file"]["bytes"], content.size());
    EXPECT_EQ(api("GET", log["file"]["download"]).body, content);

    // A notification for a requestId ParkGrid never sent is answered and kept as an anomaly.
    EXPECT_EQ(charger_->call("LogStatusNotification", {{"status", "Uploaded"}, {"requestId", 4242}}).type, 3);
    EXPECT_EQ(charger_->call("LogStatusNotification", {{"status", "Idle"}}).type, 3);
    const auto anomalies = api("GET", "/api/v1/chargers/CP-1/anomalies").json()["items"];
    ASSERT_EQ(anomalies.size(), 1u) << anomalies;
    EXPECT_EQ(anomalies[0]["kind"], "unknown_log_request");
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/logs").json()["items"][0]["status"], "Uploaded");
}

TEST_F(SecurityExtensionTest, LogsGoWhereTheyAreToldAndRefusalsAreRecorded) {
    start(false);
    charger_->set_answer("GetLog", ChargerSimulator::Answer::result({{"status", "Rejected"}}));
    const auto refused = api("POST", "/api/v1/chargers/CP-1/logs",
                             {{"logType", "DiagnosticsLog"}, {"location", "ftp://logs.example.org/in/"}});
    ASSERT_EQ(refused.status, 201u) << refused.body;
    EXPECT_EQ(refused.json()["status"], "rejected");
    EXPECT_EQ(refused.json()["location"], "ftp://logs.example.org/in/");
    EXPECT_FALSE(refused.json()["finishedAt"].is_null());
    EXPECT_EQ(charger_->wait_for("GetLog").payload["log"]["remoteLocation"], "ftp://logs.example.org/in/");

    charger_->set_answer("GetLog", ChargerSimulator::Answer::call_error("InternalError"));
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/logs", {{"logType", "SecurityLog"}}).status, 502u);
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/logs").json()["items"][0]["status"], "failed");

    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/logs", {{"logType", "AllLogs"}}).json()["field"], "logType");
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/logs", {{"logType", "SecurityLog"}, {"location", "no uri"}})
                  .json()["field"],
              "location");
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/logs",
                  {{"logType", "SecurityLog"},
                   {"oldestTimestamp", "2026-11-25T00:00:00Z"},
                   {"latestTimestamp", "2026-11-24T00:00:00Z"}})
                  .json()["field"],
              "latestTimestamp");
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-404/logs", {{"logType", "SecurityLog"}}).status, 404u);
}

TEST_F(SecurityExtensionTest, SignedFirmwareUpdatesAreFollowedByRequestId) {
    start(false);
    const auto signer_key = pki::ec_key();
    const auto signer = pki::certificate(signer_key.get(), "Acme Firmware Signing");
    const nlohmann::json body = {{"location", "https://fw.example.org/ac7-2.1.bin"},
                                 {"retrieveDateTime", "2026-11-26T02:00:00Z"},
                                 {"signingCertificate", pki::pem(signer.get())},
                                 {"signature", "c2lnbmF0dXJl"},
                                 {"retries", 2}};
    const auto created = api("POST", "/api/v1/chargers/CP-1/signed-firmware-updates", body);
    ASSERT_EQ(created.status, 201u) << created.body;
    const int id = created.json()["id"];
    EXPECT_EQ(created.json()["status"], "accepted");
    const auto sent = charger_->wait_for("SignedUpdateFirmware").payload;
    EXPECT_EQ(sent["requestId"], id);
    EXPECT_EQ(sent["retries"], 2);
    EXPECT_EQ(sent["firmware"]["location"], "https://fw.example.org/ac7-2.1.bin");
    EXPECT_EQ(sent["firmware"]["retrieveDateTime"], "2026-11-26T02:00:00Z");
    EXPECT_EQ(sent["firmware"]["signature"], "c2lnbmF0dXJl");

    for (const auto* status : {"Downloading", "Downloaded", "SignatureVerified", "Installing", "Installed"}) {
        EXPECT_EQ(
            charger_->call("SignedFirmwareStatusNotification", {{"status", status}, {"requestId", id}}).type,
            3);
    }
    const auto update = api("GET", "/api/v1/chargers/CP-1/signed-firmware-updates").json()["items"][0];
    EXPECT_EQ(update["status"], "Installed");
    EXPECT_FALSE(update["finishedAt"].is_null());
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1").json()["firmwareStatus"], "Installed");

    // Unknown requestIds are answered and flagged; refusals by the charger are recorded as such.
    EXPECT_EQ(
        charger_->call("SignedFirmwareStatusNotification", {{"status", "Installed"}, {"requestId", 999}})
            .type,
        3);
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/anomalies").json()["items"][0]["kind"],
              "unknown_firmware_request");
    charger_->set_answer("SignedUpdateFirmware",
                         ChargerSimulator::Answer::result({{"status", "InvalidCertificate"}}));
    const auto refused = api("POST", "/api/v1/chargers/CP-1/signed-firmware-updates", body);
    ASSERT_EQ(refused.status, 201u);
    EXPECT_EQ(refused.json()["status"], "rejected");
    EXPECT_EQ(refused.json()["chargerStatus"], "InvalidCertificate");

    auto bad = body;
    bad["signingCertificate"] = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/signed-firmware-updates", bad).json()["field"],
              "signingCertificate");
    bad = body;
    bad["signature"] = "not base64!";
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/signed-firmware-updates", bad).json()["field"], "signature");
    bad = body;
    bad.erase("location");
    EXPECT_EQ(api("POST", "/api/v1/chargers/CP-1/signed-firmware-updates", bad).json()["field"], "location");
}

// Security data of institution B stays invisible to A's fleet administrator, and the energy office sees none.
class SecurityScopeTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        start_server({"--call-timeout", "2"});
        const auto institution_a = create_institution("Ministry A", kCodeA);
        const auto institution_b = create_institution("Ministry B", kCodeB);
        const auto site_a = create_site(institution_a, "Garage A");
        const auto site_b = create_site(institution_b, "Garage B");
        for (const auto& [charger, site] : {std::pair{"CP-A", site_a}, std::pair{"CP-B", site_b}}) {
            ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", charger}}).status, 201u);
            ASSERT_EQ(api("PATCH", std::string("/api/v1/chargers/") + charger, {{"siteId", site}}).status,
                      200u);
        }
        charger_a_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-A");
        charger_b_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-B");
        fleet_a_ = create_token("fleet-a", "fleet_admin", {institution_a});
        office_a_ = create_token("office-a", "energy_office", {institution_a});
    }

    std::unique_ptr<ChargerSimulator> charger_a_;
    std::unique_ptr<ChargerSimulator> charger_b_;
    std::string fleet_a_;
    std::string office_a_;
};

TEST_F(SecurityScopeTest, AFleetAdminSeesOnlyItsOwnChargersSecurityData) {
    EventStreamClient fleet(server_->port(), "/api/v1/events?types=security.alert", fleet_a_);
    EventStreamClient office(server_->port(), "/api/v1/events", office_a_);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the streams load which charger is whose
    charger_b_->call("SecurityEventNotification", security_event("ResetOrReboot"));
    charger_a_->call("SecurityEventNotification", security_event("StartupOfTheDevice"));
    const auto alert = fleet.next();
    ASSERT_TRUE(alert);
    EXPECT_EQ(alert->data["chargerId"], "CP-A");
    EXPECT_FALSE(fleet.next(std::chrono::milliseconds(300)));

    const auto key_a = pki::ec_key();
    const auto key_b = pki::ec_key();
    EXPECT_EQ(charger_a_->call("SignCertificate", {{"csr", pki::csr(key_a.get(), "CP-A")}}).payload["status"],
              "Accepted");
    EXPECT_EQ(charger_b_->call("SignCertificate", {{"csr", pki::csr(key_b.get(), "CP-B")}}).payload["status"],
              "Accepted");
    const auto all_requests = api("GET", "/api/v1/certificate-requests").json();
    ASSERT_EQ(all_requests["total"], 2);
    const auto b_request = std::to_string(all_requests["items"][0]["id"].get<int>());

    const auto events = as(fleet_a_, "GET", "/api/v1/security-events").json();
    ASSERT_EQ(events["total"], 1);
    EXPECT_EQ(events["items"][0]["chargerId"], "CP-A");
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/security-events?chargerId=CP-B").json()["total"], 0);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/CP-B/security-events").status, 404u);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/CP-A/security-events").json()["total"], 1);
    const auto requests = as(fleet_a_, "GET", "/api/v1/certificate-requests").json();
    ASSERT_EQ(requests["total"], 1);
    EXPECT_EQ(requests["items"][0]["chargerId"], "CP-A");
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/certificate-requests/" + b_request).status, 404u);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/CP-B/logs").status, 404u);
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/chargers/CP-B/logs", {{"logType", "SecurityLog"}}).status, 404u);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/CP-B/signed-firmware-updates").status, 404u);
    // Certificates from an external CA are the admin's business.
    EXPECT_EQ(as(fleet_a_, "POST",
                 "/api/v1/certificate-requests/" + std::to_string(requests["items"][0]["id"].get<int>()) +
                     "/certificate",
                 {{"certificateChain", "x"}})
                  .status,
              403u);

    for (const auto* target : {"/api/v1/security-events", "/api/v1/chargers/CP-A/security-events",
                               "/api/v1/certificate-requests", "/api/v1/chargers/CP-A/logs"}) {
        EXPECT_EQ(as(office_a_, "GET", target).status, 403u) << target;
    }
    EXPECT_EQ(as(office_a_, "GET", "/api/v1/chargers/CP-A/signed-firmware-updates").status, 200u);
    EXPECT_EQ(as(office_a_, "POST", "/api/v1/chargers/CP-A/logs", {{"logType", "SecurityLog"}}).status, 403u);
    // The energy office's stream carries no security events either.
    while (const auto event = office.next(std::chrono::milliseconds(300))) {
        EXPECT_FALSE(event->type.starts_with("security.") || event->type.starts_with("certificate."))
            << event->type;
    }
}

}  // namespace
}  // namespace parkgrid::testing
