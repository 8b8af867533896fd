#include "password_worker.hpp"

#include <boost/asio/post.hpp>
#include <exception>

#include "parkgrid/server/log.hpp"
#include "password_hash.hpp"

namespace parkgrid::server::auth {

PasswordWorker::PasswordWorker(std::size_t max_queued) : max_queued_(max_queued) {}

PasswordWorker::~PasswordWorker() {
    // Work still queued is dropped: its requests are answered by nobody, as on any shutdown.
    pool_.stop();
    pool_.join();
}

bool PasswordWorker::reserve() {
    std::size_t queued = queued_.load();
    do {
        if (queued >= max_queued_) {
            return false;
        }
    } while (!queued_.compare_exchange_weak(queued, queued + 1));
    return true;
}

bool PasswordWorker::hash(std::string password, std::function<void(std::optional<std::string>)> done,
                          std::uint32_t iterations) {
    if (!reserve()) {
        return false;
    }
    boost::asio::post(pool_, [this, password = std::move(password), done = std::move(done), iterations] {
        std::optional<std::string> encoded;
        try {
            encoded = hash_password(password, iterations);
        } catch (const std::exception& error) {
            log::error("password hashing failed", {{"error", error.what()}});
        }
        --queued_;
        done(std::move(encoded));
    });
    return true;
}

bool PasswordWorker::verify(std::string password, std::string encoded,
                            std::function<void(bool matches, bool rehash)> done) {
    if (!reserve()) {
        return false;
    }
    boost::asio::post(
        pool_, [this, password = std::move(password), encoded = std::move(encoded), done = std::move(done)] {
            bool matches = false;
            try {
                matches = verify_password(password, encoded);
            } catch (const std::exception& error) {
                log::error("password verification failed", {{"error", error.what()}});
            }
            --queued_;
            done(matches, matches && needs_rehash(encoded));
        });
    return true;
}

}  // namespace parkgrid::server::auth
