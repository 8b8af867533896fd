#include <openssl/evp.h>

#include "charger_simulator.hpp"
#include "test_fixture.hpp"

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

class MaintenanceTest : public CsmsTest {
protected:
    void SetUp() override {
        start_server({"--call-timeout", "1"});
        ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
        charger_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-1");
    }

    // Waits until the newest entry of a list endpoint has `status`.
    nlohmann::json newest_with_status(const std::string& target, const std::string& status) {
        nlohmann::json newest;
        for (int i = 0; i < 100; ++i) {
            const auto items = api("GET", target).json()["items"];
            if (!items.empty() && items[0]["status"] == status) {
                return items[0];
            }
            newest = items.empty() ? nlohmann::json() : items[0];
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        ADD_FAILURE() << "status never became " << status << ": " << newest;
        return newest;
    }

    std::unique_ptr<ChargerSimulator> charger_;
};

TEST_F(MaintenanceTest, FirmwareUpdateIsFollowedToTheEnd) {
    const auto created = api("POST", "/api/v1/chargers/CP-1/firmware-updates",
                             {{"location", "https://fw.example.org/ac7-2.1.bin"},
                              {"retrieveDate", "2026-11-26T02:00:00Z"},
                              {"retries", 3}});
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.json()["status"], "requested");
    const auto sent = charger_->wait_for("UpdateFirmware").payload;
    EXPECT_EQ(sent, (nlohmann::json{{"location", "https://fw.example.org/ac7-2.1.bin"},
                                    {"retrieveDate", "2026-11-26T02:00:00Z"},
                                    {"retries", 3}}));
    for (const auto* status : {"Downloading", "Downloaded", "Installing", "Installed"}) {
        charger_->call("FirmwareStatusNotification", {{"status", status}});
    }
    const auto finished = newest_with_status("/api/v1/chargers/CP-1/firmware-updates", "Installed");
    EXPECT_FALSE(finished["finishedAt"].is_null());
    EXPECT_EQ(
        api("POST", "/api/v1/chargers/CP-1/firmware-updates", {{"location", "not a uri"}}).json()["field"],
        "location");
}

TEST_F(MaintenanceTest, UndeliveredFirmwareUpdateIsRecordedAsFailed) {
    charger_->set_answer("UpdateFirmware", ChargerSimulator::Answer::call_error("InternalError"));
    EXPECT_EQ(
        api("POST", "/api/v1/chargers/CP-1/firmware-updates", {{"location", "https://fw.example.org/x.bin"}})
            .status,
        502u);
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-1/firmware-updates").json()["items"][0]["status"], "failed");
}

TEST_F(MaintenanceTest, DiagnosticsAreUploadedToParkGridWithAOneTimeCredential) {
    const auto created =
        api("POST", "/api/v1/chargers/CP-1/diagnostics", {{"startTime", "2026-11-25T00:00:00Z"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const int id = created.json()["id"];
    EXPECT_EQ(created.json()["fileName"], "diagnostics.zip");
    // The charger's location carries the credential; what the API shows does not.
    const std::string location = charger_->wait_for("GetDiagnostics").payload["location"];
    const std::string shown = created.json()["location"];
    EXPECT_EQ(shown.find("diagnostics:"), std::string::npos) << shown;
    const auto at = location.find("diagnostics:");
    ASSERT_NE(at, std::string::npos) << location;
    const std::string credential = location.substr(at + 12, location.find('@') - at - 12);
    const std::string target = "/diagnostics-upload/" + std::to_string(id) + "/diagnostics.zip";
    EXPECT_TRUE(location.starts_with("http://diagnostics:")) << location;
    EXPECT_TRUE(location.ends_with("/diagnostics-upload/" + std::to_string(id))) << location;

    const std::string content = "ERROR 42 at 02:00\nWARN relay\n";
    const auto upload = [&](const std::string& secret) {
        return http_request(server_->port(), "PUT", target, content, std::nullopt,
                            {{"Authorization", "Basic " + base64("diagnostics:" + secret)}});
    };
    EXPECT_EQ(upload("wrong").status, 401u);
    ASSERT_EQ(upload(credential).status, 201u);
    EXPECT_EQ(upload(credential).status, 409u);  // one file per request

    charger_->call("DiagnosticsStatusNotification", {{"status", "Uploaded"}});
    const auto listed = newest_with_status("/api/v1/chargers/CP-1/diagnostics", "Uploaded");
    EXPECT_EQ(listed["file"]["bytes"], content.size());
    const auto download = api("GET", listed["file"]["download"]);
    EXPECT_EQ(download.status, 200u);
    EXPECT_EQ(download.body, content);
}

TEST_F(MaintenanceTest, MultipartUploadsAreUnpacked) {
    const int id = api("POST", "/api/v1/chargers/CP-1/diagnostics", nlohmann::json::object()).json()["id"];
    const std::string location = charger_->wait_for("GetDiagnostics").payload["location"];
    const auto at = location.find("diagnostics:");
    const std::string credential = location.substr(at + 12, location.find('@') - at - 12);
    const std::string body =
        "--B\r\nContent-Disposition: form-data; name=\"file\"; "
        "filename=\"log.txt\"\r\n\r\nhello\r\n--B--\r\n";
    const auto response =
        http_request(server_->port(), "POST", "/diagnostics-upload/" + std::to_string(id), body, std::nullopt,
                     {{"Authorization", "Basic " + base64("diagnostics:" + credential)},
                      {"Content-Type", "multipart/form-data; boundary=B"}});
    ASSERT_EQ(response.status, 201u) << response.body;
    EXPECT_EQ(api("GET", "/api/v1/diagnostics/" + std::to_string(id) + "/file").body, "hello");
}

TEST_F(MaintenanceTest, AChargerWithoutDiagnosticsSaysSo) {
    charger_->set_answer("GetDiagnostics", ChargerSimulator::Answer::result(nlohmann::json::object()));
    const auto created =
        api("POST", "/api/v1/chargers/CP-1/diagnostics", {{"location", "ftp://diag.example.org/in/"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.json()["status"], "no_file");
    EXPECT_EQ(created.json()["location"], "ftp://diag.example.org/in/");
}

}  // namespace
}  // namespace parkgrid::testing
