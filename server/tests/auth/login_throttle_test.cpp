#include "auth/login_throttle.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::auth {
namespace {

using namespace std::chrono_literals;

class LoginThrottleTest : public ::testing::Test {
protected:
    std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
    LoginThrottle throttle_{
        {.max_failures = 5, .window = 15min}, {.max_failures = 8, .window = 15min}, [this] { return now_; }};
};

TEST_F(LoginThrottleTest, RefusesAfterFiveFailuresUntilTheWindowPasses) {
    for (int i = 0; i < 5; ++i) {
        EXPECT_FALSE(throttle_.refusal("li.na", "192.0.2.1")) << i;
        throttle_.record_failure("li.na", "192.0.2.1");
        now_ += 10s;
    }
    // The first failure was 50 s ago: it leaves the window in 14 min 10 s.
    EXPECT_EQ(throttle_.refusal("li.na", "192.0.2.9"), std::chrono::seconds(850)) << "from any address";
    now_ += 850s - 1ms;
    EXPECT_EQ(throttle_.refusal("li.na", "192.0.2.9"), 1s) << "rounded up";
    now_ += 1ms;
    EXPECT_FALSE(throttle_.refusal("li.na", "192.0.2.9")) << "one failure has aged out";
    throttle_.record_failure("li.na", "192.0.2.9");
    EXPECT_EQ(throttle_.refusal("li.na", "192.0.2.9"), 10s) << "the next oldest leaves 10 s later";
}

TEST_F(LoginThrottleTest, UsernamesAreCaseInsensitiveAndIndependent) {
    for (int i = 0; i < 5; ++i) {
        throttle_.record_failure(i % 2 ? "LI.NA" : "li.na", "192.0.2." + std::to_string(i));
    }
    EXPECT_TRUE(throttle_.refusal("Li.Na", "198.51.100.1"));
    EXPECT_FALSE(throttle_.refusal("wang", "198.51.100.1"));
}

TEST_F(LoginThrottleTest, SuccessClearsTheUsernameButNotTheAddress) {
    for (int i = 0; i < 4; ++i) {
        throttle_.record_failure("li.na", "192.0.2.1");
    }
    throttle_.record_success("LI.NA");
    for (int i = 0; i < 4; ++i) {
        throttle_.record_failure("li.na", "192.0.2.1");
    }
    EXPECT_FALSE(throttle_.refusal("li.na", "192.0.2.2")) << "4 failures since the success";
    EXPECT_TRUE(throttle_.refusal("someone.else", "192.0.2.1")) << "8 failures from this address";
}

TEST_F(LoginThrottleTest, RefusesAnAddressTryingManyUsernames) {
    for (int i = 0; i < 8; ++i) {
        throttle_.record_failure("user" + std::to_string(i), "203.0.113.5");
    }
    EXPECT_EQ(throttle_.refusal("user99", "203.0.113.5"), 15min);
    EXPECT_FALSE(throttle_.refusal("user99", "203.0.113.6"));
}

TEST_F(LoginThrottleTest, ForgetsOldEntriesOnceManyAreTracked) {
    for (int i = 0; i < 10'000; ++i) {
        throttle_.record_failure("user" + std::to_string(i), "192.0.2.1");
    }
    EXPECT_EQ(throttle_.tracked(), 10'001U);
    now_ += 16min;
    throttle_.record_failure("late", "192.0.2.2");
    EXPECT_LE(throttle_.tracked(), 4U) << "aged-out entries were swept";
}

TEST(HostOfTest, StripsThePort) {
    EXPECT_EQ(host_of("192.0.2.1:5000"), "192.0.2.1");
    EXPECT_EQ(host_of("[2001:db8::1]:5000"), "[2001:db8::1]");
    EXPECT_EQ(host_of("2001:db8::1"), "2001:db8::1");
    EXPECT_EQ(host_of("unknown"), "unknown");
}

}  // namespace
}  // namespace parkgrid::server::auth
