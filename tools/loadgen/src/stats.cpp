#include "stats.hpp"

namespace parkgrid::loadgen {

void RunStats::merge(const RunStats& other) {
    connect.attempted += other.connect.attempted;
    connect.succeeded += other.connect.succeeded;
    connect.failed += other.connect.failed;
    connect.latency.merge(other.connect.latency);

    boot.accepted += other.boot.accepted;
    boot.pending += other.boot.pending;
    boot.rejected += other.boot.rejected;
    boot.latency.merge(other.boot.latency);

    window.sent += other.window.sent;
    window.resent += other.window.resent;
    window.answered += other.window.answered;
    window.call_errors += other.window.call_errors;
    window.timeouts += other.window.timeouts;
    window.missed += other.window.missed;
    window.lost += other.window.lost;
    window.latency.merge(other.window.latency);

    for (std::size_t i = 0; i < by_action.size(); ++i) {
        by_action[i].sent += other.by_action[i].sent;
        by_action[i].answered += other.by_action[i].answered;
        by_action[i].call_errors += other.by_action[i].call_errors;
        by_action[i].timeouts += other.by_action[i].timeouts;
        by_action[i].latency.merge(other.by_action[i].latency);
    }
    for (const auto& [kind, count] : other.errors) {
        errors[kind] += count;
    }
    for (const auto& [action, count] : other.server_calls) {
        server_calls[action] += count;
    }
    reconnects += other.reconnects;

    storm.chargers += other.storm.chargers;
    storm.accepted += other.storm.accepted;
    storm.failed_connects += other.storm.failed_connects;
    storm.per_charger.merge(other.storm.per_charger);
}

}  // namespace parkgrid::loadgen
