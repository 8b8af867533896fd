#include "sqlite_vehicle_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class VehicleRepositoryTest : public testing::OrganisationTest {
protected:
    VehicleRepositoryTest()
        : a_(add_institution("A", kCreditCodes[0])), b_(add_institution("B", kCreditCodes[1])) {}

    VehicleRepository& vehicles() { return repositories_.vehicles(); }
    std::vector<std::int64_t> query_ids(const VehicleFilter& filter) {
        return ids_of(vehicles().query(filter));
    }

    std::int64_t a_;
    std::int64_t b_;
};

TEST_F(VehicleRepositoryTest, InsertsAndFindsWithEveryField) {
    const auto department = add_department(a_, "Fleet");
    auto record = vehicle(a_, "京AD12345", "PHEV");
    record.department_id = department;
    record.make = "BYD";
    record.model = "Qin PLUS DM-i";
    record.battery_kwh = 18.3;
    record.usual_departure_time = "07:30";
    record.priority = 8;
    record.acquired_date = "2024-05-20";
    record.retired_date = "2030-05-19";
    record.created_at = at_millis(10);
    record.updated_at = at_millis(20);
    const auto id = vehicles().insert(record);
    ASSERT_TRUE(id);
    const auto found = vehicles().find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->department_id, department);
    EXPECT_EQ(found->plate_number, "京AD12345");
    EXPECT_EQ(found->make, "BYD");
    EXPECT_EQ(found->model, "Qin PLUS DM-i");
    EXPECT_EQ(found->kind, "PHEV");
    EXPECT_EQ(found->battery_kwh, 18.3);
    EXPECT_EQ(found->usual_departure_time, "07:30");
    EXPECT_EQ(found->priority, 8);
    EXPECT_EQ(found->acquired_date, "2024-05-20");
    EXPECT_EQ(found->retired_date, "2030-05-19");
    EXPECT_EQ(found->created_at, at_millis(10));
    EXPECT_EQ(found->updated_at, at_millis(20));
}

TEST_F(VehicleRepositoryTest, PlateNumberIsUniqueAcrossInstitutions) {
    add_vehicle(a_, "京A12345");
    EXPECT_FALSE(vehicles().insert(vehicle(b_, "京A12345")));
    EXPECT_EQ(count_rows("vehicles"), 1);
}

TEST_F(VehicleRepositoryTest, SchemaRefusesInconsistentVehicles) {
    auto petrol_with_battery = vehicle(a_, "京A00001", "petrol");
    petrol_with_battery.battery_kwh = 40;
    EXPECT_THROW(vehicles().insert(petrol_with_battery), sqlite::SqliteError);
    auto retired_before_acquired = vehicle(a_, "京A00002");
    retired_before_acquired.retired_date = "2020-01-01";
    EXPECT_THROW(vehicles().insert(retired_before_acquired), sqlite::SqliteError);
    auto priority_too_high = vehicle(a_, "京A00003");
    priority_too_high.priority = 11;
    EXPECT_THROW(vehicles().insert(priority_too_high), sqlite::SqliteError);
    auto unknown_kind = vehicle(a_, "京A00004", "hydrogen");
    EXPECT_THROW(vehicles().insert(unknown_kind), sqlite::SqliteError);
    auto foreign_department = vehicle(a_, "京A00005");
    foreign_department.department_id = add_department(b_, "Fleet B");
    EXPECT_THROW(vehicles().insert(foreign_department), sqlite::SqliteError)
        << "the department must belong to the vehicle's institution";
    EXPECT_EQ(count_rows("vehicles"), 0);
}

TEST_F(VehicleRepositoryTest, UpdatesEverythingButTheInstitution) {
    const auto id = add_vehicle(a_, "京A12345");
    add_vehicle(a_, "京A99999");
    const auto department = add_department(a_, "Fleet");
    auto record = *vehicles().find(id);
    record.department_id = department;
    record.plate_number = "京AD54321";
    record.kind = "BEV";
    record.battery_kwh = 60;
    record.priority = 0;
    record.retired_date = "2026-01-01";
    record.institution_id = b_;  // ignored
    record.updated_at = at_millis(800);
    EXPECT_EQ(vehicles().update(record), UpdateResult::Updated);
    const auto found = vehicles().find(id);
    EXPECT_EQ(found->plate_number, "京AD54321");
    EXPECT_EQ(found->department_id, department);
    EXPECT_EQ(found->battery_kwh, 60.0);
    EXPECT_EQ(found->priority, 0);
    EXPECT_EQ(found->retired_date, "2026-01-01");
    EXPECT_EQ(found->institution_id, a_);

    record.plate_number = "京A99999";
    EXPECT_EQ(vehicles().update(record), UpdateResult::Duplicate);
    record.id = id + 100;
    record.plate_number = "京A77777";
    EXPECT_EQ(vehicles().update(record), UpdateResult::NotFound);
    EXPECT_THROW(connection_.execute_script("UPDATE vehicles SET institution_id = " + std::to_string(b_)),
                 sqlite::SqliteError);
}

TEST_F(VehicleRepositoryTest, QueriesByScopeInstitutionDepartmentKindAndText) {
    const auto department = add_department(a_, "Fleet");
    const auto a1 = add_vehicle(a_, "京A00002", department);
    auto petrol = vehicle(a_, "京A00001", "petrol");
    petrol.make = "Hongqi";
    const auto a2 = *vehicles().insert(petrol);
    const auto b1 = add_vehicle(b_, "沪B00001");
    EXPECT_EQ(query_ids({}), (std::vector<std::int64_t>{a2, a1, b1})) << "by plate number";
    EXPECT_EQ(query_ids({.scope = std::vector<std::int64_t>{b_}}), (std::vector<std::int64_t>{b1}));
    EXPECT_EQ(query_ids({.institution_id = a_}), (std::vector<std::int64_t>{a2, a1}));
    EXPECT_EQ(query_ids({.department_id = department}), (std::vector<std::int64_t>{a1}));
    EXPECT_EQ(query_ids({.kind = "BEV"}), (std::vector<std::int64_t>{a1, b1}));
    EXPECT_EQ(query_ids({.text = "沪B"}), (std::vector<std::int64_t>{b1})) << "plate";
    EXPECT_EQ(query_ids({.text = "hongqi"}), (std::vector<std::int64_t>{a2})) << "make";
    EXPECT_TRUE(query_ids({.scope = std::vector<std::int64_t>{}}).empty());
    const auto page = vehicles().query({.kind = "BEV", .limit = 1});
    EXPECT_EQ(ids_of(page), (std::vector<std::int64_t>{a1}));
    EXPECT_EQ(page.total, 2U);
}

TEST_F(VehicleRepositoryTest, RemovingAVehicleUnlinksItsIdTags) {
    const auto id = add_vehicle(a_, "京A12345");
    auto tag = id_tag("CARD-1", a_);
    tag.vehicle_id = id;
    ASSERT_TRUE(repositories_.id_tags().insert(tag));
    EXPECT_EQ(vehicles().remove(id), RemoveResult::Removed);
    const auto unlinked = repositories_.id_tags().find("CARD-1");
    ASSERT_TRUE(unlinked) << "the tag stays";
    EXPECT_FALSE(unlinked->vehicle_id);
    EXPECT_EQ(unlinked->institution_id, a_);
    EXPECT_EQ(vehicles().remove(id), RemoveResult::NotFound);
}

}  // namespace
}  // namespace parkgrid::storage
