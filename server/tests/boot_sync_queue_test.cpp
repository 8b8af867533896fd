#include "parkgrid/server/boot_sync_queue.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace parkgrid::server {
namespace {

class BootSyncQueueTest : public ::testing::Test {
protected:
    boost::asio::io_context io_;
    std::set<std::string> connected_{"CP1", "CP2", "CP3", "CP4", "CP5"};
    BootSyncQueue queue_{io_.get_executor(), 2,
                         [this](const std::string& charger_id) { return connected_.contains(charger_id); }};
    std::vector<int> started_;
    std::vector<BootSyncQueue::Finished> running_;

    void post(int number) {
        queue_.post("CP" + std::to_string(number), [this, number](BootSyncQueue::Finished finished) {
            started_.push_back(number);
            running_.push_back(std::move(finished));
        });
    }

    void settle() {
        io_.restart();
        io_.poll();
    }
};

TEST_F(BootSyncQueueTest, RunsAtMostItsConcurrencyOldestFirst) {
    for (int i = 1; i <= 5; ++i) {
        post(i);
    }
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2}));
    EXPECT_EQ(queue_.running(), 2U);
    EXPECT_EQ(queue_.waiting(), 3U);

    running_[1]();  // the second ends first: the third takes its place
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 3}));

    running_[0]();
    running_[2]();
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 3, 4, 5}));
    EXPECT_EQ(queue_.waiting(), 0U);
}

TEST_F(BootSyncQueueTest, AChargersTasksRunOneAfterAnotherInTheOrderPosted) {
    post(1);
    post(1);
    post(2);
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2}))
        << "CP2 passes CP1's second task, which waits for its first";
    running_[1]();  // CP2's ends: a slot is free, but CP1's second task still waits
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2}));
    EXPECT_EQ(queue_.waiting(), 1U);
    running_[0]();
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 1}));
    EXPECT_EQ(queue_.waiting(), 0U);
}

TEST_F(BootSyncQueueTest, ATaskMayFinishFromAnotherThread) {
    post(1);
    post(2);
    post(3);
    settle();
    std::thread storage_thread([finished = running_[0]] { finished(); });
    storage_thread.join();
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 3}));
}

TEST_F(BootSyncQueueTest, FinishingTwiceFreesOneSlot) {
    for (int i = 1; i <= 4; ++i) {
        post(i);
    }
    settle();
    running_[0]();
    running_[0]();
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 3}));
}

TEST_F(BootSyncQueueTest, ATaskThatThrowsFreesItsSlot) {
    queue_.post("CP1", [](const BootSyncQueue::Finished&) { throw std::runtime_error("no charger"); });
    queue_.post("CP2", [](const BootSyncQueue::Finished&) { throw std::runtime_error("no charger"); });
    post(3);
    settle();
    EXPECT_EQ(started_, (std::vector<int>{3}));
}

TEST_F(BootSyncQueueTest, SkipsChargersThatAreGoneByTheirTurn) {
    for (int i = 1; i <= 4; ++i) {
        post(i);
    }
    connected_.erase("CP3");
    settle();
    running_[0]();
    settle();
    EXPECT_EQ(started_, (std::vector<int>{1, 2, 4}));
}

}  // namespace
}  // namespace parkgrid::server
