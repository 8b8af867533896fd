#include "parkgrid/server/boot_sync_queue.hpp"

#include <boost/asio/post.hpp>
#include <memory>
#include <stdexcept>

#include "parkgrid/server/log.hpp"

namespace parkgrid::server {

BootSyncQueue::BootSyncQueue(const boost::asio::any_io_executor& executor, std::size_t concurrency,
                             IsConnected is_connected)
    : strand_(boost::asio::make_strand(executor)),
      concurrency_(concurrency),
      is_connected_(std::move(is_connected)) {
    if (concurrency_ == 0) {
        throw std::invalid_argument("BootSyncQueue needs a concurrency of at least 1");
    }
}

void BootSyncQueue::post(std::string charger_id, Task task) {
    boost::asio::post(strand_, [this, charger_id = std::move(charger_id), task = std::move(task)]() mutable {
        waiting_.push_back({std::move(charger_id), std::move(task)});
        start_ready();
    });
}

void BootSyncQueue::start_ready() {
    while (running_ < concurrency_ && !waiting_.empty()) {
        Waiting next = std::move(waiting_.front());
        waiting_.pop_front();
        if (!is_connected_(next.charger_id)) {
            continue;
        }
        ++running_;
        // A task that calls back twice must not free a second slot.
        auto called = std::make_shared<std::atomic_bool>(false);
        Finished finished = [this, called] {
            if (!called->exchange(true)) {
                boost::asio::post(strand_, [this] { finish(); });
            }
        };
        try {
            next.task(finished);
        } catch (const std::exception& e) {
            log::error("synchronisation after boot failed",
                       {{"charger", next.charger_id}, {"error", e.what()}});
            finished();
        }
    }
    publish_counts();
}

void BootSyncQueue::publish_counts() {
    waiting_count_.store(waiting_.size(), std::memory_order_relaxed);
    running_count_.store(running_, std::memory_order_relaxed);
}

void BootSyncQueue::finish() {
    --running_;
    start_ready();
}

}  // namespace parkgrid::server
