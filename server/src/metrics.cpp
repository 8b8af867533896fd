#include "parkgrid/server/metrics.hpp"

#include <algorithm>
#include <mutex>
#include <stdexcept>

#include "parkgrid/ocpp/dispatcher.hpp"

namespace parkgrid::server {
namespace {

using Seconds = std::chrono::duration<double>;

std::string_view action_label(std::string_view action) {
    return ocpp::classify_action(action) == ocpp::ActionKind::Unknown ? std::string_view("other") : action;
}

}  // namespace

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      counts_(std::make_unique<std::atomic<std::uint64_t>[]>(upper_bounds_.size() + 1)) {
    if (!std::is_sorted(upper_bounds_.begin(), upper_bounds_.end())) {
        throw std::invalid_argument("histogram bounds must be sorted");
    }
}

void Histogram::observe(double value) {
    // Prometheus buckets are "less than or equal": the first bound not below the value.
    const auto bucket = static_cast<std::size_t>(
        std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) - upper_bounds_.begin());
    counts_[bucket].fetch_add(1, std::memory_order_relaxed);
    sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
    Snapshot snapshot;
    snapshot.upper_bounds = upper_bounds_;
    std::uint64_t running = 0;
    for (std::size_t i = 0; i <= upper_bounds_.size(); ++i) {
        running += counts_[i].load(std::memory_order_relaxed);
        snapshot.cumulative_counts.push_back(running);
    }
    snapshot.sum = sum_.load(std::memory_order_relaxed);
    return snapshot;
}

std::vector<double> latency_buckets() {
    return {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

std::string_view command_end_name(CommandEnd end) {
    switch (end) {
        case CommandEnd::Result: return "result";
        case CommandEnd::CallError: return "call_error";
        case CommandEnd::InvalidResponse: return "invalid_response";
        case CommandEnd::Timeout: return "timeout";
        case CommandEnd::Closed: return "closed";
        case CommandEnd::QueueFull: return "queue_full";
    }
    return "result";
}

Metrics::Metrics()
    // Powers of two up to the writer's largest batch (SqliteOptions::max_batch).
    : commit_batch_size_({1, 2, 4, 8, 16, 32, 64, 128, 256, 512}),
      // A site's plan takes about 0.15 ms for 20 chargers (docs/load-management.md).
      scheduler_duration_({0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1}) {}

template <typename Entry>
Entry& Metrics::entry(std::map<std::string, std::unique_ptr<Entry>, std::less<>>& entries,
                      std::string_view action) {
    {
        const std::shared_lock lock(mutex_);
        if (const auto found = entries.find(action); found != entries.end()) {
            return *found->second;
        }
    }
    const std::unique_lock lock(mutex_);
    auto& slot = entries[std::string(action)];
    if (!slot) {
        slot = std::make_unique<Entry>();
    }
    return *slot;
}

void Metrics::record_inbound(std::string_view action, CallAnswer answer,
                             std::chrono::steady_clock::duration elapsed) {
    auto& metrics = entry(inbound_, action_label(action));
    (answer == CallAnswer::Result ? metrics.results : metrics.call_errors)
        .fetch_add(1, std::memory_order_relaxed);
    metrics.duration.observe(std::chrono::duration_cast<Seconds>(elapsed).count());
}

void Metrics::record_command(std::string_view action, CommandEnd end) {
    entry(commands_, action_label(action))
        .ends[static_cast<std::size_t>(end)]
        .fetch_add(1, std::memory_order_relaxed);
}

void Metrics::record_commit(std::size_t batch_size, std::chrono::microseconds transaction_time) {
    commit_batch_size_.observe(static_cast<double>(batch_size));
    commit_duration_.observe(std::chrono::duration_cast<Seconds>(transaction_time).count());
}

void Metrics::record_scheduler_run(std::chrono::steady_clock::duration elapsed) {
    scheduler_duration_.observe(std::chrono::duration_cast<Seconds>(elapsed).count());
}

}  // namespace parkgrid::server
