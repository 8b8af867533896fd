#include "parkgrid/server/local_list_plan.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

storage::LocalListEntry entry(std::string id_tag, std::string status = "Accepted") {
    return storage::LocalListEntry{std::move(id_tag), std::move(status), std::nullopt, std::nullopt};
}

storage::LocalListUpdate update_of(bool full, std::vector<storage::LocalListEntry> changed,
                                   std::vector<std::string> removed = {}) {
    storage::LocalListUpdate update;
    update.full = full;
    update.changed = std::move(changed);
    update.removed = std::move(removed);
    return update;
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

TEST(LocalListPlanTest, LimitsAreReadFromTheReportedConfiguration) {
    const auto key = [](std::string name, std::optional<std::string> value) {
        storage::ConfigurationKeyRecord record;
        record.key = std::move(name);
        record.value = std::move(value);
        return record;
    };
    const auto limits =
        local_list_limits({key("HeartbeatInterval", "300"), key("LocalAuthListMaxLength", "500"),
                           key("SendLocalListMaxLength", "50")});
    EXPECT_EQ(limits.max_entries, 500u);
    EXPECT_EQ(limits.max_per_message, 50u);
    // What is not a count is no limit: the list is sent as it is and the charger says what it thinks.
    for (const auto* odd : {"", "-1", "12 entries", "1e3", "99999999999999999999999"}) {
        EXPECT_FALSE(local_list_limits({key("LocalAuthListMaxLength", odd)}).max_entries) << odd;
    }
    EXPECT_FALSE(local_list_limits({key("SendLocalListMaxLength", std::nullopt)}).max_per_message);
    EXPECT_FALSE(local_list_limits({}).max_entries);
}

TEST(LocalListPlanTest, ACutListKeepsBlockedThenAcceptedEntriesInIdTagOrder) {
    std::vector<storage::LocalListEntry> entries{entry("A", "Expired"), entry("B"),
                                                 entry("C", "Blocked"), entry("D"),
                                                 entry("E", "Invalid"), entry("F", "Blocked")};
    auto cut = entries;
    EXPECT_EQ(fit_local_list(cut, 3), 3u);
    EXPECT_EQ(cut, (std::vector{entry("B"), entry("C", "Blocked"), entry("F", "Blocked")}));

    cut = entries;
    EXPECT_EQ(fit_local_list(cut, 5), 1u);
    EXPECT_EQ(cut, (std::vector{entry("A", "Expired"), entry("B"), entry("C", "Blocked"), entry("D"),
                                entry("F", "Blocked")}));

    cut = entries;
    EXPECT_EQ(fit_local_list(cut, 6), 0u);
    EXPECT_EQ(cut, entries);
    EXPECT_EQ(fit_local_list(cut, 0), 6u);
    EXPECT_TRUE(cut.empty());
}

TEST(LocalListPlanTest, AFullListTooLongForOneMessageGoesAsFullThenDifferentialParts) {
    const auto parts =
        split_local_list(update_of(true, {entry("A"), entry("B"), entry("C"), entry("D"), entry("E")}), 2);
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_TRUE(parts[0].full);
    EXPECT_EQ(parts[0].changed, (std::vector{entry("A"), entry("B")}));
    EXPECT_FALSE(parts[1].full);
    EXPECT_EQ(parts[1].changed, (std::vector{entry("C"), entry("D")}));
    EXPECT_FALSE(parts[2].full);
    EXPECT_EQ(parts[2].changed, std::vector{entry("E")});
}

TEST(LocalListPlanTest, ADifferentialUpdateIsSplitWithItsRemovalsLast) {
    const auto parts =
        split_local_list(update_of(false, {entry("A"), entry("B"), entry("C")}, {"X", "Y"}), 2);
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0].changed.size(), 2u);
    EXPECT_EQ(parts[1].changed, std::vector{entry("C")});
    EXPECT_EQ(parts[1].removed, std::vector<std::string>{"X"});
    EXPECT_EQ(parts[2].removed, std::vector<std::string>{"Y"});
    for (const auto& part : parts) {
        EXPECT_FALSE(part.full);
    }
}

TEST(LocalListPlanTest, SplittingSendsOneMessageWhenItFitsAndNoneForNoChange) {
    EXPECT_EQ(split_local_list(update_of(true, {entry("A")}), 2).size(), 1u);
    const auto empty_full = split_local_list(update_of(true, {}), 2);
    ASSERT_EQ(empty_full.size(), 1u) << "a Full empty list clears the charger's";
    EXPECT_TRUE(empty_full[0].full);
    EXPECT_TRUE(split_local_list(update_of(false, {}), 2).empty());
    EXPECT_EQ(split_local_list(update_of(false, {entry("A"), entry("B")}), 0).size(), 2u)
        << "a limit of 0 is taken as 1";
}

}  // namespace
}  // namespace parkgrid::server
