#pragma once

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
    // Returns false (and leaves `job` untouched) once the queue is closed.
    bool push(PendingJob& job);
    // Waits for jobs and takes up to `max_jobs` of them, oldest first. Returns an empty batch only when the
    // queue is closed and drained.
    std::vector<PendingJob> pop_batch(std::size_t max_jobs);
    // Refuses further jobs; those already queued are still handed out.
    void close();
    // Jobs waiting to be taken.
    std::size_t size() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<PendingJob> jobs_;
    bool closed_ = false;
};

}  // namespace parkgrid::storage
