#pragma once

// Asynchronous access to storage, off the network threads.
//
// Writes are group-committed: jobs submitted while a commit is in progress are run together in the next
// transaction, each inside its own savepoint so that one failing job does not undo the others. A write's
// completion runs only after its transaction is durably committed, so callers may acknowledge the data
// from there. Reads run on separate connections and never wait for a commit.

#include <chrono>
#include <cstddef>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::storage {

// Jobs submitted but not yet taken by a storage thread: a growing write queue means commits fall behind.
struct QueueDepths {
    std::size_t writes = 0;
    std::size_t reads = 0;
};

class Database {
public:
    using Job = std::function<void(Repositories&)>;
    // Called on a storage thread with nullptr on success, or the exception that failed the job or its commit.
    using Completion = std::function<void(std::exception_ptr)>;

    virtual ~Database() = default;

    virtual void submit_write(Job job, Completion done) = 0;
    virtual void submit_read(Job job, Completion done) = 0;
    // Runs queued work to completion and stops accepting more; used for graceful shutdown.
    // Jobs submitted afterwards fail at once: their completion runs on the submitting thread. Must not be
    // called from a job or a completion (the storage thread would wait for itself).
    virtual void shutdown() = 0;
    virtual QueueDepths queue_depths() const = 0;
};

// The result of a job, or the exception that failed it.
template <typename T>
class Outcome {
public:
    explicit Outcome(T value) : state_(std::move(value)) {}
    explicit Outcome(std::exception_ptr error) : state_(std::move(error)) {}

    bool ok() const { return state_.index() == 0; }
    T& value() {
        if (!ok()) {
            std::rethrow_exception(std::get<1>(state_));
        }
        return std::get<0>(state_);
    }
    std::exception_ptr error() const { return ok() ? nullptr : std::get<1>(state_); }

private:
    std::variant<T, std::exception_ptr> state_;
};

namespace detail {

template <typename Job>
using JobResult = std::invoke_result_t<Job&, Repositories&>;

struct Unit {};

template <typename Job, typename Callback>
auto wrap(Job job, Callback callback) {
    using Result = JobResult<Job>;
    using Value = std::conditional_t<std::is_void_v<Result>, Unit, Result>;
    auto result = std::make_shared<std::optional<Value>>();
    Database::Job run = [job = std::move(job), result](Repositories& repositories) mutable {
        if constexpr (std::is_void_v<Result>) {
            job(repositories);
            result->emplace();
        } else {
            result->emplace(job(repositories));
        }
    };
    Database::Completion done = [callback = std::move(callback), result](std::exception_ptr error) mutable {
        if (error) {
            callback(Outcome<Value>(error));
        } else {
            callback(Outcome<Value>(std::move(**result)));
        }
    };
    return std::make_pair(std::move(run), std::move(done));
}

}  // namespace detail

// Typed helpers: `job` returns a value (or void, seen as detail::Unit) and `callback` receives an Outcome
// of it. Both must be copyable.
template <typename Job, typename Callback>
void write(Database& database, Job job, Callback callback) {
    auto [run, done] = detail::wrap(std::move(job), std::move(callback));
    database.submit_write(std::move(run), std::move(done));
}

template <typename Job, typename Callback>
void read(Database& database, Job job, Callback callback) {
    auto [run, done] = detail::wrap(std::move(job), std::move(callback));
    database.submit_read(std::move(run), std::move(done));
}

namespace detail {

template <typename Submit, typename Job>
auto wait_for(Submit submit, Job job) {
    using Result = JobResult<Job>;
    using Value = std::conditional_t<std::is_void_v<Result>, Unit, Result>;
    auto promise = std::make_shared<std::promise<Value>>();
    auto future = promise->get_future();
    submit(std::move(job), [promise](Outcome<Value> outcome) {
        if (outcome.ok()) {
            promise->set_value(std::move(outcome.value()));
        } else {
            promise->set_exception(outcome.error());
        }
    });
    return future.get();
}

}  // namespace detail

// Blocking variants for start-up code and tests; they rethrow the job's exception.
template <typename Job>
auto write_and_wait(Database& database, Job job) {
    return detail::wait_for([&](auto j, auto done) { write(database, std::move(j), std::move(done)); },
                            std::move(job));
}

template <typename Job>
auto read_and_wait(Database& database, Job job) {
    return detail::wait_for([&](auto j, auto done) { read(database, std::move(j), std::move(done)); },
                            std::move(job));
}

struct SqliteOptions {
    std::string path;
    bool durable = true;          // synchronous=FULL: survive power loss, not only process crashes
    std::size_t max_batch = 512;  // jobs per group commit
    // When writes arrive less than this apart on average, a group commit that would carry fewer than
    // max_batch waits until its oldest job has waited this long. The disk answers a flush in a fraction of a
    // millisecond, so at 5,000 MeterValues a second most commits carried one job; each commit writes whole
    // pages of every index it touches, and flushes. Zero never waits.
    std::chrono::microseconds commit_gather{1000};
    std::size_t reader_threads = 1;
    // How long a connection waits for a lock held by another process (a backup, the sqlite3 shell).
    std::chrono::milliseconds busy_timeout{5000};
    // Called on the writer thread after each group commit, successful or not, with the number of jobs in
    // it and the time from BEGIN to the end of COMMIT; for metrics. Must not block.
    std::function<void(std::size_t batch_size, std::chrono::microseconds transaction_time)> batch_observer{};
};

// Opens (creating and migrating as needed) a SQLite database in WAL mode. Throws if the database cannot be
// opened or its schema is newer than this binary knows.
std::unique_ptr<Database> open_sqlite_database(const SqliteOptions& options);

}  // namespace parkgrid::storage
