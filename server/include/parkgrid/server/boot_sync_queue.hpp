#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/strand.hpp>
#include <cstddef>
#include <deque>
#include <functional>
#include <string>
#include <unordered_set>

namespace parkgrid::server {

// Runs the synchronisations that follow an accepted boot (configuration, local authorization list) a few at
// a time, oldest first.
//
// After a restart of the server or a network outage every charger connects and boots at once, and what each
// needs first is to be accepted: its BootNotification and StatusNotifications answered, then its
// transactions. Every synchronisation costs several CALLs and commits; started for all chargers at once they
// took a quarter of the server's time in the reconnect storm and held up the boots themselves
// (docs/performance.md). Queued, they follow once the storm has passed; with a few boots they start at once.
// A charger that has gone by its turn is skipped: it is synchronised after its next boot. One charger's tasks
// run one after another in the order they were posted, so a later one sees what an earlier one stored (the
// local list is planned with the limits the configuration synchronisation read).
class BootSyncQueue {
public:
    // The task calls it, from any thread, once its work has ended (however it ended).
    using Finished = std::function<void()>;
    using Task = std::function<void(Finished)>;
    using IsConnected = std::function<bool(const std::string& charger_id)>;

    BootSyncQueue(const boost::asio::any_io_executor& executor, std::size_t concurrency,
                  IsConnected is_connected);

    // Thread-safe. The task runs on the queue's strand when fewer than `concurrency` others are running.
    void post(std::string charger_id, Task task);

    // For /metrics, from any thread: how far behind the boots the synchronisations are.
    std::size_t waiting() const { return waiting_count_.load(std::memory_order_relaxed); }
    std::size_t running() const { return running_count_.load(std::memory_order_relaxed); }

private:
    struct Waiting {
        std::string charger_id;
        Task task;
    };

    void start_ready();
    void finish(const std::string& charger_id);
    void publish_counts();

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    const std::size_t concurrency_;
    const IsConnected is_connected_;
    std::size_t running_ = 0;
    std::deque<Waiting> waiting_;
    std::unordered_set<std::string> running_chargers_;
    std::atomic<std::size_t> waiting_count_{0};
    std::atomic<std::size_t> running_count_{0};
};

}  // namespace parkgrid::server
