#include "sqlite_department_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class DepartmentRepositoryTest : public testing::OrganisationTest {
protected:
    DepartmentRepositoryTest()
        : a_(add_institution("A", kCreditCodes[0])), b_(add_institution("B", kCreditCodes[1])) {}

    DepartmentRepository& departments() { return repositories_.departments(); }
    std::vector<std::int64_t> query_ids(const DepartmentFilter& filter) {
        return ids_of(departments().query(filter));
    }

    std::int64_t a_;
    std::int64_t b_;
};

TEST_F(DepartmentRepositoryTest, InsertsAndFindsWithEveryField) {
    const auto parent = add_department(a_, "Fleet");
    DepartmentRecord department;
    department.institution_id = a_;
    department.parent_id = parent;
    department.name = "机要车队";
    department.created_at = at_millis(10);
    department.updated_at = at_millis(20);
    const auto id = departments().insert(department);
    const auto found = departments().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->parent_id, parent);
    EXPECT_EQ(found->name, "机要车队");
    EXPECT_EQ(found->created_at, at_millis(10));
    EXPECT_EQ(found->updated_at, at_millis(20));
    EXPECT_FALSE(departments().find(id + 1));
}

TEST_F(DepartmentRepositoryTest, TheParentMustBelongToTheSameInstitution) {
    const auto parent_in_b = add_department(b_, "Fleet B");
    DepartmentRecord department;
    department.institution_id = a_;
    department.parent_id = parent_in_b;
    department.name = "Child";
    EXPECT_THROW(departments().insert(department), sqlite::SqliteError);

    const auto child = add_department(a_, "Child");
    auto moved = *departments().find(child);
    moved.parent_id = parent_in_b;
    EXPECT_THROW(departments().update(moved), sqlite::SqliteError);
    moved.parent_id = child;
    EXPECT_THROW(departments().update(moved), sqlite::SqliteError) << "a department is not its own parent";
    EXPECT_FALSE(departments().find(child)->parent_id);
}

TEST_F(DepartmentRepositoryTest, UpdatesNameAndParent) {
    const auto fleet = add_department(a_, "Fleet");
    const auto id = add_department(a_, "Drivers");
    auto department = *departments().find(id);
    department.name = "Duty drivers";
    department.parent_id = fleet;
    department.updated_at = at_millis(900);
    EXPECT_TRUE(departments().update(department));
    EXPECT_EQ(departments().find(id)->name, "Duty drivers");
    EXPECT_EQ(departments().find(id)->parent_id, fleet);
    EXPECT_EQ(departments().find(id)->updated_at, at_millis(900));
    department.id = id + 100;
    EXPECT_FALSE(departments().update(department));
}

TEST_F(DepartmentRepositoryTest, QueriesByScopeInstitutionParentAndText) {
    const auto fleet = add_department(a_, "Fleet");
    const auto pool = add_department(a_, "Car pool", fleet);
    const auto other = add_department(b_, "Fleet B");
    EXPECT_EQ(query_ids({}), (std::vector<std::int64_t>{pool, fleet, other}));
    EXPECT_EQ(query_ids({.scope = std::vector<std::int64_t>{a_}}), (std::vector<std::int64_t>{pool, fleet}));
    EXPECT_EQ(query_ids({.institution_id = b_}), (std::vector<std::int64_t>{other}));
    EXPECT_EQ(query_ids({.parent_id = fleet}), (std::vector<std::int64_t>{pool}));
    EXPECT_EQ(query_ids({.text = "fleet"}), (std::vector<std::int64_t>{fleet, other}));
    const auto page = departments().query({.limit = 2, .offset = 2});
    EXPECT_EQ(ids_of(page), (std::vector<std::int64_t>{other}));
    EXPECT_EQ(page.total, 3U);
}

TEST_F(DepartmentRepositoryTest, ADepartmentStillUsedCannotBeRemoved) {
    const auto fleet = add_department(a_, "Fleet");
    const auto pool = add_department(a_, "Car pool", fleet);
    const auto vehicle = add_vehicle(a_, "京A00001", pool);
    const auto driver = add_driver(a_, "Wang", pool);

    auto dependents = departments().dependents(pool);
    ASSERT_EQ(dependents.size(), 2U);
    EXPECT_EQ(dependents[0].kind, "vehicles");
    EXPECT_EQ(dependents[1].kind, "drivers");
    EXPECT_EQ(departments().remove(pool), RemoveResult::StillReferenced);
    dependents = departments().dependents(fleet);
    ASSERT_EQ(dependents.size(), 1U);
    EXPECT_EQ(dependents[0].kind, "sub-departments");
    EXPECT_EQ(departments().remove(fleet), RemoveResult::StillReferenced);

    ASSERT_EQ(repositories_.vehicles().remove(vehicle), RemoveResult::Removed);
    ASSERT_EQ(repositories_.drivers().remove(driver), RemoveResult::Removed);
    EXPECT_EQ(departments().remove(pool), RemoveResult::Removed);
    EXPECT_EQ(departments().remove(fleet), RemoveResult::Removed);
    EXPECT_EQ(departments().remove(fleet), RemoveResult::NotFound);
}

}  // namespace
}  // namespace parkgrid::storage
