#include <regex>

#include "http_exchange.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using MetricsTest = CsmsTest;

// The value of one sample line (`name{labels} value`), or -1 when absent.
double sample_value(const std::string& text, const std::string& series) {
    const auto at = text.find("\n" + series + " ");
    if (at == std::string::npos) {
        return -1;
    }
    return std::stod(text.substr(at + series.size() + 2));
}

TEST_F(MetricsTest, CountsWhatChargersSendAndTheCommitsThatStoredIt) {
    auto charger = connect_accepted("CP-1");
    charger->call("Heartbeat", nlohmann::json::object());
    charger->call("StatusNotification",
                  {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Available"}});
    charger->call("Heartbeat", {{"unexpected", true}});  // a CALLERROR (the schema has no such field)
    charger->call("NoSuchAction", nlohmann::json::object());

    const auto scraped = http_exchange(server_->port(), "GET", "/metrics");
    ASSERT_EQ(scraped.status, 200u) << scraped.body;
    EXPECT_EQ(scraped.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
    const std::string& text = scraped.body;
    EXPECT_EQ(sample_value(text, "parkgrid_chargers_connected"), 1);
    EXPECT_EQ(
        sample_value(text, R"(parkgrid_ocpp_messages_total{action="BootNotification",outcome="result"})"), 1);
    EXPECT_EQ(sample_value(text, R"(parkgrid_ocpp_messages_total{action="Heartbeat",outcome="result"})"), 1);
    EXPECT_EQ(sample_value(text, R"(parkgrid_ocpp_messages_total{action="Heartbeat",outcome="call_error"})"),
              1);
    EXPECT_EQ(sample_value(text, R"(parkgrid_ocpp_messages_total{action="other",outcome="call_error"})"), 1);
    EXPECT_EQ(
        sample_value(text, R"(parkgrid_ocpp_message_duration_seconds_count{action="StatusNotification"})"),
        1);
    EXPECT_EQ(sample_value(text, R"(parkgrid_charger_admissions_total{outcome="admitted"})"), 1);
    // Boot and status were committed (plus the API's own writes).
    EXPECT_GE(sample_value(text, "parkgrid_storage_commit_batch_size_count"), 2);
    EXPECT_GE(sample_value(text, "parkgrid_storage_commit_duration_seconds_count"), 2);
    EXPECT_GE(sample_value(text, R"(parkgrid_storage_queue_depth{kind="write"})"), 0);
    // The charger's synchronisations after its boot (configuration, then local list) have started or ended,
    // or the second waits for the first; none waits for a slot.
    EXPECT_LE(sample_value(text, R"(parkgrid_boot_syncs{state="waiting"})"), 1);
    EXPECT_GT(sample_value(text, "process_resident_memory_bytes"), 1e6);
    EXPECT_GT(sample_value(text, "process_open_fds"), 3);
}

TEST_F(MetricsTest, WithATokenAndLoopbackSwitchedOffOnlyTheTokenOpensThem) {
    start_server({"--metrics-loopback", "false", "--metrics-token", "scrape-me"});
    const auto anonymous = http_exchange(server_->port(), "GET", "/metrics");
    EXPECT_EQ(anonymous.status, 401u);
    EXPECT_EQ(anonymous.header("www-authenticate"), "Bearer");
    EXPECT_EQ(anonymous.json()["error"], "unauthorized");
    // An API token is not a metrics token.
    EXPECT_EQ(http_exchange(server_->port(), "GET", "/metrics", "",
                            {{"Authorization", "Bearer " + std::string(kAdminToken)}})
                  .status,
              401u);
    const auto scraped =
        http_exchange(server_->port(), "GET", "/metrics", "", {{"Authorization", "Bearer scrape-me"}});
    EXPECT_EQ(scraped.status, 200u);
    EXPECT_NE(scraped.body.find("# TYPE parkgrid_chargers_connected gauge"), std::string::npos);
}

TEST_F(MetricsTest, WithoutATokenRemoteScrapersAreRefused) {
    start_server({"--metrics-loopback", "false"});
    const auto refused = http_exchange(server_->port(), "GET", "/metrics");
    EXPECT_EQ(refused.status, 403u);
    EXPECT_EQ(refused.json()["error"], "forbidden");
}

}  // namespace
}  // namespace parkgrid::testing
