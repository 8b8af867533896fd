#include "job_queue.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>
#include <vector>

namespace parkgrid::storage {
namespace {

// The queue only moves jobs around; the completion is used here to tell them apart.
PendingJob numbered_job(int number, std::vector<int>& seen) {
    return PendingJob{nullptr, [number, &seen](std::exception_ptr) { seen.push_back(number); }};
}

void finish(std::vector<PendingJob>& batch) {
    for (PendingJob& job : batch) {
        job.done(nullptr);
    }
}

TEST(JobQueueTest, HandsOutQueuedJobsInBatchesOldestFirst) {
    JobQueue queue;
    std::vector<int> seen;
    for (int i = 0; i < 5; ++i) {
        PendingJob job = numbered_job(i, seen);
        ASSERT_TRUE(queue.push(job));
    }
    std::vector<PendingJob> first = queue.pop_batch(3);
    std::vector<PendingJob> second = queue.pop_batch(3);
    ASSERT_EQ(first.size(), 3U);
    ASSERT_EQ(second.size(), 2U);
    finish(first);
    finish(second);
    EXPECT_EQ(seen, (std::vector<int>{0, 1, 2, 3, 4}));
}

TEST(JobQueueTest, PopWaitsForAJob) {
    JobQueue queue;
    std::vector<int> seen;
    auto batch = std::async(std::launch::async, [&] { return queue.pop_batch(10); });
    EXPECT_EQ(batch.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
    PendingJob job = numbered_job(7, seen);
    ASSERT_TRUE(queue.push(job));
    std::vector<PendingJob> jobs = batch.get();
    ASSERT_EQ(jobs.size(), 1U);
    finish(jobs);
    EXPECT_EQ(seen, std::vector<int>{7});
}

TEST(JobQueueTest, ClosedQueueRefusesNewJobsButHandsOutQueuedOnes) {
    JobQueue queue;
    std::vector<int> seen;
    PendingJob queued = numbered_job(1, seen);
    ASSERT_TRUE(queue.push(queued));
    queue.close();

    PendingJob late = numbered_job(2, seen);
    EXPECT_FALSE(queue.push(late));
    ASSERT_TRUE(late.done) << "a refused job stays with the caller";

    std::vector<PendingJob> batch = queue.pop_batch(10);
    ASSERT_EQ(batch.size(), 1U);
    EXPECT_TRUE(queue.pop_batch(10).empty()) << "closed and drained";
}

TEST(JobQueueTest, CloseWakesWaitingConsumers) {
    JobQueue queue;
    auto batch = std::async(std::launch::async, [&] { return queue.pop_batch(10); });
    queue.close();
    EXPECT_TRUE(batch.get().empty());
}

using namespace std::chrono_literals;

// Jobs arriving back to back, each taken at once: afterwards the queue has seen a high rate.
void arrive_fast(JobQueue& queue, std::vector<int>& seen) {
    for (int i = 0; i < 32; ++i) {
        PendingJob job = numbered_job(i, seen);
        ASSERT_TRUE(queue.push(job));
        std::vector<PendingJob> batch = queue.pop_batch(10);
        finish(batch);
    }
}

TEST(JobQueueTest, AShortBatchWaitsForCompanyWhileJobsArriveFast) {
    JobQueue queue;
    std::vector<int> seen;
    arrive_fast(queue, seen);
    auto batch = std::async(std::launch::async, [&] { return queue.pop_batch(10, 10s); });
    PendingJob first = numbered_job(100, seen);
    ASSERT_TRUE(queue.push(first));
    std::this_thread::sleep_for(50ms);
    PendingJob second = numbered_job(101, seen);
    ASSERT_TRUE(queue.push(second));
    EXPECT_EQ(batch.wait_for(100ms), std::future_status::timeout) << "the window is not over";
    queue.close();  // ends the wait; without it the batch would be taken 10 s after the first job
    EXPECT_EQ(batch.get().size(), 2U);
}

TEST(JobQueueTest, GatheringEndsWhenTheBatchIsFull) {
    JobQueue queue;
    std::vector<int> seen;
    arrive_fast(queue, seen);
    auto batch = std::async(std::launch::async, [&] { return queue.pop_batch(3, 60s); });
    for (int i = 0; i < 3; ++i) {
        PendingJob job = numbered_job(i, seen);
        ASSERT_TRUE(queue.push(job));
    }
    ASSERT_EQ(batch.wait_for(10s), std::future_status::ready);
    EXPECT_EQ(batch.get().size(), 3U);
}

TEST(JobQueueTest, NothingWaitsWhileJobsArriveSlowly) {
    JobQueue queue;  // has seen no jobs: counts as one a second
    std::vector<int> seen;
    PendingJob job = numbered_job(1, seen);
    ASSERT_TRUE(queue.push(job));
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(queue.pop_batch(10, 900ms).size(), 1U);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 600ms);
}

TEST(JobQueueTest, AJobThatHasWaitedLongerThanTheWindowIsNotHeldBack) {
    JobQueue queue;
    std::vector<int> seen;
    arrive_fast(queue, seen);
    PendingJob job = numbered_job(1, seen);
    ASSERT_TRUE(queue.push(job));
    std::this_thread::sleep_for(300ms);  // the writer was busy committing
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(queue.pop_batch(10, 200ms).size(), 1U);
    EXPECT_LT(std::chrono::steady_clock::now() - started, 150ms);
}

}  // namespace
}  // namespace parkgrid::storage
