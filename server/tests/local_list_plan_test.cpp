#include "parkgrid/server/local_list_plan.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

storage::LocalListEntry entry(std::string id_tag, std::string status = "Accepted") {
    return storage::LocalListEntry{std::move(id_tag), std::move(status), std::nullopt, std::nullopt};
}

TEST(LocalListPlanTest, UnknownChargerListGetsEverythingAsFull) {
    const auto update = plan_local_list({entry("A"), entry("B")}, std::nullopt);
    EXPECT_TRUE(update.full);
    EXPECT_EQ(update.changed.size(), 2u);
    EXPECT_TRUE(update.removed.empty());
}

TEST(LocalListPlanTest, DifferentialCarriesOnlyChangesAndRemovals) {
    const auto update = plan_local_list({entry("A", "Blocked"), entry("B"), entry("D")},
                                        std::vector{entry("A"), entry("b"), entry("C")});
    EXPECT_FALSE(update.full);
    ASSERT_EQ(update.changed.size(), 3u);  // A changed status; "B" vs "b" differ in spelling; D is new
    EXPECT_EQ(update.changed[0].id_tag, "A");
    EXPECT_EQ(update.changed[2].id_tag, "D");
    EXPECT_EQ(update.removed, std::vector<std::string>{"C"});
}

TEST(LocalListPlanTest, NothingToSendWhenTheListsAgree) {
    EXPECT_TRUE(plan_local_list({entry("A")}, std::vector{entry("A")}).empty());
    EXPECT_FALSE(plan_local_list({}, std::vector<storage::LocalListEntry>{}).full);
    EXPECT_TRUE(plan_local_list({}, std::vector<storage::LocalListEntry>{}).empty());
}

TEST(LocalListPlanTest, ExpiredTagsAreListedAsExpired) {
    const auto now = storage::from_unix_millis(1'000'000);
    auto old = entry("OLD");
    old.expiry_date = storage::from_unix_millis(999'999);
    auto future = entry("NEW");
    future.expiry_date = storage::from_unix_millis(2'000'000);
    const auto entries = local_list_entries({old, future, entry("BLOCKED", "Blocked")}, now);
    EXPECT_EQ(entries[0].status, "Expired");
    EXPECT_EQ(entries[1].status, "Accepted");
    EXPECT_EQ(entries[2].status, "Blocked");
}

}  // namespace
}  // namespace parkgrid::server
