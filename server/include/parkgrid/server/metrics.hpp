#pragma once

// What GET /metrics reports (Prometheus text format, server/src/metrics_exposition.cpp). Recording is
// lock-free on the hot paths (one OCPP message, one commit); only the first message of a new action takes
// a lock, to add its series.

#include <array>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::server {

// A cumulative histogram with fixed upper bounds, as Prometheus expects.
class Histogram {
public:
    explicit Histogram(std::vector<double> upper_bounds);

    void observe(double value);

    struct Snapshot {
        std::vector<double> upper_bounds;
        std::vector<std::uint64_t> cumulative_counts;  // one per bound, then +Inf (= count)
        double sum = 0;
    };
    Snapshot snapshot() const;

private:
    std::vector<double> upper_bounds_;
    std::unique_ptr<std::atomic<std::uint64_t>[]> counts_;  // per bucket (not cumulative), last = +Inf
    std::atomic<double> sum_{0};
};

// Seconds, from half a millisecond (a heartbeat) to ten seconds (a stuck disk).
std::vector<double> latency_buckets();

// How an inbound CALL was answered.
enum class CallAnswer { Result, CallError };

// How a server-initiated CALL ended (the statuses of CallOutcome).
enum class CommandEnd { Result, CallError, InvalidResponse, Timeout, Closed, QueueFull };
inline constexpr std::size_t kCommandEndCount = 6;
std::string_view command_end_name(CommandEnd end);

class Metrics {
public:
    struct InboundAction {
        std::atomic<std::uint64_t> results{0};
        std::atomic<std::uint64_t> call_errors{0};
        Histogram duration{latency_buckets()};  // from the frame's arrival to its answer being sent
    };
    struct CommandAction {
        std::array<std::atomic<std::uint64_t>, kCommandEndCount> ends{};
    };

    Metrics();
    Metrics(const Metrics&) = delete;
    Metrics& operator=(const Metrics&) = delete;

    // A charger's CALL answered after `elapsed`. Actions that are not OCPP 1.6 are counted as "other", so a
    // charger cannot create series at will.
    void record_inbound(std::string_view action, CallAnswer answer,
                        std::chrono::steady_clock::duration elapsed);
    void record_malformed_frame() { malformed_frames_.fetch_add(1, std::memory_order_relaxed); }
    void record_command(std::string_view action, CommandEnd end);
    // One group commit of the storage writer.
    void record_commit(std::size_t batch_size, std::chrono::microseconds transaction_time);
    void record_scheduler_run(std::chrono::steady_clock::duration elapsed);
    void record_connection(bool admitted) {
        (admitted ? connections_admitted_ : connections_refused_).fetch_add(1, std::memory_order_relaxed);
    }

    // Read side, for the exposition. The maps only grow; entries are never removed.
    template <typename Visit>
    void for_each_inbound(Visit visit) const {
        const std::shared_lock lock(mutex_);
        for (const auto& [action, metrics] : inbound_) {
            visit(action, *metrics);
        }
    }
    template <typename Visit>
    void for_each_command(Visit visit) const {
        const std::shared_lock lock(mutex_);
        for (const auto& [action, metrics] : commands_) {
            visit(action, *metrics);
        }
    }
    std::uint64_t malformed_frames() const { return malformed_frames_.load(std::memory_order_relaxed); }
    std::uint64_t connections_admitted() const {
        return connections_admitted_.load(std::memory_order_relaxed);
    }
    std::uint64_t connections_refused() const { return connections_refused_.load(std::memory_order_relaxed); }
    const Histogram& commit_duration() const { return commit_duration_; }
    const Histogram& commit_batch_size() const { return commit_batch_size_; }
    const Histogram& scheduler_duration() const { return scheduler_duration_; }

private:
    template <typename Entry>
    Entry& entry(std::map<std::string, std::unique_ptr<Entry>, std::less<>>& entries,
                 std::string_view action);

    mutable std::shared_mutex mutex_;  // guards the two maps' structure, not their entries
    std::map<std::string, std::unique_ptr<InboundAction>, std::less<>> inbound_;
    std::map<std::string, std::unique_ptr<CommandAction>, std::less<>> commands_;
    std::atomic<std::uint64_t> malformed_frames_{0};
    std::atomic<std::uint64_t> connections_admitted_{0};
    std::atomic<std::uint64_t> connections_refused_{0};
    Histogram commit_duration_{latency_buckets()};
    Histogram commit_batch_size_;
    Histogram scheduler_duration_;
};

}  // namespace parkgrid::server
