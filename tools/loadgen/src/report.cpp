#include "report.hpp"

#include <sys/resource.h>

namespace parkgrid::loadgen {
namespace {

using json = nlohmann::ordered_json;

json latency_json(LatencyRecorder& recorder) {
    recorder.finish();
    return {{"count", recorder.count()},
            {"p50", recorder.percentile_ms(50)},
            {"p90", recorder.percentile_ms(90)},
            {"p99", recorder.percentile_ms(99)},
            {"p999", recorder.percentile_ms(99.9)},
            {"max", recorder.max_ms()}};
}

json optional_number(const std::optional<double>& value) {
    return value ? json(*value) : json(nullptr);
}

json config_json(const Options& o, const RunSummary& summary) {
    return {{"url", o.url},
            {"server_endpoint", summary.server_endpoint},
            {"chargers", o.chargers},
            {"id_prefix", o.id_prefix},
            {"first_index", o.first_index},
            {"sources", o.sources_text.empty() ? json(nullptr) : json(o.sources_text)},
            {"source_addresses", o.sources.size()},
            {"connect_rate", o.connect_rate},
            {"threads", o.threads},
            {"basic_auth", o.basic_auth.has_value()},
            {"tls", o.server.tls},
            {"ca", o.ca_file.empty() ? json(nullptr) : json(o.ca_file)},
            {"insecure", o.insecure},
            {"mode", mode_name(o.mode)},
            {"heartbeat", optional_number(o.heartbeat_seconds)},
            {"duration", o.duration_seconds},
            {"warmup", o.warmup_seconds},
            {"rate", o.mode == Mode::Open ? json(o.rate) : json(nullptr)},
            {"inflight", o.inflight},
            {"session_messages", o.session_messages},
            {"id_tag", o.id_tag},
            {"phases", o.phases},
            {"backoff_min_ms", o.backoff_min_ms},
            {"backoff_max_ms", o.backoff_max_ms},
            {"storm_at", optional_number(o.storm_at_seconds)},
            {"storm_only", o.storm_only},
            {"ack_log", o.ack_log.empty() ? json(nullptr) : json(o.ack_log)},
            {"call_timeout", o.call_timeout_seconds},
            {"open_files_limit", summary.open_files_limit}};
}

}  // namespace

json build_report(const Options& options, RunStats& stats, const RunSummary& summary) {
    json report;
    report["config"] = config_json(options, summary);
    report["connect"] = {
        {"attempted", stats.connect.attempted},   {"succeeded", stats.connect.succeeded},
        {"failed", stats.connect.failed},         {"ramp_seconds", summary.ramp_seconds},
        {"ramp_complete", summary.ramp_complete}, {"latency_ms", latency_json(stats.connect.latency)}};
    report["boot"] = {{"accepted", stats.boot.accepted},
                      {"pending", stats.boot.pending},
                      {"rejected", stats.boot.rejected},
                      {"latency_ms", latency_json(stats.boot.latency)}};

    const auto& window = stats.window;
    const bool measured = !options.storm_only && summary.window_seconds > 0;
    json offered = nullptr;
    if (options.mode == Mode::Open && !options.storm_only) {
        offered = options.rate;
    }
    report["messages"] = {
        {"action", options.mode == Mode::Idle ? "Heartbeat" : "MeterValues"},
        {"window_seconds", summary.window_seconds},
        {"offered_rate", offered},
        {"achieved_rate", measured ? static_cast<double>(window.answered) / summary.window_seconds : 0.0},
        {"sent", window.sent},
        {"resent", window.resent},
        {"answered", window.answered},
        {"call_errors", window.call_errors},
        {"timeouts", window.timeouts},
        {"missed", window.missed},
        {"lost_on_disconnect", window.lost},
        {"latency_ms", latency_json(stats.window.latency)}};

    json by_action = json::object();
    for (std::size_t i = 0; i < kActionCount; ++i) {
        auto& action = stats.by_action[i];
        if (action.sent == 0) {
            continue;
        }
        by_action[std::string(action_name(static_cast<Action>(i)))] = {
            {"sent", action.sent},
            {"answered", action.answered},
            {"call_errors", action.call_errors},
            {"timeouts", action.timeouts},
            {"latency_ms", latency_json(action.latency)}};
    }
    report["by_action"] = by_action;
    report["server_calls"] = stats.server_calls;
    report["errors"] = stats.errors;
    report["reconnects"] = stats.reconnects;

    if (summary.storm_happened) {
        auto& per_charger = stats.storm.per_charger;
        per_charger.finish();
        // The last charger back is the one the whole site waited for; null if some never came back.
        const bool all_back = stats.storm.chargers > 0 && stats.storm.accepted == stats.storm.chargers;
        report["storm"] = {{"chargers", stats.storm.chargers},
                           {"all_accepted_after_ms", all_back ? json(per_charger.max_ms()) : json(nullptr)},
                           {"accepted", stats.storm.accepted},
                           {"failed_connects", stats.storm.failed_connects},
                           {"per_charger_ms",
                            {{"p50", per_charger.percentile_ms(50)},
                             {"p99", per_charger.percentile_ms(99)},
                             {"max", per_charger.max_ms()}}}};
    } else {
        report["storm"] = nullptr;
    }

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
    report["client"] = {{"cpu_seconds_user", seconds(usage.ru_utime)},
                        {"cpu_seconds_system", seconds(usage.ru_stime)},
                        {"max_rss_kb", usage.ru_maxrss}};
    report["elapsed_seconds"] = summary.elapsed_seconds;
    return report;
}

}  // namespace parkgrid::loadgen
