#include "sqlite_local_list_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

LocalListEntry entry(std::string id_tag, std::string status = "Accepted") {
    return LocalListEntry{std::move(id_tag), std::move(status), std::nullopt, std::nullopt};
}

LocalListUpdate update_of(bool full, std::vector<LocalListEntry> changed,
                          std::vector<std::string> removed = {}) {
    LocalListUpdate update;
    update.full = full;
    update.changed = std::move(changed);
    update.removed = std::move(removed);
    return update;
}

class LocalListRepositoryTest : public testing::RepositoryTest {
protected:
    LocalListRepositoryTest() {
        add_charger("CP-1");
        add_charger("CP-2");
    }

    LocalListRepository& lists() { return repositories_.local_lists(); }
};

TEST_F(LocalListRepositoryTest, AFullUpdateReplacesTheChargersListOnly) {
    lists().apply("CP-1", 1, update_of(true, {entry("A"), entry("B")}), at_millis(10));
    lists().apply("CP-2", 1, update_of(true, {entry("A")}), at_millis(10));
    auto full = update_of(true, {entry("C", "Blocked")});
    full.changed[0].expiry_date = at_millis(99);
    full.changed[0].parent_id_tag = "FLEET";
    lists().apply("CP-1", 2, full, at_millis(20));

    EXPECT_EQ(lists().entries("CP-1"), full.changed);
    EXPECT_EQ(lists().entries("CP-2"), std::vector{entry("A")});
    const auto state = lists().state("CP-1");
    ASSERT_TRUE(state);
    EXPECT_EQ(state->version, 2);
    EXPECT_TRUE(state->supported);
    EXPECT_EQ(state->synced_at, at_millis(20));
}

TEST_F(LocalListRepositoryTest, ADifferentialUpdateWritesOnlyWhatItChanges) {
    lists().apply("CP-1", 1, update_of(true, {entry("A"), entry("B"), entry("C")}), at_millis(10));
    // Id tags match without regard to case, as chargers match cards: "b" is the entry "B".
    lists().apply("CP-1", 2, update_of(false, {entry("b", "Blocked"), entry("D")}, {"c"}), at_millis(20));
    EXPECT_EQ(lists().entries("CP-1"), (std::vector{entry("A"), entry("b", "Blocked"), entry("D")}));
    EXPECT_EQ(lists().state("CP-1")->version, 2);
    EXPECT_EQ(count_rows("local_list_entries"), 3);
}

TEST_F(LocalListRepositoryTest, AcceptingAListMakesAChargerSupportOneAgain) {
    lists().mark_unsupported("CP-1", at_millis(10));
    EXPECT_FALSE(lists().state("CP-1")->supported);
    lists().apply("CP-1", 3, update_of(true, {}), at_millis(20));
    EXPECT_TRUE(lists().state("CP-1")->supported);
    EXPECT_EQ(lists().state("CP-1")->version, 3);
    EXPECT_TRUE(lists().entries("CP-1").empty());
    EXPECT_FALSE(lists().state("CP-2"));
}

}  // namespace
}  // namespace parkgrid::storage
