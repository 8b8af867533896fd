#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <vector>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::storage {

struct PendingJob {
    Database::Job job;
    Database::Completion done;
};

// A closable multi-producer queue of storage jobs. Consumers take jobs in batches: whatever has queued up
// while they were busy, so a writer commits everything that arrived during its previous commit together.
class JobQueue {
public:
    using Clock = std::chrono::steady_clock;

    // Returns false (and leaves `job` untouched) once the queue is closed.
    bool push(PendingJob& job);
    // Waits for jobs and takes up to `max_jobs` of them, oldest first. Returns an empty batch only when the
    // queue is closed and drained.
    //
    // With a `gather` window, a batch that would be short waits for company when jobs have lately been
    // arriving less than `gather` apart on average: until its oldest job has waited `gather`, `max_jobs`
    // have queued, or the queue closes. At a steady rate of a few thousand jobs a second the disk is fast
    // enough that most commits would otherwise carry one job each, and every commit writes whole pages and
    // flushes the disk's cache. At lower rates nothing waits. Only one consumer of a queue may gather.
    std::vector<PendingJob> pop_batch(std::size_t max_jobs, Clock::duration gather = Clock::duration::zero());
    // Refuses further jobs; those already queued are still handed out.
    void close();
    // Jobs waiting to be taken.
    std::size_t size() const;

private:
    struct Queued {
        PendingJob pending;
        Clock::time_point queued_at;
    };

    // Intervals count as at most this much, so that the mean follows a rise in rate after an idle spell
    // within a dozen jobs.
    static constexpr Clock::duration kLongestInterval = std::chrono::seconds(1);

    void note_arrival(Clock::time_point now);

    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Queued> jobs_;
    bool closed_ = false;
    std::size_t consumers_waiting_for_any_ = 0;
    std::size_t gathering_until_ = 0;  // while a consumer gathers: the queue length that ends its wait early
    Clock::time_point last_arrival_{};
    Clock::duration mean_interval_ = kLongestInterval;  // between arrivals, smoothed
};

}  // namespace parkgrid::storage
