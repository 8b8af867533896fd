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
    // Tasks of a charger whose earlier task still runs keep their place. Only the running chargers' later
    // tasks (a few each) can sit ahead of the next one that starts, so the scan stays short even with a
    // storm's queue behind them.
    for (auto next = waiting_.begin(); running_ < concurrency_ && next != waiting_.end();) {
        if (running_chargers_.contains(next->charger_id)) {
            ++next;
            continue;
        }
        Waiting task = std::move(*next);
        next = waiting_.erase(next);
        if (!is_connected_(task.charger_id)) {
            continue;
        }
        ++running_;
        running_chargers_.insert(task.charger_id);
        // A task that calls back twice must not free a second slot.
        auto called = std::make_shared<std::atomic_bool>(false);
        Finished finished = [this, called, charger_id = task.charger_id] {
            if (!called->exchange(true)) {
                boost::asio::post(strand_, [this, charger_id] { finish(charger_id); });
            }
        };
        try {
            task.task(finished);
        } catch (const std::exception& e) {
            log::error("synchronisation after boot failed",
                       {{"charger", task.charger_id}, {"error", e.what()}});
            finished();
        }
    }
    publish_counts();
}

void BootSyncQueue::publish_counts() {
    waiting_count_.store(waiting_.size(), std::memory_order_relaxed);
    running_count_.store(running_, std::memory_order_relaxed);
}

void BootSyncQueue::finish(const std::string& charger_id) {
    --running_;
    running_chargers_.erase(charger_id);
    start_ready();
}

}  // namespace parkgrid::server
