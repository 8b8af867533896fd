#include "connection_limiter.hpp"

#include <gtest/gtest.h>

#include "charger_auth/charger_key_cache.hpp"

namespace parkgrid::server {
namespace {

TEST(ConnectionLimiterTest, LimitsPerAddressAndInAllAndGivesPlacesBack) {
    const auto limiter = std::make_shared<ConnectionLimiter>(3, 2);
    auto a1 = limiter->try_acquire("10.0.0.1");
    auto a2 = limiter->try_acquire("10.0.0.1");
    ASSERT_TRUE(a1 && a2);
    EXPECT_FALSE(limiter->try_acquire("10.0.0.1")) << "per address";
    auto b1 = limiter->try_acquire("10.0.0.2");
    ASSERT_TRUE(b1);
    EXPECT_FALSE(limiter->try_acquire("10.0.0.3")) << "in all";
    EXPECT_EQ(limiter->open(), 3u);
    a1.reset();
    EXPECT_EQ(limiter->open(), 2u);
    EXPECT_TRUE(limiter->try_acquire("10.0.0.1"));
}

TEST(ConnectionLimiterTest, AMovedSlotIsCountedOnce) {
    const auto limiter = std::make_shared<ConnectionLimiter>(10, 10);
    auto slot = limiter->try_acquire("10.0.0.1");
    {
        const ConnectionSlot moved = std::move(*slot);
        EXPECT_EQ(limiter->open(), 1u);
    }
    EXPECT_EQ(limiter->open(), 0u);
    slot.reset();
    EXPECT_EQ(limiter->open(), 0u);
}

TEST(ChargerKeyCacheTest, MatchesOnlyTheRememberedKeyForTheSameStoredHash) {
    ChargerKeyCache cache;
    EXPECT_FALSE(cache.matches("CP-1", "hash-1", "key"));
    cache.remember("CP-1", "hash-1", "key");
    EXPECT_TRUE(cache.matches("CP-1", "hash-1", "key"));
    EXPECT_FALSE(cache.matches("CP-1", "hash-1", "other key"));
    EXPECT_FALSE(cache.matches("CP-1", "hash-2", "key")) << "the stored hash changed: rotated";
    EXPECT_FALSE(cache.matches("CP-2", "hash-1", "key"));
    cache.forget("CP-1");
    EXPECT_FALSE(cache.matches("CP-1", "hash-1", "key"));
}

}  // namespace
}  // namespace parkgrid::server
