#include "parkgrid/server/metrics.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <sstream>

#include "metrics_access.hpp"
#include "metrics_exposition.hpp"

namespace parkgrid::server {
namespace {

using std::chrono::milliseconds;

TEST(HistogramTest, CountsAValueInTheFirstBucketNotBelowItAndAboveTheLastInInf) {
    Histogram histogram({0.1, 1, 10});
    for (double value : {0.05, 0.1, 0.5, 10.0, 11.0}) {
        histogram.observe(value);
    }
    const auto snapshot = histogram.snapshot();
    EXPECT_EQ(snapshot.cumulative_counts, (std::vector<std::uint64_t>{2, 3, 4, 5}));
    EXPECT_DOUBLE_EQ(snapshot.sum, 21.65);
}

TEST(HistogramTest, RefusesUnsortedBounds) {
    EXPECT_THROW(Histogram({1, 0.5}), std::invalid_argument);
}

TEST(MetricsTest, ActionsThatAreNotOcppAreCountedAsOther) {
    Metrics metrics;
    metrics.record_inbound("MeterValues", CallAnswer::Result, milliseconds(3));
    metrics.record_inbound("MeterValues", CallAnswer::CallError, milliseconds(1));
    metrics.record_inbound("NoSuchAction-1", CallAnswer::CallError, milliseconds(1));
    metrics.record_inbound("NoSuchAction-2", CallAnswer::CallError, milliseconds(1));
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> seen;
    metrics.for_each_inbound([&](const std::string& action, const Metrics::InboundAction& counts) {
        seen[action] = {counts.results.load(), counts.call_errors.load()};
    });
    EXPECT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen["MeterValues"], std::make_pair(std::uint64_t{1}, std::uint64_t{1}));
    EXPECT_EQ(seen["other"], std::make_pair(std::uint64_t{0}, std::uint64_t{2}));
}

// Every line is a comment or `name{labels} value`; each family is declared once, before its samples.
void expect_valid_exposition(const std::string& text) {
    static const std::regex sample(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (-?[0-9.e+-]+|\+Inf|NaN)$)");
    static const std::regex type(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$)");
    std::set<std::string> families;
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
        std::smatch match;
        if (std::regex_match(line, match, type)) {
            EXPECT_TRUE(families.insert(match[1]).second) << "declared twice: " << line;
        } else if (line.starts_with("# HELP ")) {
            continue;
        } else {
            ASSERT_TRUE(std::regex_match(line, match, sample)) << "not a sample: " << line;
            std::string family = match[1];
            for (const char* suffix : {"_bucket", "_sum", "_count"}) {
                if (family.ends_with(suffix) && !families.contains(family)) {
                    family.resize(family.size() - std::string_view(suffix).size());
                }
            }
            EXPECT_TRUE(families.contains(family)) << "sample before its TYPE: " << line;
        }
    }
}

TEST(MetricsExpositionTest, WritesEveryFamilyInTheTextFormat) {
    Metrics metrics;
    metrics.record_inbound("MeterValues", CallAnswer::Result, milliseconds(3));
    metrics.record_command("SetChargingProfile", CommandEnd::Timeout);
    metrics.record_commit(17, std::chrono::microseconds(2500));
    metrics.record_scheduler_run(std::chrono::microseconds(150));
    metrics.record_connection(true);
    const std::string text = render_metrics(metrics, {.chargers_connected = 42,
                                                      .storage_writes_queued = 7,
                                                      .boot_syncs_waiting = 300,
                                                      .boot_syncs_running = 16});

    expect_valid_exposition(text);
    for (const char* expected : {
             "parkgrid_chargers_connected 42\n",
             "parkgrid_ocpp_messages_total{action=\"MeterValues\",outcome=\"result\"} 1\n",
             "parkgrid_ocpp_message_duration_seconds_bucket{action=\"MeterValues\",le=\"0.0025\"} 0\n",
             "parkgrid_ocpp_message_duration_seconds_bucket{action=\"MeterValues\",le=\"0.005\"} 1\n",
             "parkgrid_ocpp_message_duration_seconds_count{action=\"MeterValues\"} 1\n",
             "parkgrid_ocpp_commands_total{action=\"SetChargingProfile\",outcome=\"timeout\"} 1\n",
             "parkgrid_storage_commit_batch_size_bucket{le=\"16\"} 0\n",
             "parkgrid_storage_commit_batch_size_bucket{le=\"32\"} 1\n",
             "parkgrid_storage_commit_duration_seconds_sum 0.0025\n",
             "parkgrid_storage_queue_depth{kind=\"write\"} 7\n",
             "parkgrid_boot_syncs{state=\"waiting\"} 300\n",
             "parkgrid_boot_syncs{state=\"running\"} 16\n",
             "parkgrid_scheduler_run_duration_seconds_count 1\n",
             "parkgrid_charger_admissions_total{outcome=\"admitted\"} 1\n",
             "# TYPE process_resident_memory_bytes gauge\n",
             "# TYPE process_cpu_seconds_total counter\n",
         }) {
        EXPECT_NE(text.find(expected), std::string::npos) << "missing: " << expected;
    }
}

TEST(MetricsAccessTest, RecognisesLoopbackPeers) {
    for (const char* peer : {"127.0.0.1:5000", "127.1.2.3:80", "[::1]:80", "[::ffff:127.0.0.1]:80"}) {
        EXPECT_TRUE(is_loopback_peer(peer)) << peer;
    }
    for (const char* peer : {"10.0.0.1:80", "[2001:db8::1]:80", "[::ffff:10.0.0.1]:80", "", "garbage"}) {
        EXPECT_FALSE(is_loopback_peer(peer)) << peer;
    }
}

TEST(MetricsAccessTest, LoopbackOrTheToken) {
    Config config;
    HttpRequest local;
    local.remote_address = "127.0.0.1:4000";
    HttpRequest remote;
    remote.remote_address = "192.0.2.7:4000";
    EXPECT_EQ(metrics_access(local, config), MetricsAccess::Granted);
    EXPECT_EQ(metrics_access(remote, config), MetricsAccess::Refused);

    config.metrics_token = "s3cret";
    EXPECT_EQ(metrics_access(remote, config), MetricsAccess::NeedsToken);
    remote.authorization = "Bearer s3cre";
    EXPECT_EQ(metrics_access(remote, config), MetricsAccess::NeedsToken);
    remote.authorization = "Bearer s3cret";
    EXPECT_EQ(metrics_access(remote, config), MetricsAccess::Granted);

    config.metrics_loopback = false;  // behind a reverse proxy on this host
    EXPECT_EQ(metrics_access(local, config), MetricsAccess::NeedsToken);
}

}  // namespace
}  // namespace parkgrid::server
