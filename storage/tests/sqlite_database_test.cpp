#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include "parkgrid/storage/database.hpp"
#include "sqlite/connection.hpp"
#include "sqlite/sqlite_error.hpp"
#include "sqlite_repositories.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage {
namespace {

using testing::TempDir;

// Collects what the batch observer reports (it is called on the writer thread).
class BatchLog {
public:
    void add(std::size_t size) {
        const std::lock_guard lock(mutex_);
        sizes_.push_back(size);
    }
    std::vector<std::size_t> sizes() {
        const std::lock_guard lock(mutex_);
        return sizes_;
    }

private:
    std::mutex mutex_;
    std::vector<std::size_t> sizes_;
};

// Holds the writer inside a job until opened, so that the jobs submitted meanwhile queue up and form the
// next batch: this makes batch composition deterministic.
class WriterGate {
public:
    explicit WriterGate(Database& database) {
        // The job owns what it waits on: it may still be waking up when the gate object is gone.
        auto entered = std::make_shared<std::promise<void>>();
        std::future<void> entered_future = entered->get_future();
        database.submit_write(
            [entered, opened = opened_future_](Repositories&) {
                entered->set_value();
                opened.wait();
            },
            nullptr);
        entered_future.wait();
    }
    ~WriterGate() { open(); }
    WriterGate(const WriterGate&) = delete;
    WriterGate& operator=(const WriterGate&) = delete;

    void open() {
        if (!opened_flag_.exchange(true)) {
            opened_.set_value();
        }
    }

private:
    std::promise<void> opened_;
    std::shared_future<void> opened_future_ = opened_.get_future().share();
    std::atomic<bool> opened_flag_ = false;
};

ConnectionEvent connection_event(const std::string& charger_id, int number) {
    return ConnectionEvent{.charger_id = charger_id,
                           .event = "connected",
                           .remote_address = "127.0.0.1:" + std::to_string(number),
                           .detail = std::nullopt,
                           .at = from_unix_millis(number)};
}

std::string message_of(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& exception) {
        return exception.what();
    }
}

class DatabaseTest : public ::testing::Test {
protected:
    std::unique_ptr<Database> open(std::size_t max_batch = 512, std::size_t reader_threads = 1) {
        return open_sqlite_database(SqliteOptions{
            .path = path_,
            .durable = true,
            .max_batch = max_batch,
            .reader_threads = reader_threads,
            .batch_observer = [this](std::size_t size, std::chrono::microseconds) { batches_.add(size); },
        });
    }

    std::size_t count_connections(Database& database, const std::string& charger_id) {
        return read_and_wait(database, [charger_id](Repositories& repositories) {
            return repositories.events().connections(charger_id, 1'000'000, 0).size();
        });
    }

    TempDir directory_;
    std::string path_ = directory_.file("data/parkgrid.db");
    BatchLog batches_;  // declared before any Database so that it outlives the writer thread
};

TEST_F(DatabaseTest, WritesAndReadsThroughTheTypedHelpers) {
    auto database = open();
    const bool inserted = write_and_wait(*database, [](Repositories& repositories) {
        return repositories.chargers().insert("CP1", "north", RegistrationStatus::Accepted,
                                              from_unix_millis(1));
    });
    EXPECT_TRUE(inserted);
    const auto charger = read_and_wait(
        *database, [](Repositories& repositories) { return repositories.chargers().find("CP1"); });
    ASSERT_TRUE(charger);
    EXPECT_EQ(charger->description, "north");
    EXPECT_TRUE(std::filesystem::exists(path_)) << "the parent directory is created";
}

TEST_F(DatabaseTest, WriteAndWaitRethrowsTheJobsException) {
    auto database = open();
    EXPECT_THROW(write_and_wait(*database, [](Repositories&) -> int { throw std::domain_error("no"); }),
                 std::domain_error);
    EXPECT_THROW(read_and_wait(*database, [](Repositories&) -> int { throw std::domain_error("no"); }),
                 std::domain_error);
}

TEST_F(DatabaseTest, GroupCommitsConcurrentWritesFromSeveralThreads) {
    constexpr int threads = 4;
    constexpr int jobs_per_thread = 250;
    constexpr std::size_t max_batch = 100;
    auto database = open(max_batch);
    std::latch all_done(threads * jobs_per_thread);
    std::atomic<int> failures = 0;
    {
        WriterGate gate(*database);
        std::vector<std::thread> producers;
        for (int t = 0; t < threads; ++t) {
            producers.emplace_back([&, t] {
                for (int i = 0; i < jobs_per_thread; ++i) {
                    database->submit_write(
                        [event = connection_event("CP" + std::to_string(t), i)](Repositories& repositories) {
                            repositories.events().record_connection(event);
                        },
                        [&](std::exception_ptr error) {
                            if (error) {
                                ++failures;
                            }
                            all_done.count_down();
                        });
                }
            });
        }
        for (std::thread& producer : producers) {
            producer.join();
        }
    }  // the gate opens: everything queued meanwhile is committed in batches of at most max_batch
    all_done.wait();
    EXPECT_EQ(failures, 0);

    const std::vector<std::size_t> sizes = batches_.sizes();
    ASSERT_GE(sizes.size(), 2U);
    EXPECT_EQ(sizes.front(), 1U) << "the gate job";
    std::size_t jobs = 0;
    for (std::size_t i = 1; i < sizes.size(); ++i) {
        EXPECT_LE(sizes[i], max_batch);
        jobs += sizes[i];
    }
    EXPECT_EQ(jobs, static_cast<std::size_t>(threads * jobs_per_thread));
    EXPECT_EQ(sizes.size() - 1, static_cast<std::size_t>(threads * jobs_per_thread) / max_batch)
        << "full batches of queued jobs";
    for (int t = 0; t < threads; ++t) {
        EXPECT_EQ(count_connections(*database, "CP" + std::to_string(t)),
                  static_cast<std::size_t>(jobs_per_thread));
    }
}

TEST_F(DatabaseTest, AFailingJobDoesNotUndoTheOtherJobsOfItsBatch) {
    auto database = open();
    std::promise<std::exception_ptr> first, failing, last;
    {
        WriterGate gate(*database);
        const auto insert = [](const char* id) {
            return [id](Repositories& repositories) {
                repositories.chargers().insert(id, std::nullopt, RegistrationStatus::Accepted,
                                               from_unix_millis(1));
            };
        };
        database->submit_write(insert("A"), [&](std::exception_ptr error) { first.set_value(error); });
        database->submit_write(
            [](Repositories& repositories) {
                repositories.chargers().insert("B", std::nullopt, RegistrationStatus::Accepted,
                                               from_unix_millis(1));
                throw std::runtime_error("job B failed after writing");
            },
            [&](std::exception_ptr error) { failing.set_value(error); });
        database->submit_write(insert("C"), [&](std::exception_ptr error) { last.set_value(error); });
    }
    EXPECT_EQ(first.get_future().get(), nullptr);
    const std::exception_ptr error = failing.get_future().get();
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(message_of(error), "job B failed after writing");
    EXPECT_EQ(last.get_future().get(), nullptr);
    EXPECT_EQ(batches_.sizes(), (std::vector<std::size_t>{1, 3}));

    const auto ids = read_and_wait(*database, [](Repositories& repositories) {
        std::vector<std::string> result;
        for (const ChargerRecord& charger : repositories.chargers().list()) {
            result.push_back(charger.id);
        }
        return result;
    });
    EXPECT_EQ(ids, (std::vector<std::string>{"A", "C"}));
}

TEST_F(DatabaseTest, AFailedCommitFailsEveryJobOfTheBatchAndStoresNothing) {
    auto database = open();
    std::vector<std::promise<std::exception_ptr>> outcomes(3);
    {
        WriterGate gate(*database);
        database->submit_write(
            [](Repositories& repositories) {
                repositories.chargers().insert("A", std::nullopt, RegistrationStatus::Accepted,
                                               from_unix_millis(1));
            },
            [&](std::exception_ptr error) { outcomes[0].set_value(error); });
        database->submit_write(
            [](Repositories& repositories) {
                // A deferred foreign key violation passes the job and its savepoint but fails COMMIT.
                dynamic_cast<SqliteRepositories&>(repositories)
                    .connection()
                    .execute_script("PRAGMA defer_foreign_keys = ON");
                StatusRecord status;
                status.charger_id = "unknown";
                status.connector_id = 1;
                status.status = "Available";
                status.error_code = "NoError";
                repositories.chargers().record_status(status);
            },
            [&](std::exception_ptr error) { outcomes[1].set_value(error); });
        database->submit_write(
            [](Repositories& repositories) {
                repositories.events().record_connection(connection_event("A", 1));
            },
            [&](std::exception_ptr error) { outcomes[2].set_value(error); });
    }
    for (auto& outcome : outcomes) {
        const std::exception_ptr error = outcome.get_future().get();
        ASSERT_NE(error, nullptr);
        try {
            std::rethrow_exception(error);
        } catch (const sqlite::SqliteError& sqlite_error) {
            EXPECT_EQ(sqlite_error.code(), SQLITE_CONSTRAINT_FOREIGNKEY);
        }
    }
    EXPECT_FALSE(read_and_wait(*database,
                               [](Repositories& repositories) { return repositories.chargers().find("A"); }));
    EXPECT_EQ(count_connections(*database, "A"), 0U);

    // The writer recovers: the next batch commits normally.
    EXPECT_TRUE(write_and_wait(*database, [](Repositories& repositories) {
        return repositories.chargers().insert("A", std::nullopt, RegistrationStatus::Accepted,
                                              from_unix_millis(1));
    }));
}

TEST_F(DatabaseTest, AReadJobSeesOneSnapshotAndDoesNotWaitForWrites) {
    auto database = open();
    write_and_wait(*database, [](Repositories& repositories) {
        repositories.events().record_connection(connection_event("CP1", 1));
    });
    std::promise<void> first_read_done;
    std::promise<void> write_committed;
    std::shared_future<void> write_committed_future = write_committed.get_future().share();
    std::promise<std::pair<std::size_t, std::size_t>> counts;
    database->submit_read(
        [&](Repositories& repositories) {
            const std::size_t before = repositories.events().connections("CP1", 100, 0).size();
            first_read_done.set_value();
            write_committed_future.wait();
            const std::size_t after = repositories.events().connections("CP1", 100, 0).size();
            counts.set_value({before, after});
        },
        nullptr);
    first_read_done.get_future().wait();
    // The write commits while the read job is in the middle of its transaction.
    write_and_wait(*database, [](Repositories& repositories) {
        repositories.events().record_connection(connection_event("CP1", 2));
    });
    write_committed.set_value();
    const auto [before, after] = counts.get_future().get();
    EXPECT_EQ(before, 1U);
    EXPECT_EQ(after, 1U) << "the second query saw a different snapshot";
    EXPECT_EQ(count_connections(*database, "CP1"), 2U) << "a new read job sees the committed write";
}

TEST_F(DatabaseTest, AReadJobCannotWrite) {
    auto database = open();
    EXPECT_THROW(read_and_wait(*database,
                               [](Repositories& repositories) {
                                   repositories.events().record_connection(connection_event("CP1", 1));
                               }),
                 sqlite::SqliteError);
    EXPECT_EQ(count_connections(*database, "CP1"), 0U);
}

TEST_F(DatabaseTest, SeveralReaderThreadsServeReadsConcurrently) {
    auto database = open(512, 2);
    // Two read jobs that each wait for the other: they finish only if they run at the same time.
    std::latch both_running(2);
    std::latch both_done(2);
    for (int i = 0; i < 2; ++i) {
        database->submit_read([&](Repositories&) { both_running.arrive_and_wait(); },
                              [&](std::exception_ptr error) {
                                  EXPECT_EQ(error, nullptr);
                                  both_done.count_down();
                              });
    }
    both_done.wait();
}

TEST_F(DatabaseTest, CompletionRunsAfterTheCommit) {
    auto database = open();
    std::promise<bool> visible;
    database->submit_write(
        [](Repositories& repositories) {
            repositories.chargers().insert("CP1", std::nullopt, RegistrationStatus::Accepted,
                                           from_unix_millis(1));
        },
        [&](std::exception_ptr error) {
            // A connection of its own sees only what is committed.
            sqlite::Connection fresh(path_, sqlite::ConnectionOptions{.read_only = true});
            visible.set_value(error == nullptr &&
                              fresh.query_int("SELECT count(*) FROM chargers WHERE id = 'CP1'") == 1);
        });
    EXPECT_TRUE(visible.get_future().get());
}

TEST_F(DatabaseTest, ACompletionThatThrowsDoesNotStopTheStorageThreads) {
    auto database = open();
    ::testing::internal::CaptureStderr();
    database->submit_write([](Repositories&) {},
                           [](std::exception_ptr) { throw std::runtime_error("careless caller"); });
    database->submit_read([](Repositories&) {}, [](std::exception_ptr) { throw 42; });
    EXPECT_NO_THROW(write_and_wait(*database, [](Repositories&) {}));
    EXPECT_NO_THROW(read_and_wait(*database, [](Repositories&) {}));
    const std::string log = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("careless caller"), std::string::npos) << log;
}

TEST_F(DatabaseTest, ShutdownFinishesQueuedJobs) {
    auto database = open(10);
    constexpr int jobs = 100;
    std::atomic<int> succeeded = 0;
    std::thread shutting_down;
    {
        WriterGate gate(*database);
        for (int i = 0; i < jobs; ++i) {
            database->submit_write(
                [i](Repositories& repositories) {
                    repositories.events().record_connection(connection_event("CP1", i));
                },
                [&](std::exception_ptr error) {
                    if (!error) {
                        ++succeeded;
                    }
                });
        }
        shutting_down = std::thread([&] { database->shutdown(); });
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let shutdown close the queue
    }
    shutting_down.join();
    EXPECT_EQ(succeeded, jobs);

    sqlite::Connection check(path_, sqlite::ConnectionOptions{.read_only = true});
    EXPECT_EQ(check.query_int("SELECT count(*) FROM connection_log"), jobs);
}

TEST_F(DatabaseTest, SubmittingAfterShutdownFailsTheJobAtOnce) {
    auto database = open();
    database->shutdown();
    database->shutdown();  // idempotent

    bool ran = false;
    std::exception_ptr write_error;
    database->submit_write([&](Repositories&) { ran = true; },
                           [&](std::exception_ptr error) { write_error = error; });
    ASSERT_NE(write_error, nullptr) << "completed synchronously";
    EXPECT_NE(message_of(write_error).find("shut down"), std::string::npos);

    std::exception_ptr read_error;
    database->submit_read([&](Repositories&) { ran = true; },
                          [&](std::exception_ptr error) { read_error = error; });
    EXPECT_NE(read_error, nullptr);
    EXPECT_FALSE(ran);
    EXPECT_THROW(write_and_wait(*database, [](Repositories&) {}), std::runtime_error);
}

TEST_F(DatabaseTest, ShutdownCheckpointsTheWal) {
    auto database = open();
    write_and_wait(*database, [](Repositories& repositories) {
        repositories.events().record_connection(connection_event("CP1", 1));
    });
    const std::string wal = path_ + "-wal";
    ASSERT_TRUE(std::filesystem::exists(wal));
    EXPECT_GT(std::filesystem::file_size(wal), 0U);
    database->shutdown();
    EXPECT_TRUE(!std::filesystem::exists(wal) || std::filesystem::file_size(wal) == 0);
}

TEST_F(DatabaseTest, ShutdownFromAStorageThreadIsRefused) {
    auto database = open();
    std::promise<std::exception_ptr> outcome;
    database->submit_write([](Repositories&) {},
                           [&](std::exception_ptr) {
                               try {
                                   database->shutdown();
                                   outcome.set_value(nullptr);
                               } catch (...) {
                                   outcome.set_value(std::current_exception());
                               }
                           });
    const std::exception_ptr error = outcome.get_future().get();
    ASSERT_NE(error, nullptr);
    EXPECT_THROW(std::rethrow_exception(error), std::logic_error);
}

TEST_F(DatabaseTest, DataSurvivesDestructionWithoutExplicitShutdown) {
    {
        auto database = open();
        write_and_wait(*database, [](Repositories& repositories) {
            repositories.chargers().insert("CP1", "kept", RegistrationStatus::Accepted, from_unix_millis(1));
        });
        for (int i = 0; i < 10; ++i) {
            database->submit_write(
                [i](Repositories& repositories) {
                    repositories.events().record_connection(connection_event("CP1", i));
                },
                nullptr);
        }
    }  // destroyed with jobs possibly still queued
    auto reopened = open();
    const auto charger = read_and_wait(
        *reopened, [](Repositories& repositories) { return repositories.chargers().find("CP1"); });
    ASSERT_TRUE(charger);
    EXPECT_EQ(charger->description, "kept");
    EXPECT_EQ(count_connections(*reopened, "CP1"), 10U);
}

TEST_F(DatabaseTest, RejectsOptionsThatCannotWork) {
    EXPECT_THROW(open_sqlite_database(SqliteOptions{.path = ""}), std::invalid_argument);
    EXPECT_THROW(open_sqlite_database(SqliteOptions{.path = ":memory:"}), std::invalid_argument);
    EXPECT_THROW(open_sqlite_database(SqliteOptions{.path = path_, .max_batch = 0}), std::invalid_argument);
    EXPECT_THROW(open_sqlite_database(SqliteOptions{.path = path_, .reader_threads = 0}),
                 std::invalid_argument);
}

}  // namespace
}  // namespace parkgrid::storage
