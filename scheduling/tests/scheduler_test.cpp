#include "parkgrid/scheduling/scheduler.hpp"

#include <gtest/gtest.h>

#include "site_builder.hpp"

namespace parkgrid::scheduling {
namespace {

using testing::kHour;
using testing::SiteBuilder;

constexpr double kSinglePhaseKwPerA = 0.23;

TEST(SchedulerTest, SharesEvenlyBetweenEquallyUrgentSessions) {
    SiteBuilder builder(40);
    const auto a = builder.charger(0, 3, 32);
    const auto b = builder.charger(0, 3, 32);
    builder.session(a, 100, 8 * kHour);
    builder.session(b, 100, 8 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[a].limit_a, 20);
    EXPECT_DOUBLE_EQ(plan.connectors[b].limit_a, 20);
    EXPECT_TRUE(plan.connectors[a].send);
    EXPECT_EQ(plan.connectors[a].reason, LimitReason::Charging);
}

TEST(SchedulerTest, NeverGivesLessThanTheMinimumButPausesInstead) {
    SiteBuilder builder(10, 0, 1);
    const auto a = builder.charger(0, 1, 32);
    const auto b = builder.charger(0, 1, 32);
    builder.session(a, 20, 4 * kHour);
    builder.session(b, 20, 4 * kHour);

    const auto plan = plan_site(builder.site());

    // 10 A cannot carry two vehicles at 6 A: one charges with all of it, the other is paused.
    EXPECT_DOUBLE_EQ(plan.connectors[a].limit_a + plan.connectors[b].limit_a, 10);
    for (const auto& connector : plan.connectors) {
        EXPECT_TRUE(connector.limit_a == 0 || connector.limit_a >= 6) << connector.limit_a;
    }
}

TEST(SchedulerTest, ServesAHigherPriorityClassFirst) {
    SiteBuilder builder(32);
    const auto routine = builder.charger(0, 3, 32);
    const auto urgent = builder.charger(0, 3, 32);
    builder.session(routine, 50, 2 * kHour, 5);
    builder.session(urgent, 50, 8 * kHour, 9);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[urgent].limit_a, 32);
    EXPECT_DOUBLE_EQ(plan.connectors[routine].limit_a, 0);
    EXPECT_FALSE(plan.connectors[routine].deadline_met);
}

TEST(SchedulerTest, ServesTheLeastLaxSessionFirstWithinAClass) {
    SiteBuilder builder(16);
    const auto relaxed = builder.charger(0, 3, 16);
    const auto tight = builder.charger(0, 3, 16);
    builder.session(relaxed, 10, 10 * kHour);
    builder.session(tight, 10, 1 * kHour);  // 11 kW for an hour gives 11 kWh: just enough

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[tight].limit_a, 16);
    EXPECT_DOUBLE_EQ(plan.connectors[relaxed].limit_a, 0);
    EXPECT_TRUE(plan.connectors[tight].deadline_met);
    EXPECT_TRUE(plan.connectors[relaxed].deadline_met);  // it gets its turn after the other leaves
    EXPECT_EQ(plan.connectors[relaxed].reason, LimitReason::Deferred);
}

// Valley from 23:00 to 07:00 UTC, 1.0 otherwise.
double valley_at_night(Seconds at) {
    const auto hour = (at % (24 * kHour)) / kHour;
    return hour >= 23 || hour < 7 ? 0.3 : 1.0;
}

TEST(SchedulerTest, ShiftsEnergyIntoValleyHoursWhenTheDeadlineAllows) {
    SiteBuilder builder(64);
    builder.site().now = testing::kStart - testing::kStart % (24 * kHour) + 18 * kHour;  // 18:00
    builder.site().price_per_kwh = valley_at_night;
    const auto flexible = builder.charger(0, 3, 16);
    const auto hurried = builder.charger(0, 3, 16);
    builder.session(flexible, 20, 14 * kHour);  // leaves at 08:00
    builder.session(hurried, 20, 3 * kHour);    // leaves at 21:00, before the valley

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[flexible].limit_a, 0);
    EXPECT_EQ(plan.connectors[flexible].reason, LimitReason::Deferred);
    EXPECT_TRUE(plan.connectors[flexible].deadline_met);
    // At least the need; at most one slot at the minimum current more (a vehicle stops when full).
    EXPECT_GE(plan.connectors[flexible].expected_energy_kwh, 20);
    EXPECT_LE(plan.connectors[flexible].expected_energy_kwh, 20 + 6 * 0.69 * 0.25);
    EXPECT_DOUBLE_EQ(plan.connectors[hurried].limit_a, 16);
}

TEST(SchedulerTest, ChargesAtPeakPriceWhenTheValleyCannotHoldTheEnergy) {
    SiteBuilder builder(16);
    builder.site().now = testing::kStart - testing::kStart % (24 * kHour) + 18 * kHour;
    builder.site().price_per_kwh = valley_at_night;
    const auto connector = builder.charger(0, 3, 16);
    // 11 kW for 8 valley hours is 88 kWh; 100 kWh needs some peak hours too, and those come first.
    builder.session(connector, 100, 14 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 16);
    EXPECT_TRUE(plan.connectors[connector].deadline_met);
}

TEST(SchedulerTest, HandsHeadroomAVehicleLeavesUnusedToOthers) {
    SiteBuilder builder(40);
    const auto tapering = builder.charger(0, 3, 32);
    const auto hungry = builder.charger(0, 3, 32);
    // The tapering vehicle is the more urgent: without its measurement it would get 14.5 A.
    builder.session(tapering, 5, kHour / 2).measured_a = 8;
    builder.session(hungry, 100, 8 * kHour);
    builder.connector(tapering).current_limit_a = 20;
    builder.connector(hungry).current_limit_a = 20;

    auto plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[tapering].limit_a, 10);  // what it draws plus 2 A of slack
    EXPECT_TRUE(plan.connectors[tapering].send);
    EXPECT_FALSE(plan.connectors[hungry].send);  // not before the tapering one followed its new limit

    auto& lowered = builder.connector(tapering);
    lowered.previous_limit_a = 20;
    lowered.current_limit_a = 10;
    lowered.current_limit_since = builder.site().now;
    lowered.session->measured_a = 8;  // it still draws 8 A under its new limit: it stays capped
    builder.site().now += 20;
    plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[hungry].limit_a, 30);
    EXPECT_TRUE(plan.connectors[hungry].send);
}

TEST(SchedulerTest, CountsSinglePhaseVehiclesOnThePhaseTheyLoad) {
    SiteBuilder builder(32);
    const auto on_l1 = builder.charger(0, 1, 32, 0);
    const auto on_l2 = builder.charger(0, 1, 32, 1);
    const auto three_phase_charger = builder.charger(0, 3, 32);
    builder.session(on_l1, 50, 8 * kHour);
    builder.session(on_l2, 50, 8 * kHour);
    builder.session(three_phase_charger, 50, 8 * kHour).vehicle_phases = 1;  // a 1-phase car: loads L1
    builder.connector(three_phase_charger).wiring = {2, 0, 1};               // ...wired to L3 first

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[on_l1].limit_a, 32);
    EXPECT_DOUBLE_EQ(plan.connectors[on_l2].limit_a, 32);
    EXPECT_DOUBLE_EQ(plan.connectors[three_phase_charger].limit_a, 32);
}

TEST(SchedulerTest, KeepsEverySubBoardWithinItsOwnLimit) {
    SiteBuilder builder(100);
    const auto board = builder.board(0, 20);
    const auto behind_board = builder.charger(board, 3, 32);
    const auto on_root = builder.charger(0, 3, 32);
    builder.session(behind_board, 100, 8 * kHour);
    builder.session(on_root, 100, 8 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[behind_board].limit_a, 20);
    EXPECT_DOUBLE_EQ(plan.connectors[on_root].limit_a, 32);
}

TEST(SchedulerTest, LeavesBuildingLoadAndMarginAndRespectsThePowerLimit) {
    SiteBuilder builder(100, 10);
    builder.building(0, PhaseCurrents{50, 40, 45});
    builder.site().circuits[0].limit_kw = 40;  // 40 kW less 6.9 kW margin less 31.05 kW building = 2.05 kW
    const auto connector = builder.charger(0, 1, 32, 0);
    builder.session(connector, 50, 8 * kHour);

    auto plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 8.9);  // 2.05 kW / 230 V
    builder.site().circuits[0].limit_kw = 38;
    plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 0);  // 0.05 kW is below the minimum

    builder.site().circuits[0].limit_kw.reset();
    plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 32);
    builder.building(0, PhaseCurrents{75, 40, 45});
    builder.connector(connector).current_limit_a.reset();
    plan = plan_site(builder.site());
    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 15);
    EXPECT_DOUBLE_EQ(plan.circuits[0].charging_a[0], 15);
    EXPECT_DOUBLE_EQ(plan.circuits[0].building_a[0], 75);
    EXPECT_DOUBLE_EQ(plan.circuits[0].available_a[0], 90);
}

TEST(SchedulerTest, PausesChargingWhileTheBuildingLoadIsUnknown) {
    SiteBuilder builder(100);
    const auto connector = builder.charger(0, 3, 32);
    builder.session(connector, 50, 8 * kHour);
    builder.building(0, std::nullopt);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 0);
    EXPECT_TRUE(plan.connectors[connector].send);
    EXPECT_EQ(plan.connectors[connector].reason, LimitReason::BuildingLoadUnknown);
}

TEST(SchedulerTest, BudgetsUncontrolledChargersAtTheirRatingAndIdleOnesAtTheirBudget) {
    SiteBuilder builder(63);
    const auto rogue = builder.charger(0, 3, 32);
    const auto idle = builder.charger(0, 3, 32);
    const auto controlled = builder.charger(0, 3, 32);
    builder.connector(rogue).mode = ConnectorMode::Uncontrolled;
    builder.session(rogue, 50, 8 * kHour);
    builder.connector(idle).idle_budget_a = 10;
    builder.session(controlled, 50, 8 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_EQ(plan.connectors[rogue].reason, LimitReason::Uncontrolled);
    EXPECT_FALSE(plan.connectors[rogue].send);
    EXPECT_EQ(plan.connectors[idle].reason, LimitReason::Idle);
    EXPECT_FALSE(plan.connectors[idle].send);
    EXPECT_DOUBLE_EQ(plan.connectors[controlled].limit_a, 21);
}

TEST(SchedulerTest, StopsAtTheRequestedEnergy) {
    SiteBuilder builder(63);
    const auto connector = builder.charger(0, 3, 32);
    builder.session(connector, 0, 8 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[connector].limit_a, 0);
    EXPECT_EQ(plan.connectors[connector].reason, LimitReason::Complete);
}

TEST(SchedulerTest, ExpectsTheEnergyThePlanDeliversBeforeDeparture) {
    SiteBuilder builder(10, 0, 1);
    const auto connector = builder.charger(0, 1, 32);
    builder.session(connector, 100, 2 * kHour);

    const auto plan = plan_site(builder.site());

    EXPECT_NEAR(plan.connectors[connector].expected_energy_kwh, 10 * kSinglePhaseKwPerA * 2, 1e-6);
    EXPECT_FALSE(plan.connectors[connector].deadline_met);
}

// Stability: a connector whose limit was set by the plan a while ago.
class StabilityTest : public ::testing::Test {
protected:
    StabilityTest() : builder_(40) {
        a_ = builder_.charger(0, 3, 32);
        b_ = builder_.charger(0, 3, 32);
        builder_.session(a_, 100, 8 * kHour);
        builder_.session(b_, 100, 8 * kHour);
        for (const auto i : {a_, b_}) {
            builder_.connector(i).current_limit_a = 20;
            builder_.connector(i).current_limit_since = builder_.site().now - 10;
        }
    }

    SiteBuilder builder_;
    std::size_t a_ = 0;
    std::size_t b_ = 0;
};

TEST_F(StabilityTest, KeepsALimitThatWouldMoveByLessThanTheThreshold) {
    builder_.site().circuits[0].limit_a = 41.5;  // 20.7 each: not worth a message
    builder_.connector(a_).current_limit_since = builder_.site().now - 3600;

    const auto plan = plan_site(builder_.site());

    EXPECT_FALSE(plan.connectors[a_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a_].limit_a, 20);
    EXPECT_EQ(plan.connectors[a_].reason, LimitReason::Held);
}

TEST_F(StabilityTest, HoldsAnIncreaseWithinTheMinimumInterval) {
    builder_.site().circuits[0].limit_a = 60;

    auto plan = plan_site(builder_.site());
    EXPECT_FALSE(plan.connectors[a_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a_].limit_a, 20);

    builder_.site().now += 300;
    plan = plan_site(builder_.site());
    EXPECT_TRUE(plan.connectors[a_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a_].limit_a, 30);
}

TEST_F(StabilityTest, LowersAtOnceWhatTheLimitsNoLongerAllow) {
    builder_.building(0, PhaseCurrents{10, 10, 10});

    const auto plan = plan_site(builder_.site());

    EXPECT_TRUE(plan.connectors[a_].send);
    EXPECT_TRUE(plan.connectors[b_].send);
    EXPECT_NEAR(plan.connectors[a_].limit_a + plan.connectors[b_].limit_a, 30, 0.15);  // tenths, rounded down
}

TEST_F(StabilityTest, RaisesNobodyWithCurrentThatIsStillBeingFreed) {
    // b is lowered to make room for a higher-priority a: a may only rise once b had time to follow.
    builder_.site().connectors[a_].session->priority = 9;
    builder_.connector(a_).current_limit_since = builder_.site().now - 3600;
    builder_.connector(b_).current_limit_since = builder_.site().now - 3600;

    auto plan = plan_site(builder_.site());
    EXPECT_TRUE(plan.connectors[b_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[b_].limit_a, 8);
    EXPECT_FALSE(plan.connectors[a_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a_].limit_a, 20);

    // b got its new limit; 10 s later it may still draw its old 20 A.
    auto& b = builder_.connector(b_);
    b.previous_limit_a = 20;
    b.current_limit_a = 8;
    b.current_limit_since = builder_.site().now;
    builder_.site().now += 10;
    plan = plan_site(builder_.site());
    EXPECT_FALSE(plan.connectors[a_].send);

    builder_.site().now += 10;
    plan = plan_site(builder_.site());
    EXPECT_TRUE(plan.connectors[a_].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a_].limit_a, 32);
}

TEST(FailsafeTest, SharesTheWorstCaseCapacityEvenly) {
    SiteBuilder builder(100, 10);
    builder.site().building_load_forecast = [](std::size_t, Seconds at) -> std::optional<PhaseCurrents> {
        return at % (24 * kHour) < 12 * kHour ? PhaseCurrents{30, 30, 30} : PhaseCurrents{50, 20, 20};
    };
    for (int i = 0; i < 4; ++i) {
        builder.charger(0, 3, 32);
    }

    const auto limits = failsafe_limits(builder.site());

    ASSERT_EQ(limits.size(), 4u);
    for (const auto limit : limits) {
        EXPECT_DOUBLE_EQ(limit, 10);  // (100 - 10 - 50) / 4 on L1
    }
}

TEST(FailsafeTest, GivesNothingWhereTheShareIsBelowTheMinimum) {
    SiteBuilder builder(20);
    for (int i = 0; i < 4; ++i) {
        builder.charger(0, 3, 32);
    }
    builder.connector(0).mode = ConnectorMode::Uncontrolled;  // takes 32 A: nothing left

    const auto limits = failsafe_limits(builder.site());

    for (const auto limit : limits) {
        EXPECT_DOUBLE_EQ(limit, 0);
    }
}

TEST(OverdrawWatchTest, FlagsOnlyConsecutiveOverdraws) {
    OverdrawWatch watch(2.0, 2);
    EXPECT_FALSE(watch.observe(25, 16));
    EXPECT_FALSE(watch.observe(16, 16));
    EXPECT_FALSE(watch.observe(25, 16));
    EXPECT_TRUE(watch.observe(25, 16));
}

}  // namespace
}  // namespace parkgrid::scheduling

namespace parkgrid::scheduling {
namespace {

using testing::kHour;
using testing::SiteBuilder;

TEST(ChangeBudgetTest, HoldsChangesOnceTheHourlyBudgetIsSpentButNotSafetyDecreases) {
    SiteBuilder builder(60);
    const auto a = builder.charger(0, 3, 32);
    builder.session(a, 100, 8 * kHour).started_at = builder.site().now - kHour;
    auto& connector = builder.connector(a);
    connector.current_limit_a = 20;
    connector.current_limit_since = builder.site().now - 600;
    connector.changes_last_hour = 12;

    auto plan = plan_site(builder.site());
    EXPECT_FALSE(plan.connectors[a].send);  // 32 A would fit, but not now
    EXPECT_EQ(plan.connectors[a].reason, LimitReason::Held);

    connector.changes_last_hour = 11;
    plan = plan_site(builder.site());
    EXPECT_TRUE(plan.connectors[a].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a].limit_a, 32);

    connector.changes_last_hour = 12;
    builder.building(0, PhaseCurrents{50, 50, 50});
    plan = plan_site(builder.site());
    EXPECT_TRUE(plan.connectors[a].send);
    EXPECT_DOUBLE_EQ(plan.connectors[a].limit_a, 10);
}

TEST(VehicleMaximumTest, PlansAPausedVehicleAtWhatItWasSeenToDraw) {
    SiteBuilder builder(20);
    const auto small = builder.charger(0, 3, 32);
    auto& session = builder.session(small, 100, 8 * kHour);
    session.vehicle_max_a = 10;  // a 10 A on-board charger, seen before it was paused

    const auto plan = plan_site(builder.site());

    EXPECT_DOUBLE_EQ(plan.connectors[small].limit_a, 12);  // what it draws plus 2 A of slack
}

TEST(ConnectorTrackerTest, CountsTheLastHoursChangesAndLearnsTheVehiclesMaximum) {
    ConnectorTracker tracker;
    tracker.limit_sent(1000);
    tracker.limit_sent(2000);
    tracker.limit_sent(4700);
    EXPECT_EQ(tracker.changes_since(4700 - 3600), 2);

    tracker.vehicle_drew(15.8, 32);  // well below its limit: its own maximum
    EXPECT_EQ(tracker.vehicle_max_a(), 15.8);
    tracker.vehicle_drew(0, 0);  // paused: says nothing
    EXPECT_EQ(tracker.vehicle_max_a(), 15.8);
    tracker.vehicle_drew(20, 20);  // the whole limit, above what it was thought to take
    EXPECT_FALSE(tracker.vehicle_max_a());
    tracker.vehicle_drew(9, 20);
    tracker.session_started();
    EXPECT_FALSE(tracker.vehicle_max_a());
}

TEST(RoomNowTest, DeliversNowWhatWasPlannedLaterAtNoLowerPrice) {
    SiteBuilder builder(16);
    const auto a = builder.charger(0, 3, 16);
    builder.session(a, 5, 8 * kHour);

    const auto plan = plan_site(builder.site());

    // 5 kWh fit in the first hour; with one flat price nothing is worth waiting for.
    EXPECT_DOUBLE_EQ(plan.connectors[a].limit_a, 16);
    EXPECT_TRUE(plan.connectors[a].deadline_met);
}

}  // namespace
}  // namespace parkgrid::scheduling

namespace parkgrid::scheduling {
namespace {

TEST(ForcedChangeTest, MarksFirstLimitsAndSafetyDecreasesAsForcedButNotChosenChanges) {
    testing::SiteBuilder builder(60);
    const auto a = builder.charger(0, 3, 32);
    builder.session(a, 100, 8 * testing::kHour);
    builder.connector(a).current_limit_a = 10;  // its failsafe default, since the start

    auto plan = plan_site(builder.site());
    ASSERT_TRUE(plan.connectors[a].send);
    EXPECT_TRUE(plan.connectors[a].forced);  // the first limit of the transaction

    auto& connector = builder.connector(a);
    connector.session->started_at = builder.site().now - testing::kHour;
    connector.current_limit_a = 20;
    connector.current_limit_since = builder.site().now - 600;
    plan = plan_site(builder.site());
    ASSERT_TRUE(plan.connectors[a].send);
    EXPECT_FALSE(plan.connectors[a].forced);  // raising to 32 A is the scheduler's choice

    connector.changes_last_hour = 12;
    builder.building(0, PhaseCurrents{50, 50, 50});
    plan = plan_site(builder.site());
    ASSERT_TRUE(plan.connectors[a].send);
    EXPECT_TRUE(plan.connectors[a].forced);  // lowered because the circuit needs it
}

}  // namespace
}  // namespace parkgrid::scheduling
