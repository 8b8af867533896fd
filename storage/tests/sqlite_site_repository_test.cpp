#include "sqlite_site_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class SiteRepositoryTest : public testing::OrganisationTest {
protected:
    SiteRepositoryTest()
        : a_(add_institution("A", kCreditCodes[0])), b_(add_institution("B", kCreditCodes[1])) {}

    SiteRepository& sites() { return repositories_.sites(); }
    std::vector<std::int64_t> query_ids(const SiteFilter& filter) { return ids_of(sites().query(filter)); }

    std::int64_t a_;
    std::int64_t b_;
};

TEST_F(SiteRepositoryTest, InsertsAndFindsWithEveryField) {
    SiteRecord site;
    site.institution_id = a_;
    site.name = "地下车库 B1";
    site.address = "北京市西城区三里河路 1 号";
    site.time_zone = "Asia/Urumqi";
    site.created_at = at_millis(10);
    site.updated_at = at_millis(20);
    const auto id = sites().insert(site);
    ASSERT_TRUE(id);
    const auto found = sites().find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->name, "地下车库 B1");
    EXPECT_EQ(found->address, "北京市西城区三里河路 1 号");
    EXPECT_EQ(found->time_zone, "Asia/Urumqi");
    EXPECT_EQ(found->created_at, at_millis(10));
    EXPECT_EQ(found->updated_at, at_millis(20));
    EXPECT_FALSE(sites().find(*id + 1));
}

TEST_F(SiteRepositoryTest, NameIsUniqueWithinTheInstitutionOnly) {
    add_site(a_, "Garage");
    SiteRecord same;
    same.institution_id = a_;
    same.name = "Garage";
    EXPECT_FALSE(sites().insert(same));
    same.institution_id = b_;
    EXPECT_TRUE(sites().insert(same));
}

TEST_F(SiteRepositoryTest, UnknownInstitutionIsRefused) {
    SiteRecord site;
    site.institution_id = 999;
    site.name = "Nowhere";
    EXPECT_THROW(sites().insert(site), sqlite::SqliteError);
}

TEST_F(SiteRepositoryTest, UpdatesNameAddressAndTimeZoneButNotTheInstitution) {
    const auto id = add_site(a_, "Garage");
    const auto other = add_site(a_, "Yard");
    auto site = *sites().find(id);
    site.name = "Garage North";
    site.address = "Gate 2";
    site.time_zone = "Asia/Harbin";
    site.institution_id = b_;  // ignored: an object's institution never changes
    site.updated_at = at_millis(700);
    EXPECT_EQ(sites().update(site), UpdateResult::Updated);
    const auto found = sites().find(id);
    EXPECT_EQ(found->name, "Garage North");
    EXPECT_EQ(found->address, "Gate 2");
    EXPECT_EQ(found->time_zone, "Asia/Harbin");
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->updated_at, at_millis(700));

    site.name = "Yard";
    EXPECT_EQ(sites().update(site), UpdateResult::Duplicate);
    EXPECT_EQ(sites().find(id)->name, "Garage North");
    site.id = other + 10;
    site.name = "Elsewhere";
    EXPECT_EQ(sites().update(site), UpdateResult::NotFound);

    EXPECT_THROW(connection_.execute_script("UPDATE sites SET institution_id = " + std::to_string(b_)),
                 sqlite::SqliteError)
        << "the schema refuses to move a site to another institution";
}

TEST_F(SiteRepositoryTest, QueriesByScopeInstitutionAndTextWithPagingAndTotal) {
    const auto a1 = add_site(a_, "East garage");
    const auto a2 = add_site(a_, "West garage");
    const auto b1 = add_site(b_, "Main yard");
    EXPECT_EQ(query_ids({}), (std::vector<std::int64_t>{a1, b1, a2}));
    EXPECT_EQ(query_ids({.scope = std::vector<std::int64_t>{b_}}), (std::vector<std::int64_t>{b1}));
    EXPECT_EQ(query_ids({.institution_id = a_}), (std::vector<std::int64_t>{a1, a2}));
    EXPECT_TRUE(query_ids({.scope = std::vector<std::int64_t>{b_}, .institution_id = a_}).empty())
        << "a filter cannot reach outside the scope";
    EXPECT_EQ(query_ids({.text = "GARAGE"}), (std::vector<std::int64_t>{a1, a2}));
    const auto page = sites().query({.limit = 1, .offset = 1});
    EXPECT_EQ(ids_of(page), (std::vector<std::int64_t>{b1}));
    EXPECT_EQ(page.total, 3U);
    EXPECT_EQ(sites().query({.institution_id = a_, .limit = 1}).total, 2U);
}

TEST_F(SiteRepositoryTest, ASiteWithChargersCannotBeRemoved) {
    const auto id = add_site(a_, "Garage");
    add_charger("CP1");
    ASSERT_TRUE(repositories_.chargers().set_site("CP1", id));
    const auto dependents = sites().dependents(id);
    ASSERT_EQ(dependents.size(), 1U);
    EXPECT_EQ(dependents[0].kind, "chargers");
    EXPECT_EQ(dependents[0].count, 1);
    EXPECT_EQ(sites().remove(id), RemoveResult::StillReferenced);

    ASSERT_TRUE(repositories_.chargers().set_site("CP1", std::nullopt));
    EXPECT_TRUE(sites().dependents(id).empty());
    EXPECT_EQ(sites().remove(id), RemoveResult::Removed);
    EXPECT_EQ(sites().remove(id), RemoveResult::NotFound);
}

}  // namespace
}  // namespace parkgrid::storage
