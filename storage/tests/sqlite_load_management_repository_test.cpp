#include "sqlite_load_management_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class LoadManagementRepositoryTest : public testing::OrganisationTest {
protected:
    LoadManagementRepositoryTest()
        : institution_(add_institution("A", kCreditCodes[0])),
          site_(add_site(institution_, "Garage")),
          other_site_(add_site(institution_, "Yard")) {}

    LoadManagementRepository& load() { return repositories_.load_management(); }

    static CircuitRecord circuit(std::int64_t site_id, std::string name,
                                 std::optional<std::int64_t> parent_id = std::nullopt) {
        CircuitRecord record;
        record.site_id = site_id;
        record.parent_id = parent_id;
        record.name = std::move(name);
        record.limit_a = 250;
        record.created_at = record.updated_at = at_millis(100);
        return record;
    }

    std::int64_t add_circuit(std::int64_t site_id, const std::string& name,
                             std::optional<std::int64_t> parent_id = std::nullopt) {
        const auto id = load().insert_circuit(circuit(site_id, name, parent_id));
        EXPECT_TRUE(id) << name;
        return id.value_or(0);
    }

    void add_charger_at(const std::string& id, std::int64_t site_id) {
        add_charger(id);
        ASSERT_TRUE(repositories_.chargers().set_site(id, site_id));
    }

    static BuildingLoadReading currents(std::int64_t site_id, std::int64_t circuit_id,
                                        std::int64_t measured_at, double l1, double l2 = 0, double l3 = 0) {
        return BuildingLoadReading{.site_id = site_id,
                                   .circuit_id = circuit_id,
                                   .measured_at = at_millis(measured_at),
                                   .received_at = at_millis(measured_at + 50),
                                   .current_a = std::array{l1, l2, l3}};
    }

    static std::vector<std::int64_t> reading_ids(const std::vector<BuildingLoadReading>& readings) {
        std::vector<std::int64_t> ids;
        for (const auto& reading : readings) {
            ids.push_back(reading.id);
        }
        return ids;
    }

    // Expects `call` to throw a SQLite error with this extended code.
    template <typename Call>
    static void expect_refused(Call call, int code) {
        try {
            call();
            ADD_FAILURE() << "not refused";
        } catch (const sqlite::SqliteError& error) {
            EXPECT_EQ(error.code(), code) << error.what();
        }
    }

    std::int64_t institution_;
    std::int64_t site_;
    std::int64_t other_site_;
};

TEST_F(LoadManagementRepositoryTest, CircuitRoundTripWithEveryField) {
    const auto root = add_circuit(site_, "Grid connection");
    CircuitRecord board = circuit(site_, "地下车库配电箱", root);
    board.limit_a = 63.5;
    board.limit_kw = 40;
    board.phases = 1;
    board.voltage_v = 220;
    board.margin_a = 2.5;
    board.has_building_load = false;
    board.created_at = at_millis(10);
    board.updated_at = at_millis(20);
    const auto id = load().insert_circuit(board);
    ASSERT_TRUE(id);
    const auto found = load().find_circuit(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->site_id, site_);
    EXPECT_EQ(found->parent_id, root);
    EXPECT_EQ(found->name, "地下车库配电箱");
    EXPECT_EQ(found->limit_a, 63.5);
    EXPECT_EQ(found->limit_kw, 40);
    EXPECT_EQ(found->phases, 1);
    EXPECT_EQ(found->voltage_v, 220);
    EXPECT_EQ(found->margin_a, 2.5);
    EXPECT_FALSE(found->has_building_load);
    EXPECT_EQ(found->created_at, at_millis(10));
    EXPECT_EQ(found->updated_at, at_millis(20));

    const auto grid = load().find_circuit(root);
    EXPECT_FALSE(grid->parent_id);
    EXPECT_FALSE(grid->limit_kw);
    EXPECT_EQ(grid->phases, 3);
    EXPECT_EQ(grid->voltage_v, 230);
    EXPECT_TRUE(grid->has_building_load);
    EXPECT_FALSE(load().find_circuit(*id + 1));
}

TEST_F(LoadManagementRepositoryTest, OneGridConnectionPerSiteAndNamesUniqueWithinTheSite) {
    const auto root = add_circuit(site_, "Grid");
    EXPECT_FALSE(load().insert_circuit(circuit(site_, "Second grid"))) << "a second root";
    EXPECT_FALSE(load().insert_circuit(circuit(site_, "Grid", root))) << "a second circuit named Grid";
    EXPECT_TRUE(load().insert_circuit(circuit(other_site_, "Grid"))) << "other sites have their own";
    EXPECT_EQ(load().managed_sites(), (std::vector<std::int64_t>{site_, other_site_}));
}

TEST_F(LoadManagementRepositoryTest, TheParentMustBeACircuitOfTheSameSite) {
    const auto root = add_circuit(site_, "Grid");
    const auto other_root = add_circuit(other_site_, "Grid");
    expect_refused([&] { load().insert_circuit(circuit(site_, "Board", other_root)); },
                   SQLITE_CONSTRAINT_FOREIGNKEY);
    expect_refused([&] { load().insert_circuit(circuit(site_, "Board", 999)); },
                   SQLITE_CONSTRAINT_FOREIGNKEY);
    expect_refused([&] { load().insert_circuit(circuit(999, "Nowhere")); }, SQLITE_CONSTRAINT_FOREIGNKEY);

    const auto board = add_circuit(site_, "Board", root);
    auto moved = *load().find_circuit(board);
    moved.parent_id = other_root;
    expect_refused([&] { load().update_circuit(moved); }, SQLITE_CONSTRAINT_FOREIGNKEY);
    moved.parent_id = board;
    expect_refused([&] { load().update_circuit(moved); }, SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(load().find_circuit(board)->parent_id, root);
    EXPECT_THROW(connection_.execute_script("UPDATE circuits SET site_id = " + std::to_string(other_site_) +
                                            " WHERE id = " + std::to_string(root)),
                 sqlite::SqliteError)
        << "a circuit's site is fixed";
}

TEST_F(LoadManagementRepositoryTest, SchemaRefusesImpossibleCircuits) {
    auto record = circuit(site_, "Grid");
    record.margin_a = record.limit_a;
    expect_refused([&] { load().insert_circuit(record); }, SQLITE_CONSTRAINT_CHECK);
    record = circuit(site_, "Grid");
    record.phases = 2;
    expect_refused([&] { load().insert_circuit(record); }, SQLITE_CONSTRAINT_CHECK);
    record = circuit(site_, "Grid");
    record.limit_a = 0;
    expect_refused([&] { load().insert_circuit(record); }, SQLITE_CONSTRAINT_CHECK);
    record = circuit(site_, "Grid");
    record.limit_kw = 0;
    expect_refused([&] { load().insert_circuit(record); }, SQLITE_CONSTRAINT_CHECK);
    EXPECT_EQ(count_rows("circuits"), 0);
}

TEST_F(LoadManagementRepositoryTest, CircuitsOfASiteComeParentsFirstInTreeOrder) {
    const auto root = add_circuit(site_, "Z grid");
    const auto south = add_circuit(site_, "South", root);
    const auto north = add_circuit(site_, "North", root);
    const auto north_board = add_circuit(site_, "A board", north);
    add_circuit(other_site_, "Grid");
    std::vector<std::int64_t> ids;
    for (const auto& record : load().circuits_of_site(site_)) {
        ids.push_back(record.id);
    }
    EXPECT_EQ(ids, (std::vector<std::int64_t>{root, north, north_board, south}));
    EXPECT_TRUE(load().circuits_of_site(999).empty());
}

TEST_F(LoadManagementRepositoryTest, UpdatesACircuitUnlessItBreaksAUniquenessRule) {
    const auto root = add_circuit(site_, "Grid");
    const auto board = add_circuit(site_, "Board", root);
    add_circuit(site_, "Yard board", root);
    auto changed = *load().find_circuit(board);
    changed.name = "Board B1";
    changed.limit_a = 80;
    changed.limit_kw = 50;
    changed.phases = 1;
    changed.voltage_v = 240;
    changed.margin_a = 5;
    changed.has_building_load = false;
    changed.updated_at = at_millis(900);
    changed.created_at = at_millis(1);  // ignored
    EXPECT_TRUE(load().update_circuit(changed));
    const auto found = load().find_circuit(board);
    EXPECT_EQ(found->name, "Board B1");
    EXPECT_EQ(found->limit_a, 80);
    EXPECT_EQ(found->limit_kw, 50);
    EXPECT_EQ(found->phases, 1);
    EXPECT_EQ(found->voltage_v, 240);
    EXPECT_EQ(found->margin_a, 5);
    EXPECT_FALSE(found->has_building_load);
    EXPECT_EQ(found->updated_at, at_millis(900));
    EXPECT_EQ(found->created_at, at_millis(100));

    changed.name = "Yard board";
    EXPECT_FALSE(load().update_circuit(changed)) << "duplicate name";
    changed.name = "Board B1";
    changed.parent_id = std::nullopt;
    EXPECT_FALSE(load().update_circuit(changed)) << "second grid connection";
    EXPECT_EQ(load().find_circuit(board)->parent_id, root);
    changed.id = 999;
    changed.parent_id = root;
    EXPECT_FALSE(load().update_circuit(changed)) << "no such circuit";
}

TEST_F(LoadManagementRepositoryTest, ACircuitWithSubCircuitsOrChargersCannotBeRemoved) {
    const auto root = add_circuit(site_, "Grid");
    const auto board = add_circuit(site_, "Board", root);
    Dependents blocking;
    EXPECT_FALSE(load().remove_circuit(root, blocking));
    EXPECT_EQ(blocking.kind, "sub-circuits");
    EXPECT_EQ(blocking.count, 1);

    add_charger_at("CP1", site_);
    auto settings = *load().charger_settings("CP1");
    settings.circuit_id = board;
    ASSERT_TRUE(load().set_charger_settings(settings));
    EXPECT_FALSE(load().remove_circuit(board, blocking));
    EXPECT_EQ(blocking.kind, "chargers");
    EXPECT_EQ(blocking.count, 1);

    // Readings and the profile go with the circuit.
    load().insert_building_load(currents(site_, board, 1000, 10, 11, 12));
    load().replace_building_load_profile(board, {{"weekday", 8, 20}});
    settings.circuit_id = std::nullopt;
    ASSERT_TRUE(load().set_charger_settings(settings));
    EXPECT_TRUE(load().remove_circuit(board, blocking));
    EXPECT_FALSE(load().find_circuit(board));
    EXPECT_EQ(count_rows("building_load_readings"), 0);
    EXPECT_EQ(count_rows("building_load_profiles"), 0);
    EXPECT_FALSE(load().remove_circuit(board, blocking));
    EXPECT_EQ(blocking.count, 0) << "not found";
    EXPECT_TRUE(load().remove_circuit(root, blocking));
}

TEST_F(LoadManagementRepositoryTest, ASiteWithCircuitsOrATariffCannotBeRemoved) {
    const auto root = add_circuit(site_, "Grid");
    load().replace_tariff_periods(site_, {{"flat", "00:00", "00:00", 0.6}});
    const auto dependents = repositories_.sites().dependents(site_);
    ASSERT_EQ(dependents.size(), 2U);
    EXPECT_EQ(dependents[0].kind, "circuits");
    EXPECT_EQ(dependents[1].kind, "tariff periods");
    EXPECT_EQ(repositories_.sites().remove(site_), RemoveResult::StillReferenced);

    Dependents blocking;
    ASSERT_TRUE(load().remove_circuit(root, blocking));
    load().replace_tariff_periods(site_, {});
    EXPECT_TRUE(repositories_.sites().dependents(site_).empty());
    EXPECT_EQ(repositories_.sites().remove(site_), RemoveResult::Removed);
}

TEST_F(LoadManagementRepositoryTest, ChargerSettingsHaveDefaultsAndRoundTrip) {
    add_charger_at("CP1", site_);
    add_charger("CP-FREE");
    const auto defaults = load().charger_settings("CP1");
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->charger_id, "CP1");
    EXPECT_EQ(defaults->site_id, site_);
    EXPECT_FALSE(defaults->circuit_id);
    EXPECT_FALSE(defaults->max_current_a);
    EXPECT_EQ(defaults->min_current_a, 6);
    EXPECT_EQ(defaults->phases, 3);
    EXPECT_EQ(defaults->phase_wiring, "L1L2L3");
    EXPECT_FALSE(defaults->load_flag);
    EXPECT_FALSE(load().charger_settings("CP-NONE"));

    const auto root = add_circuit(site_, "Grid");
    ChargerLoadSettings settings = *defaults;
    settings.circuit_id = root;
    settings.max_current_a = 32;
    settings.min_current_a = 8;
    settings.phases = 1;
    settings.phase_wiring = "L3";
    settings.site_id = other_site_;   // not written
    settings.load_flag = "overdraw";  // not written
    EXPECT_TRUE(load().set_charger_settings(settings));
    const auto found = load().charger_settings("CP1");
    EXPECT_EQ(found->site_id, site_);
    EXPECT_EQ(found->circuit_id, root);
    EXPECT_EQ(found->max_current_a, 32);
    EXPECT_EQ(found->min_current_a, 8);
    EXPECT_EQ(found->phases, 1);
    EXPECT_EQ(found->phase_wiring, "L3");
    EXPECT_FALSE(found->load_flag);

    settings.charger_id = "CP-NONE";
    EXPECT_FALSE(load().set_charger_settings(settings));

    const auto at_site = load().chargers_of_site(site_);
    ASSERT_EQ(at_site.size(), 1U);
    EXPECT_EQ(at_site[0].charger_id, "CP1");
    EXPECT_TRUE(load().chargers_of_site(other_site_).empty());
}

TEST_F(LoadManagementRepositoryTest, WiringMustMatchThePhases) {
    add_charger_at("CP1", site_);
    auto settings = *load().charger_settings("CP1");
    for (const auto* wiring : {"L1L2L3", "L1L3L2", "L2L1L3", "L2L3L1", "L3L1L2", "L3L2L1"}) {
        settings.phase_wiring = wiring;
        EXPECT_TRUE(load().set_charger_settings(settings)) << wiring;
    }
    for (const auto* wiring : {"L1", "L1L1L2", "L1L2", "l1l2l3", ""}) {
        settings.phase_wiring = wiring;
        expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
    }
    settings.phases = 1;
    for (const auto* wiring : {"L1", "L2", "L3"}) {
        settings.phase_wiring = wiring;
        EXPECT_TRUE(load().set_charger_settings(settings)) << wiring;
    }
    settings.phase_wiring = "L1L2L3";
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
    settings.phase_wiring = "L1";
    settings.phases = 2;
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
}

TEST_F(LoadManagementRepositoryTest, CurrentsMustBePositiveAndTheMinimumNotAboveTheMaximum) {
    add_charger_at("CP1", site_);
    auto settings = *load().charger_settings("CP1");
    settings.max_current_a = 16;
    settings.min_current_a = 16;
    EXPECT_TRUE(load().set_charger_settings(settings));
    settings.min_current_a = 16.5;
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
    settings.min_current_a = 0;
    settings.max_current_a = std::nullopt;
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
    settings.min_current_a = 6;
    settings.max_current_a = 0;
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_CHECK);
}

TEST_F(LoadManagementRepositoryTest, AChargersCircuitBelongsToItsSite) {
    add_charger_at("CP1", site_);
    add_charger("CP-FREE");
    const auto here = add_circuit(site_, "Grid");
    const auto there = add_circuit(other_site_, "Grid");
    auto settings = *load().charger_settings("CP1");
    settings.circuit_id = there;
    expect_refused([&] { load().set_charger_settings(settings); }, SQLITE_CONSTRAINT_TRIGGER);
    auto unassigned = *load().charger_settings("CP-FREE");
    unassigned.circuit_id = here;
    expect_refused([&] { load().set_charger_settings(unassigned); }, SQLITE_CONSTRAINT_TRIGGER);

    settings.circuit_id = here;
    ASSERT_TRUE(load().set_charger_settings(settings));
    ASSERT_TRUE(repositories_.chargers().set_site("CP1", site_));
    EXPECT_EQ(load().charger_settings("CP1")->circuit_id, here) << "staying at the site keeps the circuit";
    ASSERT_TRUE(repositories_.chargers().set_site("CP1", other_site_));
    EXPECT_FALSE(load().charger_settings("CP1")->circuit_id) << "moving to another site leaves the circuit";
    settings.circuit_id = there;
    ASSERT_TRUE(load().set_charger_settings(settings));
    ASSERT_TRUE(repositories_.chargers().set_site("CP1", std::nullopt));
    EXPECT_FALSE(load().charger_settings("CP1")->circuit_id);
}

TEST_F(LoadManagementRepositoryTest, SetsAndClearsTheLoadFlag) {
    add_charger_at("CP1", site_);
    load().set_charger_flag("CP1", "profile_rejected", "SetChargingProfile answered Rejected",
                            at_millis(500));
    auto found = load().charger_settings("CP1");
    EXPECT_EQ(found->load_flag, "profile_rejected");
    EXPECT_EQ(found->load_flag_detail, "SetChargingProfile answered Rejected");
    EXPECT_EQ(found->load_flag_since, at_millis(500));

    load().set_charger_flag("CP1", "overdraw", std::nullopt, at_millis(700));
    found = load().charger_settings("CP1");
    EXPECT_EQ(found->load_flag, "overdraw");
    EXPECT_FALSE(found->load_flag_detail);
    EXPECT_EQ(found->load_flag_since, at_millis(700));

    load().set_charger_flag("CP1", std::nullopt, "ignored", at_millis(900));
    found = load().charger_settings("CP1");
    EXPECT_FALSE(found->load_flag);
    EXPECT_FALSE(found->load_flag_detail);
    EXPECT_FALSE(found->load_flag_since);

    expect_refused([&] { load().set_charger_flag("CP1", "broken", std::nullopt, at_millis(1)); },
                   SQLITE_CONSTRAINT_CHECK);
}

TEST_F(LoadManagementRepositoryTest, ReadingsCarryCurrentsOrPowerButNotBoth) {
    const auto root = add_circuit(site_, "Grid");
    const auto first = load().insert_building_load(currents(site_, root, 1000, 120.5, 98, 101.25));
    BuildingLoadReading power{.site_id = site_,
                              .circuit_id = root,
                              .measured_at = at_millis(2000),
                              .received_at = at_millis(2100),
                              .power_kw = 75.5};
    const auto second = load().insert_building_load(power);
    EXPECT_GT(second, first);

    const auto readings = load().building_load_since(site_, at_millis(0));
    ASSERT_EQ(readings.size(), 2U);
    EXPECT_EQ(readings[0].id, first);
    EXPECT_EQ(readings[0].site_id, site_);
    EXPECT_EQ(readings[0].circuit_id, root);
    EXPECT_EQ(readings[0].measured_at, at_millis(1000));
    EXPECT_EQ(readings[0].received_at, at_millis(1050));
    EXPECT_EQ(readings[0].current_a, (std::array{120.5, 98.0, 101.25}));
    EXPECT_FALSE(readings[0].power_kw);
    EXPECT_FALSE(readings[1].current_a);
    EXPECT_EQ(readings[1].power_kw, 75.5);

    power.current_a = std::array{1.0, 1.0, 1.0};
    expect_refused([&] { load().insert_building_load(power); }, SQLITE_CONSTRAINT_CHECK);
    power.current_a = std::nullopt;
    power.power_kw = std::nullopt;
    expect_refused([&] { load().insert_building_load(power); }, SQLITE_CONSTRAINT_CHECK);
    expect_refused([&] { load().insert_building_load(currents(site_, root, 3000, 1, -1, 1)); },
                   SQLITE_CONSTRAINT_CHECK);
    const auto elsewhere = add_circuit(other_site_, "Grid");
    expect_refused([&] { load().insert_building_load(currents(site_, elsewhere, 3000, 1)); },
                   SQLITE_CONSTRAINT_FOREIGNKEY);
    EXPECT_EQ(count_rows("building_load_readings"), 2);
}

TEST_F(LoadManagementRepositoryTest, ListsReadingsByPeriodAndCircuit) {
    const auto root = add_circuit(site_, "Grid");
    const auto board = add_circuit(site_, "Board", root);
    const auto other = add_circuit(other_site_, "Grid");
    const auto r1 = load().insert_building_load(currents(site_, root, 1000, 1));
    const auto r2 = load().insert_building_load(currents(site_, board, 2000, 2));
    const auto r3 = load().insert_building_load(currents(site_, root, 3000, 3));
    load().insert_building_load(currents(other_site_, other, 2500, 4));

    EXPECT_EQ(reading_ids(load().building_load_since(site_, at_millis(2000))),
              (std::vector<std::int64_t>{r2, r3}));
    EXPECT_EQ(reading_ids(load().building_load({.site_id = site_})), (std::vector<std::int64_t>{r3, r2, r1}));
    EXPECT_EQ(reading_ids(load().building_load({.site_id = site_, .circuit_id = root})),
              (std::vector<std::int64_t>{r3, r1}));
    EXPECT_EQ(
        reading_ids(load().building_load({.site_id = site_, .from = at_millis(1000), .to = at_millis(3000)})),
        (std::vector<std::int64_t>{r2, r1}));
    EXPECT_EQ(reading_ids(load().building_load({.site_id = site_, .limit = 1, .offset = 1})),
              (std::vector<std::int64_t>{r2}));
}

TEST_F(LoadManagementRepositoryTest, LatestBuildingLoadIsTheNewestMeasurementOfEachCircuit) {
    const auto root = add_circuit(site_, "Grid");
    const auto board = add_circuit(site_, "Board", root);
    add_circuit(site_, "Quiet board", root);  // no readings: absent from the answer
    load().insert_building_load(currents(site_, root, 1000, 1));
    const auto newest_root = load().insert_building_load(currents(site_, root, 5000, 2));
    load().insert_building_load(currents(site_, root, 3000, 3));  // arrived late, measured earlier
    const auto newest_board = load().insert_building_load(currents(site_, board, 2000, 4));
    const auto other = add_circuit(other_site_, "Grid");
    load().insert_building_load(currents(other_site_, other, 9000, 5));

    const auto latest = load().latest_building_load(site_);
    EXPECT_EQ(reading_ids(latest), (std::vector<std::int64_t>{newest_root, newest_board}));
    EXPECT_EQ(latest[0].current_a, (std::array{2.0, 0.0, 0.0}));
    EXPECT_TRUE(load().latest_building_load(999).empty());
}

TEST_F(LoadManagementRepositoryTest, PrunesReadingsMeasuredBeforeAnInstant) {
    const auto root = add_circuit(site_, "Grid");
    load().insert_building_load(currents(site_, root, 1000, 1));
    load().insert_building_load(currents(site_, root, 2000, 2));
    const auto kept = load().insert_building_load(currents(site_, root, 3000, 3));
    EXPECT_EQ(load().prune_building_load(at_millis(3000)), 2U);
    EXPECT_EQ(reading_ids(load().building_load_since(site_, at_millis(0))),
              (std::vector<std::int64_t>{kept}));
    EXPECT_EQ(load().prune_building_load(at_millis(3000)), 0U);
}

TEST_F(LoadManagementRepositoryTest, ReplacesAndClearsTheBuildingLoadProfile) {
    const auto root = add_circuit(site_, "Grid");
    const auto board = add_circuit(site_, "Board", root);
    load().replace_building_load_profile(root, {{"weekend", 0, 5}, {"weekday", 9, 40.5}, {"weekday", 8, 30}});
    load().replace_building_load_profile(board, {{"weekday", 8, 1}});
    auto profile = load().building_load_profile(root);
    ASSERT_EQ(profile.size(), 3U);
    EXPECT_EQ(profile[0].day_type, "weekday");
    EXPECT_EQ(profile[0].hour, 8);
    EXPECT_EQ(profile[0].current_a, 30);
    EXPECT_EQ(profile[1].hour, 9);
    EXPECT_EQ(profile[1].current_a, 40.5);
    EXPECT_EQ(profile[2].day_type, "weekend");

    load().replace_building_load_profile(root, {{"weekday", 12, 7}});
    profile = load().building_load_profile(root);
    ASSERT_EQ(profile.size(), 1U);
    EXPECT_EQ(profile[0].hour, 12);
    load().replace_building_load_profile(root, {});
    EXPECT_TRUE(load().building_load_profile(root).empty());
    EXPECT_EQ(load().building_load_profile(board).size(), 1U) << "other circuits keep theirs";

    expect_refused(
        [&] {
            load().replace_building_load_profile(root, {{"holiday", 1, 1}});
        },
        SQLITE_CONSTRAINT_CHECK);
    expect_refused(
        [&] {
            load().replace_building_load_profile(root, {{"weekday", 24, 1}});
        },
        SQLITE_CONSTRAINT_CHECK);
}

TEST_F(LoadManagementRepositoryTest, ReplacesTariffPeriodsOrderedByStart) {
    load().replace_tariff_periods(site_, {{"valley", "23:00", "07:00", 0.3},
                                          {"peak", "07:00", "19:00", 1.1},
                                          {"flat", "19:00", "23:00", 0.7}});
    load().replace_tariff_periods(other_site_, {{"flat", "00:00", "00:00", 0.6}});
    auto periods = load().tariff_periods(site_);
    ASSERT_EQ(periods.size(), 3U);
    EXPECT_EQ(periods[0].kind, "peak");
    EXPECT_EQ(periods[0].start_time, "07:00");
    EXPECT_EQ(periods[0].end_time, "19:00");
    EXPECT_EQ(periods[0].price_per_kwh, 1.1);
    EXPECT_EQ(periods[2].kind, "valley");

    load().replace_tariff_periods(site_, {{"sharp_peak", "00:00", "00:00", 1.5}});
    periods = load().tariff_periods(site_);
    ASSERT_EQ(periods.size(), 1U);
    EXPECT_EQ(periods[0].kind, "sharp_peak");
    load().replace_tariff_periods(site_, {});
    EXPECT_TRUE(load().tariff_periods(site_).empty());
    EXPECT_EQ(load().tariff_periods(other_site_).size(), 1U);

    expect_refused(
        [&] {
            load().replace_tariff_periods(site_, {{"cheap", "00:00", "00:00", 1}});
        },
        SQLITE_CONSTRAINT_CHECK);
    expect_refused(
        [&] {
            load().replace_tariff_periods(site_, {{"flat", "7:00", "00:00", 1}});
        },
        SQLITE_CONSTRAINT_CHECK);
    expect_refused(
        [&] {
            load().replace_tariff_periods(site_, {{"flat", "00:00", "00:00", -1}});
        },
        SQLITE_CONSTRAINT_CHECK);
}

TEST_F(LoadManagementRepositoryTest, UpsertsTheChargingNeedOfATransaction) {
    add_charger_at("CP1", site_);
    const auto transaction =
        repositories_.transactions().insert(TransactionStart{.charger_id = "CP1",
                                                             .connector_id = 1,
                                                             .id_tag = "TAG",
                                                             .timestamp = at_millis(10),
                                                             .meter_start = 0,
                                                             .reservation_id = std::nullopt,
                                                             .authorization_status = "Accepted",
                                                             .received_at = at_millis(11)});
    EXPECT_FALSE(load().charging_need(transaction));
    load().set_charging_need({.transaction_id = transaction, .energy_kwh = 20, .updated_at = at_millis(100)});
    auto need = load().charging_need(transaction);
    ASSERT_TRUE(need);
    EXPECT_EQ(need->transaction_id, transaction);
    EXPECT_EQ(need->energy_kwh, 20);
    EXPECT_FALSE(need->departure_time);
    EXPECT_EQ(need->updated_at, at_millis(100));

    load().set_charging_need({.transaction_id = transaction,
                              .energy_kwh = std::nullopt,
                              .departure_time = at_millis(50'000),
                              .updated_at = at_millis(200)});
    need = load().charging_need(transaction);
    EXPECT_FALSE(need->energy_kwh);
    EXPECT_EQ(need->departure_time, at_millis(50'000));
    EXPECT_EQ(need->updated_at, at_millis(200));
    EXPECT_EQ(count_rows("charging_needs"), 1);

    expect_refused(
        [&] { load().set_charging_need({.transaction_id = transaction + 1, .updated_at = at_millis(1)}); },
        SQLITE_CONSTRAINT_FOREIGNKEY);
    expect_refused(
        [&] {
            load().set_charging_need(
                {.transaction_id = transaction, .energy_kwh = 0, .updated_at = at_millis(1)});
        },
        SQLITE_CONSTRAINT_CHECK);
}

}  // namespace
}  // namespace parkgrid::storage
