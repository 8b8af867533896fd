#include "load/site_state_builder.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace parkgrid::server::load {
namespace {

constexpr Seconds kNow = 1'795'536'000 + 10 * 3600;  // a Wednesday, 10:00 in Asia/Shanghai

storage::Timestamp at(Seconds seconds) {
    return storage::Timestamp(std::chrono::seconds(seconds));
}

class SiteStateBuilderTest : public ::testing::Test {
protected:
    SiteStateBuilderTest()
        : calendar_("Asia/Shanghai", {{"valley", "23:00", "07:00", 0.3}, {"peak", "07:00", "23:00", 1.0}}) {
        snapshot_.site.id = 1;
        storage::CircuitRecord root;
        root.id = 10;
        root.site_id = 1;
        root.limit_a = 100;
        root.margin_a = 5;
        storage::CircuitRecord board = root;
        board.id = 11;
        board.parent_id = 10;
        board.limit_a = 40;
        board.has_building_load = false;
        snapshot_.circuits = {root, board};
        snapshot_.chargers = {charger("CP1", 11, "L2"), charger("CP2", 10, "L1L2L3")};
        snapshot_.chargers[0].phases = 1;
    }

    static storage::ChargerLoadSettings charger(const std::string& id, std::int64_t circuit,
                                                const std::string& wiring) {
        storage::ChargerLoadSettings settings;
        settings.charger_id = id;
        settings.site_id = 1;
        settings.circuit_id = circuit;
        settings.max_current_a = 32;
        settings.phase_wiring = wiring;
        return settings;
    }

    scheduling::SiteState build() {
        return build_site_state(snapshot_, chargers_, calendar_, BuildOptions{kNow, 120}).state;
    }

    SiteSnapshot snapshot_;
    std::map<std::string, LiveCharger> chargers_;
    SiteCalendar calendar_;
};

TEST_F(SiteStateBuilderTest, MapsTheTreeAndTheChargersWiring) {
    const auto site = build();

    ASSERT_EQ(site.circuits.size(), 2u);
    EXPECT_FALSE(site.circuits[0].parent);
    EXPECT_EQ(site.circuits[1].parent, 0u);
    ASSERT_EQ(site.connectors.size(), 2u);
    EXPECT_EQ(site.connectors[0].circuit, 1u);
    EXPECT_EQ(site.connectors[0].wiring[0], 1);  // L2
    EXPECT_EQ(site.connectors[0].phases, 1);
    EXPECT_EQ(site.connectors[1].connector_id, 1);  // no status yet: one connector assumed
}

TEST_F(SiteStateBuilderTest, LeavesOutChargersWithoutCircuitOrRating) {
    snapshot_.chargers[1].max_current_a.reset();
    EXPECT_EQ(build().connectors.size(), 1u);
}

TEST_F(SiteStateBuilderTest, UsesAFreshReadingThenTheProfileThenNothing) {
    snapshot_.latest_readings = {
        {1, 1, 10, at(kNow - 30), at(kNow - 29), std::array<double, 3>{20, 21, 22}, std::nullopt}};
    snapshot_.profiles[10] = {{"weekday", 10, 50}, {"weekend", 10, 5}};

    auto site = build();
    EXPECT_EQ(site.building_load[0], (scheduling::PhaseCurrents{20, 21, 22}));
    EXPECT_EQ(site.building_load[1], (scheduling::PhaseCurrents{0, 0, 0}));  // a board without building load

    snapshot_.latest_readings[0].measured_at = at(kNow - 121);
    site = build();
    EXPECT_EQ(site.building_load[0], (scheduling::PhaseCurrents{50, 50, 50}));
    EXPECT_EQ(site.building_load_forecast(0, kNow + 3 * 24 * 3600),
              (scheduling::PhaseCurrents{5, 5, 5}));  // Saturday

    snapshot_.profiles.clear();
    EXPECT_FALSE(build().building_load[0]);
}

TEST_F(SiteStateBuilderTest, SpreadsAPowerReadingOverThePhases) {
    snapshot_.latest_readings = {{1, 1, 10, at(kNow), at(kNow), std::nullopt, 69.0}};
    EXPECT_EQ(build().building_load[0], (scheduling::PhaseCurrents{100, 100, 100}));
}

TEST_F(SiteStateBuilderTest, CountsFlaggedChargersAndOfflineTransactionsAsUncontrolled) {
    snapshot_.chargers[0].load_flag = "overdraw";
    auto& offline = chargers_["CP2"];
    offline.online = false;
    offline.connectors[1].session = LiveSession{};

    const auto site = build();

    EXPECT_EQ(site.connectors[0].mode, scheduling::ConnectorMode::Uncontrolled);
    EXPECT_EQ(site.connectors[1].mode, scheduling::ConnectorMode::Uncontrolled);
    chargers_["CP2"].online = true;
    EXPECT_EQ(build().connectors[1].mode, scheduling::ConnectorMode::Controlled);
}

TEST_F(SiteStateBuilderTest, BudgetsPluggedInAndCutOffIdleConnectorsAtTheirFailsafe) {
    chargers_["CP1"].online = true;
    chargers_["CP1"].connectors[1].status = "Available";
    chargers_["CP2"].online = false;
    // Plenty of room (75 A per phase at the root): each share is its charger's rating.
    snapshot_.latest_readings = {
        {1, 1, 10, at(kNow), at(kNow), std::array<double, 3>{20, 20, 20}, std::nullopt}};
    snapshot_.chargers[0].max_current_a = 8;
    snapshot_.chargers[1].max_current_a = 10;

    const auto built = build_site_state(snapshot_, chargers_, calendar_, BuildOptions{kNow, 120});
    EXPECT_DOUBLE_EQ(built.failsafe.at("CP1"), 8);
    EXPECT_DOUBLE_EQ(built.failsafe.at("CP2"), 10);
    auto site = built.state;
    EXPECT_DOUBLE_EQ(site.connectors[0].idle_budget_a, 0);
    EXPECT_DOUBLE_EQ(site.connectors[1].idle_budget_a, 10);

    chargers_["CP1"].connectors[1].status = "Preparing";
    site = build();
    EXPECT_DOUBLE_EQ(site.connectors[0].idle_budget_a, 8);
}

TEST_F(SiteStateBuilderTest, DerivesWhatASessionStillNeeds) {
    LiveSession session;
    session.meter_start_wh = 1000;
    session.energy_wh = 6000;
    session.requested_kwh = 20;
    EXPECT_DOUBLE_EQ(session.remaining_kwh(), 15);
    session.requested_kwh.reset();
    session.battery_kwh = 60;
    session.soc_percent = 75;
    EXPECT_DOUBLE_EQ(session.remaining_kwh(), 15);
    session.soc_percent.reset();
    EXPECT_TRUE(std::isinf(session.remaining_kwh()));
}

TEST(WiringTest, ReadsThreeAndSinglePhaseWiring) {
    EXPECT_EQ(wiring_of("L2L3L1"), (std::array<int, 3>{1, 2, 0}));
    EXPECT_EQ(wiring_of("L3"), (std::array<int, 3>{2, 0, 1}));
    EXPECT_EQ(wiring_of("L1L2L3"), (std::array<int, 3>{0, 1, 2}));
}

}  // namespace
}  // namespace parkgrid::server::load
