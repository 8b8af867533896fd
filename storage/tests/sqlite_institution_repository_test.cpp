#include "sqlite_institution_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class InstitutionRepositoryTest : public testing::OrganisationTest {
protected:
    InstitutionRepository& institutions() { return repositories_.institutions(); }

    std::vector<std::int64_t> query_ids(const InstitutionFilter& filter) {
        return ids_of(institutions().query(filter));
    }
};

TEST_F(InstitutionRepositoryTest, InsertsAndFindsWithEveryField) {
    auto record = institution("国家机关事务管理局", kCreditCodes[2]);
    record.type = "public_institution";
    record.sector = "health";
    record.region = "110000";
    const auto id = institutions().insert(record);
    ASSERT_TRUE(id);
    const auto found = institutions().find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->name, "国家机关事务管理局");
    EXPECT_EQ(found->unified_social_credit_code, kCreditCodes[2]);
    EXPECT_EQ(found->type, "public_institution");
    EXPECT_EQ(found->sector, "health");
    EXPECT_EQ(found->region, "110000");
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(100));
    EXPECT_FALSE(institutions().find(*id + 1));
}

TEST_F(InstitutionRepositoryTest, CreditCodeIsUnique) {
    ASSERT_TRUE(institutions().insert(institution("A", kCreditCodes[0])));
    EXPECT_FALSE(institutions().insert(institution("B", kCreditCodes[0])));
    EXPECT_EQ(count_rows("institutions"), 1);
}

TEST_F(InstitutionRepositoryTest, SchemaRefusesASectorOutsidePublicInstitutionsAndUnknownTypes) {
    auto public_without_sector = institution("A", kCreditCodes[0]);
    public_without_sector.type = "public_institution";
    EXPECT_THROW(institutions().insert(public_without_sector), sqlite::SqliteError);
    auto organ_with_sector = institution("A", kCreditCodes[0]);
    organ_with_sector.sector = "education";
    EXPECT_THROW(institutions().insert(organ_with_sector), sqlite::SqliteError);
    auto unknown_type = institution("A", kCreditCodes[0]);
    unknown_type.type = "company";
    EXPECT_THROW(institutions().insert(unknown_type), sqlite::SqliteError);
    auto short_code = institution("A", "1111");
    EXPECT_THROW(institutions().insert(short_code), sqlite::SqliteError);
    EXPECT_EQ(count_rows("institutions"), 0);
}

TEST_F(InstitutionRepositoryTest, UpdatesEveryFieldButCreation) {
    const auto id = add_institution("A", kCreditCodes[0]);
    const auto other = add_institution("B", kCreditCodes[1]);
    auto changed = institution("A2", kCreditCodes[2]);
    changed.id = id;
    changed.type = "public_institution";
    changed.sector = "education";
    changed.region = "Beijing";
    changed.created_at = at_millis(999);
    changed.updated_at = at_millis(500);
    EXPECT_EQ(institutions().update(changed), UpdateResult::Updated);
    const auto found = institutions().find(id);
    EXPECT_EQ(found->name, "A2");
    EXPECT_EQ(found->unified_social_credit_code, kCreditCodes[2]);
    EXPECT_EQ(found->sector, "education");
    EXPECT_EQ(found->region, "Beijing");
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(500));

    changed.unified_social_credit_code = kCreditCodes[1];  // B's
    EXPECT_EQ(institutions().update(changed), UpdateResult::Duplicate);
    EXPECT_EQ(institutions().find(id)->unified_social_credit_code, kCreditCodes[2]);
    EXPECT_EQ(institutions().find(other)->name, "B");

    changed.id = other + 100;
    changed.unified_social_credit_code = kCreditCodes[3];
    EXPECT_EQ(institutions().update(changed), UpdateResult::NotFound);
}

TEST_F(InstitutionRepositoryTest, QueriesByScopeTypeSectorAndText) {
    const auto a = add_institution("Ministry of Water", kCreditCodes[0]);
    const auto b = add_institution("Bureau of Roads", kCreditCodes[1]);
    auto school = institution("No. 5 Middle School", kCreditCodes[2]);
    school.type = "public_institution";
    school.sector = "education";
    const auto c = *institutions().insert(school);

    EXPECT_EQ(query_ids({}), (std::vector<std::int64_t>{b, a, c})) << "by name";
    EXPECT_EQ(query_ids({.scope = std::vector<std::int64_t>{a, c}}), (std::vector<std::int64_t>{a, c}));
    EXPECT_TRUE(query_ids({.scope = std::vector<std::int64_t>{}}).empty()) << "an empty scope sees nothing";
    EXPECT_EQ(query_ids({.type = "public_institution"}), (std::vector<std::int64_t>{c}));
    EXPECT_EQ(query_ids({.sector = "education"}), (std::vector<std::int64_t>{c}));
    EXPECT_EQ(query_ids({.text = "ministry"}), (std::vector<std::int64_t>{a})) << "ASCII case is ignored";
    EXPECT_EQ(query_ids({.text = "MB00000022"}), (std::vector<std::int64_t>{b})) << "credit code";
    EXPECT_TRUE(query_ids({.scope = std::vector<std::int64_t>{b}, .text = "ministry"}).empty());
}

TEST_F(InstitutionRepositoryTest, PagesWithTotal) {
    for (int i = 0; i < 4; ++i) {
        add_institution("I" + std::to_string(i), kCreditCodes[i]);
    }
    const auto page = institutions().query({.limit = 2, .offset = 1});
    ASSERT_EQ(page.items.size(), 2U);
    EXPECT_EQ(page.items[0].name, "I1");
    EXPECT_EQ(page.items[1].name, "I2");
    EXPECT_EQ(page.total, 4U);
    const auto beyond = institutions().query({.limit = 2, .offset = 10});
    EXPECT_TRUE(beyond.items.empty());
    EXPECT_EQ(beyond.total, 4U);
    EXPECT_EQ(institutions().query({.scope = std::vector<std::int64_t>{1}, .limit = 1}).total, 1U);
}

TEST_F(InstitutionRepositoryTest, NamesDependentsAndRefusesToRemoveWhileReferenced) {
    const auto id = add_institution("A", kCreditCodes[0]);
    EXPECT_TRUE(institutions().dependents(id).empty());
    const auto site = add_site(id, "Garage");
    add_vehicle(id, "京A12345");
    add_vehicle(id, "京A12346");
    ASSERT_TRUE(repositories_.id_tags().insert(id_tag("T1", id)));

    const auto dependents = institutions().dependents(id);
    ASSERT_EQ(dependents.size(), 3U);
    EXPECT_EQ(dependents[0].kind, "sites");
    EXPECT_EQ(dependents[0].count, 1);
    EXPECT_EQ(dependents[1].kind, "vehicles");
    EXPECT_EQ(dependents[1].count, 2);
    EXPECT_EQ(dependents[2].kind, "id tags");
    EXPECT_EQ(institutions().remove(id), RemoveResult::StillReferenced);
    EXPECT_TRUE(institutions().find(id));

    ASSERT_EQ(repositories_.sites().remove(site), RemoveResult::Removed);
    connection_.execute_script("DELETE FROM vehicles; DELETE FROM id_tags;");
    EXPECT_EQ(institutions().remove(id), RemoveResult::Removed);
    EXPECT_EQ(institutions().remove(id), RemoveResult::NotFound);
}

TEST_F(InstitutionRepositoryTest, IdsAreNeverReused) {
    const auto first = add_institution("A", kCreditCodes[0]);
    ASSERT_EQ(institutions().remove(first), RemoveResult::Removed);
    EXPECT_GT(add_institution("B", kCreditCodes[1]), first);
}

}  // namespace
}  // namespace parkgrid::storage
