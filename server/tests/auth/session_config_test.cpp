#include <gtest/gtest.h>

#include "auth/session_policy.hpp"
#include "parkgrid/server/config.hpp"

namespace parkgrid::server {
namespace {

using namespace std::chrono_literals;

TEST(SessionConfigTest, DefaultsAndFlags) {
    const auto defaults = parse_config({});
    EXPECT_EQ(defaults->session_idle_timeout, 12h);
    EXPECT_EQ(defaults->session_lifetime, 168h);
    const auto config = parse_config({"--session-idle-timeout", "600", "--session-lifetime=3600"});
    EXPECT_EQ(config->session_idle_timeout, 600s);
    EXPECT_EQ(config->session_lifetime, 3600s);
    EXPECT_THROW(parse_config({"--session-idle-timeout", "0"}), ConfigError);
    EXPECT_THROW(parse_config({"--session-lifetime", "soon"}), ConfigError);
}

TEST(SessionConfigTest, UseIsRecordedOftenEnoughForTheIdleTimeout) {
    EXPECT_EQ((auth::SessionPolicy{.idle_timeout = 12h}.touch_interval()), 1min);
    EXPECT_EQ((auth::SessionPolicy{.idle_timeout = 2s}.touch_interval()), 200ms);
}

}  // namespace
}  // namespace parkgrid::server
