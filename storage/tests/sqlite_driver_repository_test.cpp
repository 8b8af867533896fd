#include "sqlite_driver_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class DriverRepositoryTest : public testing::OrganisationTest {
protected:
    DriverRepositoryTest()
        : a_(add_institution("A", kCreditCodes[0])), b_(add_institution("B", kCreditCodes[1])) {}

    DriverRepository& drivers() { return repositories_.drivers(); }
    std::vector<std::int64_t> query_ids(const DriverFilter& filter) {
        return ids_of(drivers().query(filter));
    }

    std::int64_t a_;
    std::int64_t b_;
};

TEST_F(DriverRepositoryTest, InsertsAndFindsWithEveryField) {
    const auto department = add_department(a_, "Fleet");
    auto record = driver(a_, "张伟", "E-001");
    record.department_id = department;
    record.phone = "+86 138 0000 0000";
    record.created_at = at_millis(10);
    record.updated_at = at_millis(20);
    const auto id = drivers().insert(record);
    ASSERT_TRUE(id);
    const auto found = drivers().find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->department_id, department);
    EXPECT_EQ(found->name, "张伟");
    EXPECT_EQ(found->employee_number, "E-001");
    EXPECT_EQ(found->phone, "+86 138 0000 0000");
    EXPECT_EQ(found->created_at, at_millis(10));
    EXPECT_EQ(found->updated_at, at_millis(20));
}

TEST_F(DriverRepositoryTest, EmployeeNumberIsUniqueWithinTheInstitution) {
    ASSERT_TRUE(drivers().insert(driver(a_, "Li", "E-001")));
    EXPECT_FALSE(drivers().insert(driver(a_, "Wang", "E-001")));
    EXPECT_TRUE(drivers().insert(driver(b_, "Zhao", "E-001"))) << "another institution";
    EXPECT_TRUE(drivers().insert(driver(a_, "Sun")));
    EXPECT_TRUE(drivers().insert(driver(a_, "Zhou"))) << "drivers without number do not collide";
}

TEST_F(DriverRepositoryTest, TheDepartmentMustBelongToTheSameInstitution) {
    auto record = driver(a_, "Li");
    record.department_id = add_department(b_, "Fleet B");
    EXPECT_THROW(drivers().insert(record), sqlite::SqliteError);
}

TEST_F(DriverRepositoryTest, UpdatesEverythingButTheInstitution) {
    const auto id = *drivers().insert(driver(a_, "Li", "E-001"));
    ASSERT_TRUE(drivers().insert(driver(a_, "Wang", "E-002")));
    auto record = *drivers().find(id);
    record.name = "Li Na";
    record.employee_number = std::nullopt;
    record.phone = "010-6000 0000";
    record.institution_id = b_;  // ignored
    record.updated_at = at_millis(300);
    EXPECT_EQ(drivers().update(record), UpdateResult::Updated);
    const auto found = drivers().find(id);
    EXPECT_EQ(found->name, "Li Na");
    EXPECT_FALSE(found->employee_number);
    EXPECT_EQ(found->phone, "010-6000 0000");
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->updated_at, at_millis(300));
    record.employee_number = "E-002";
    EXPECT_EQ(drivers().update(record), UpdateResult::Duplicate);
    record.id = id + 100;
    record.employee_number = std::nullopt;
    EXPECT_EQ(drivers().update(record), UpdateResult::NotFound);
}

TEST_F(DriverRepositoryTest, QueriesByScopeInstitutionDepartmentAndText) {
    const auto department = add_department(a_, "Fleet");
    const auto a1 = add_driver(a_, "Wang", department);
    const auto a2 = *drivers().insert(driver(a_, "Li", "E-77"));
    const auto b1 = add_driver(b_, "Zhao");
    EXPECT_EQ(query_ids({}), (std::vector<std::int64_t>{a2, a1, b1}));
    EXPECT_EQ(query_ids({.scope = std::vector<std::int64_t>{a_}}), (std::vector<std::int64_t>{a2, a1}));
    EXPECT_EQ(query_ids({.institution_id = b_}), (std::vector<std::int64_t>{b1}));
    EXPECT_EQ(query_ids({.department_id = department}), (std::vector<std::int64_t>{a1}));
    EXPECT_EQ(query_ids({.text = "e-77"}), (std::vector<std::int64_t>{a2})) << "employee number";
    EXPECT_EQ(query_ids({.text = "zha"}), (std::vector<std::int64_t>{b1})) << "name";
    const auto page = drivers().query({.limit = 2, .offset = 1});
    EXPECT_EQ(ids_of(page), (std::vector<std::int64_t>{a1, b1}));
    EXPECT_EQ(page.total, 3U);
}

TEST_F(DriverRepositoryTest, RemovingADriverUnlinksItsIdTags) {
    const auto id = add_driver(a_, "Li");
    auto tag = id_tag("CARD-1", a_);
    tag.driver_id = id;
    ASSERT_TRUE(repositories_.id_tags().insert(tag));
    EXPECT_EQ(drivers().remove(id), RemoveResult::Removed);
    EXPECT_FALSE(repositories_.id_tags().find("CARD-1")->driver_id);
    EXPECT_EQ(drivers().remove(id), RemoveResult::NotFound);
}

}  // namespace
}  // namespace parkgrid::storage
