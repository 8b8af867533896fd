#include "job_queue.hpp"

#include <algorithm>
#include <iterator>

namespace parkgrid::storage {

bool JobQueue::push(PendingJob& job) {
    {
        const std::lock_guard lock(mutex_);
        if (closed_) {
            return false;
        }
        jobs_.push_back(std::move(job));
    }
    ready_.notify_one();
    return true;
}

std::vector<PendingJob> JobQueue::pop_batch(std::size_t max_jobs) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !jobs_.empty() || closed_; });
    const auto count =
        static_cast<std::ptrdiff_t>(std::min(std::max<std::size_t>(max_jobs, 1), jobs_.size()));
    std::vector<PendingJob> batch(std::make_move_iterator(jobs_.begin()),
                                  std::make_move_iterator(jobs_.begin() + count));
    jobs_.erase(jobs_.begin(), jobs_.begin() + count);
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
