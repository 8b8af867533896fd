#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "frames.hpp"
#include "latency.hpp"

namespace parkgrid::loadgen {

struct ActionStats {
    std::uint64_t sent = 0;
    std::uint64_t answered = 0;
    std::uint64_t call_errors = 0;
    std::uint64_t timeouts = 0;
    LatencyRecorder latency;
};

// What one thread's chargers saw. Only that thread writes it; the threads' stats are merged at the end.
struct RunStats {
    struct Connect {
        std::uint64_t attempted = 0;
        std::uint64_t succeeded = 0;
        std::uint64_t failed = 0;
        LatencyRecorder latency;  // TCP connect + TLS + WebSocket handshake
    } connect;

    struct Boot {
        std::uint64_t accepted = 0;
        std::uint64_t pending = 0;
        std::uint64_t rejected = 0;
        LatencyRecorder latency;
    } boot;

    // The measured action (MeterValues, or Heartbeat in idle mode) due or sent in the measuring window.
    struct Window {
        std::uint64_t sent = 0;    // first transmissions
        std::uint64_t resent = 0;  // transmissions again after a reconnect
        std::uint64_t answered = 0;
        std::uint64_t call_errors = 0;
        std::uint64_t timeouts = 0;
        std::uint64_t missed = 0;  // open mode: due while the charger was disconnected
        std::uint64_t lost = 0;    // in flight when the connection dropped
        LatencyRecorder latency;
    } window;

    std::array<ActionStats, kActionCount> by_action;
    std::map<std::string, std::uint64_t, std::less<>> errors;
    std::map<std::string, std::uint64_t, std::less<>>
        server_calls;  // CALLs from the central system, by action
    std::uint64_t reconnects = 0;

    struct Storm {
        std::uint64_t chargers = 0;
        std::uint64_t accepted = 0;
        std::uint64_t failed_connects = 0;
        LatencyRecorder per_charger;  // storm start until boot and both statuses are answered
    } storm;

    void count_error(std::string_view kind) { count(errors, kind); }
    void count_server_call(std::string_view action) { count(server_calls, action); }

    ActionStats& action(Action a) { return by_action[static_cast<std::size_t>(a)]; }

    void merge(const RunStats& other);

private:
    static void count(std::map<std::string, std::uint64_t, std::less<>>& counts, std::string_view key) {
        const auto found = counts.find(key);
        if (found != counts.end()) {
            ++found->second;
        } else {
            counts.emplace(std::string(key), 1);
        }
    }
};

}  // namespace parkgrid::loadgen
