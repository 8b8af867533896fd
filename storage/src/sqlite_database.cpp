// The SQLite Database: one writer thread doing group commit, and reader threads for reads.
//
// Why group commit: with synchronous=FULL a commit costs an fsync (about 0.5 ms here), so one transaction per
// job caps writes near 2,000/s, while 100 rows per commit reach about 60,000/s. The writer therefore takes
// every job that queued up during its previous commit and commits them together, each inside a savepoint
// so that one failing job does not undo the others. When jobs arrive fast but the disk is faster, that alone
// gives commits of one job each; SqliteOptions::commit_gather lets a short batch wait a moment for company.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "job_queue.hpp"
#include "parkgrid/storage/database.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/migrations.hpp"
#include "sqlite/transaction.hpp"
#include "sqlite_repositories.hpp"
#include "wal_checkpointer.hpp"

namespace parkgrid::storage {
namespace {

using Clock = std::chrono::steady_clock;

void log_error(const char* what_failed, const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        std::cerr << "parkgrid storage: " << what_failed << ": " << exception.what() << '\n';
    } catch (...) {
        std::cerr << "parkgrid storage: " << what_failed << ": unknown exception\n";
    }
}

// A completion belongs to the caller; whatever it throws must not take the storage thread down.
void complete(const Database::Completion& done, const std::exception_ptr& error) noexcept {
    if (!done) {
        return;
    }
    try {
        done(error);
    } catch (...) {
        log_error("a storage job's completion threw", std::current_exception());
    }
}

void check_options(const SqliteOptions& options) {
    if (options.path.empty() || options.path == ":memory:" || options.path.starts_with("file:")) {
        // Each connection must reach the same database file; a memory database exists once per connection.
        throw std::invalid_argument("SQLite database path must name a file, got '" + options.path + "'");
    }
    if (options.max_batch == 0) {
        throw std::invalid_argument("SqliteOptions::max_batch must be at least 1");
    }
    if (options.reader_threads == 0) {
        throw std::invalid_argument("SqliteOptions::reader_threads must be at least 1");
    }
}

void create_parent_directory(const std::string& path) {
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) {
        std::filesystem::create_directories(parent);
    }
}

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(const SqliteOptions& options);
    ~SqliteDatabase() override;

    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    void submit_write(Job job, Completion done) override;
    void submit_read(Job job, Completion done) override;
    void shutdown() override;
    QueueDepths queue_depths() const override { return {writes_.size(), reads_.size()}; }

private:
    void start_threads();
    void stop_threads() noexcept;
    void run_writer() noexcept;
    void run_reader(sqlite::Connection& connection) noexcept;
    void commit_batch(SqliteRepositories& repositories, std::vector<PendingJob>& batch) noexcept;
    void report_batch(std::size_t batch_size, Clock::duration transaction_time) noexcept;
    void checkpoint() noexcept;
    bool on_storage_thread() const;

    SqliteOptions options_;
    // Connections are opened up front, so that open_sqlite_database() reports a bad path or schema itself.
    std::unique_ptr<sqlite::Connection> writer_connection_;
    std::unique_ptr<WalCheckpointer> checkpointer_;  // hooks writer_connection_, so it goes first
    std::vector<std::unique_ptr<sqlite::Connection>> reader_connections_;
    JobQueue writes_;
    JobQueue reads_;
    std::thread writer_thread_;
    std::vector<std::thread> reader_threads_;
    // Kept apart from the std::thread objects, which join() changes while other threads may be asking.
    std::vector<std::thread::id> storage_thread_ids_;
    std::mutex shutdown_mutex_;
    bool shut_down_ = false;
};

SqliteDatabase::SqliteDatabase(const SqliteOptions& options) : options_(options) {
    check_options(options_);
    create_parent_directory(options_.path);

    sqlite::ConnectionOptions connection_options{
        .read_only = false, .durable = options_.durable, .busy_timeout = options_.busy_timeout};
    // The writer opens first: it creates the file, switches it to WAL and migrates the schema, all of which
    // read-only connections cannot do.
    writer_connection_ = std::make_unique<sqlite::Connection>(options_.path, connection_options);
    sqlite::migrate(*writer_connection_);
    checkpointer_ = std::make_unique<WalCheckpointer>(*writer_connection_, options_.path, connection_options);

    connection_options.read_only = true;
    for (std::size_t i = 0; i < options_.reader_threads; ++i) {
        reader_connections_.push_back(
            std::make_unique<sqlite::Connection>(options_.path, connection_options));
    }
    start_threads();
}

SqliteDatabase::~SqliteDatabase() {
    try {
        shutdown();
    } catch (...) {
        log_error("shutdown failed", std::current_exception());
    }
}

void SqliteDatabase::start_threads() {
    try {
        writer_thread_ = std::thread([this] { run_writer(); });
        storage_thread_ids_.push_back(writer_thread_.get_id());
        for (const auto& connection : reader_connections_) {
            reader_threads_.emplace_back([this, &connection = *connection] { run_reader(connection); });
            storage_thread_ids_.push_back(reader_threads_.back().get_id());
        }
    } catch (...) {
        stop_threads();
        throw;
    }
}

void SqliteDatabase::stop_threads() noexcept {
    // Closed queues still hand out what they hold, so the threads finish every accepted job before they end.
    writes_.close();
    reads_.close();
    for (std::thread& thread : reader_threads_) {
        if (thread.joinable()) {
            thread.join();
        }
    }
    if (writer_thread_.joinable()) {
        writer_thread_.join();
    }
}

void SqliteDatabase::submit_write(Job job, Completion done) {
    PendingJob pending{std::move(job), std::move(done)};
    if (!writes_.push(pending)) {
        complete(pending.done, std::make_exception_ptr(std::runtime_error("storage is shut down")));
    }
}

void SqliteDatabase::submit_read(Job job, Completion done) {
    PendingJob pending{std::move(job), std::move(done)};
    if (!reads_.push(pending)) {
        complete(pending.done, std::make_exception_ptr(std::runtime_error("storage is shut down")));
    }
}

void SqliteDatabase::shutdown() {
    if (on_storage_thread()) {
        // The thread would wait for itself to finish.
        throw std::logic_error("Database::shutdown() called from a storage job or completion");
    }
    const std::lock_guard lock(shutdown_mutex_);
    if (shut_down_) {
        return;
    }
    shut_down_ = true;
    stop_threads();
    checkpointer_.reset();
    // Readers close first: a checkpoint cannot pass a reader's snapshot, and TRUNCATE needs all of them gone.
    reader_connections_.clear();
    checkpoint();
    writer_connection_.reset();
}

bool SqliteDatabase::on_storage_thread() const {
    return std::find(storage_thread_ids_.begin(), storage_thread_ids_.end(), std::this_thread::get_id()) !=
           storage_thread_ids_.end();
}

void SqliteDatabase::checkpoint() noexcept {
    // Moves everything from the WAL into the database file and empties the WAL, so the file alone is a
    // complete copy once the process has stopped.
    try {
        sqlite::Statement statement = writer_connection_->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
        // The row is (busy, WAL frames, frames checkpointed); busy means another process still reads.
        if (statement.step() && statement.column<std::int64_t>(0) != 0) {
            std::cerr << "parkgrid storage: WAL checkpoint at shutdown incomplete: the database is in use by "
                         "another process (the data is safe in the WAL)\n";
        }
    } catch (...) {
        log_error("WAL checkpoint at shutdown failed (the data is safe in the WAL)",
                  std::current_exception());
    }
}

void SqliteDatabase::run_writer() noexcept {
    SqliteRepositories repositories(*writer_connection_);
    for (;;) {
        std::vector<PendingJob> batch = writes_.pop_batch(options_.max_batch, options_.commit_gather);
        if (batch.empty()) {
            return;  // closed and drained
        }
        commit_batch(repositories, batch);
    }
}

void SqliteDatabase::commit_batch(SqliteRepositories& repositories, std::vector<PendingJob>& batch) noexcept {
    sqlite::Connection& connection = repositories.connection();
    std::vector<std::exception_ptr> errors(batch.size());
    const Clock::time_point started = Clock::now();
    try {
        sqlite::Transaction transaction(connection, sqlite::TransactionMode::Immediate);
        for (std::size_t i = 0; i < batch.size(); ++i) {
            sqlite::Savepoint savepoint(connection, "job");
            try {
                batch[i].job(repositories);
            } catch (...) {
                errors[i] = std::current_exception();
            }
            // Not left to the savepoint's destructor, which must swallow errors: if ending the savepoint
            // fails (e.g. SQLite rolled the whole transaction back after an I/O error), the batch must fail
            // too.
            if (errors[i]) {
                savepoint.rollback();
            } else {
                savepoint.release();
            }
        }
        transaction.commit();
    } catch (...) {
        // BEGIN, a savepoint or COMMIT failed: nothing of this batch is stored, so no job may report success.
        const std::exception_ptr batch_error = std::current_exception();
        for (std::exception_ptr& error : errors) {
            if (!error) {
                error = batch_error;
            }
        }
    }
    report_batch(batch.size(), Clock::now() - started);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        complete(batch[i].done, errors[i]);
    }
}

void SqliteDatabase::report_batch(std::size_t batch_size, Clock::duration transaction_time) noexcept {
    if (!options_.batch_observer) {
        return;
    }
    try {
        options_.batch_observer(batch_size,
                                std::chrono::duration_cast<std::chrono::microseconds>(transaction_time));
    } catch (...) {
        log_error("the batch observer threw", std::current_exception());
    }
}

void SqliteDatabase::run_reader(sqlite::Connection& connection) noexcept {
    SqliteRepositories repositories(connection);
    for (;;) {
        std::vector<PendingJob> batch = reads_.pop_batch(1);
        if (batch.empty()) {
            return;  // closed and drained
        }
        PendingJob& read = batch.front();
        std::exception_ptr error;
        try {
            // One read transaction per job: all its queries see the same snapshot. Committing before the
            // completion runs ends the snapshot, so the completion cannot hold up WAL checkpoints.
            sqlite::Transaction transaction(connection, sqlite::TransactionMode::Deferred);
            read.job(repositories);
            transaction.commit();
        } catch (...) {
            error = std::current_exception();
        }
        complete(read.done, error);
    }
}

}  // namespace

std::unique_ptr<Database> open_sqlite_database(const SqliteOptions& options) {
    return std::make_unique<SqliteDatabase>(options);
}

}  // namespace parkgrid::storage
