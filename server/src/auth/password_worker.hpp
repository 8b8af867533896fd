#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include "password_hash.hpp"

namespace parkgrid::server::auth {

// Runs the deliberately slow password KDF (see password_hash.hpp) on a thread of its own, so that neither
// the network threads nor the storage threads ever wait for it. One thread: a burst of logins queues up
// instead of taking every core, and the queue is bounded so that a flood is refused quickly.
class PasswordWorker {
public:
    explicit PasswordWorker(std::size_t max_queued = 32);
    ~PasswordWorker();
    PasswordWorker(const PasswordWorker&) = delete;
    PasswordWorker& operator=(const PasswordWorker&) = delete;

    // Both return false, without calling `done`, when max_queued jobs are waiting already; otherwise
    // `done` runs later on the worker thread.
    // `done` receives the encoded hash, or nullopt if hashing failed (logged).
    bool hash(std::string password, std::function<void(std::optional<std::string> encoded)> done,
              std::uint32_t iterations = kPasswordIterations);
    // `done` receives whether the password matches and, if it does, whether the stored hash should be
    // replaced by a stronger one (see needs_rehash).
    bool verify(std::string password, std::string encoded,
                std::function<void(bool matches, bool rehash)> done);

private:
    bool reserve();

    const std::size_t max_queued_;
    std::atomic<std::size_t> queued_{0};
    boost::asio::thread_pool pool_{1};
};

}  // namespace parkgrid::server::auth
