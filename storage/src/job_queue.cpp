#include "job_queue.hpp"

#include <algorithm>

namespace parkgrid::storage {

bool JobQueue::push(PendingJob& job) {
    bool wake_one = false;
    bool wake_all = false;
    {
        const std::lock_guard lock(mutex_);
        if (closed_) {
            return false;
        }
        const Clock::time_point now = Clock::now();
        note_arrival(now);
        jobs_.push_back(Queued{std::move(job), now});
        // A gathering consumer is not woken for every job: it would only go back to sleep. While one gathers,
        // a consumer waiting for any job is woken with notify_all, as notify_one might pick the gatherer.
        wake_all =
            gathering_until_ > 0 && (jobs_.size() >= gathering_until_ || consumers_waiting_for_any_ > 0);
        wake_one = !wake_all && consumers_waiting_for_any_ > 0;
    }
    if (wake_all) {
        ready_.notify_all();
    } else if (wake_one) {
        ready_.notify_one();
    }
    return true;
}

void JobQueue::note_arrival(Clock::time_point now) {
    // An exponentially weighted mean of the last few intervals: one lone gap does not turn gathering off.
    constexpr int weight = 8;
    const Clock::duration interval = std::min(now - last_arrival_, kLongestInterval);
    last_arrival_ = now;
    mean_interval_ += (interval - mean_interval_) / weight;
}

std::vector<PendingJob> JobQueue::pop_batch(std::size_t max_jobs, Clock::duration gather) {
    max_jobs = std::max<std::size_t>(max_jobs, 1);
    std::unique_lock lock(mutex_);
    ++consumers_waiting_for_any_;
    ready_.wait(lock, [this] { return !jobs_.empty() || closed_; });
    --consumers_waiting_for_any_;
    if (gather > Clock::duration::zero() && !closed_ && jobs_.size() < max_jobs && mean_interval_ < gather) {
        gathering_until_ = max_jobs;
        ready_.wait_until(lock, jobs_.front().queued_at + gather,
                          [&] { return closed_ || jobs_.size() >= max_jobs; });
        gathering_until_ = 0;
    }
    const std::size_t count = std::min(max_jobs, jobs_.size());
    std::vector<PendingJob> batch;
    batch.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        batch.push_back(std::move(jobs_.front().pending));
        jobs_.pop_front();
    }
    return batch;
}

void JobQueue::close() {
    {
        const std::lock_guard lock(mutex_);
        closed_ = true;
    }
    ready_.notify_all();
}

std::size_t JobQueue::size() const {
    const std::lock_guard lock(mutex_);
    return jobs_.size();
}

}  // namespace parkgrid::storage
