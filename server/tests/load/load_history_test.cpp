#include "load/load_history.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::load {
namespace {

constexpr Seconds kStart = 1'795'000'000;  // 2026-11-18T11:06:40Z

// The grid connection with `building` amperes on every phase.
std::vector<CircuitFigures> grid(double building) {
    CircuitFigures figures;
    figures.circuit_id = 7;
    figures.load.building_a = {building, building, building};
    figures.load.charging_a = {16, 16, 0};
    figures.load.available_a = {240, 240, 240};
    return {figures};
}

// The building load on L1 of the grid connection in each entry of `history`, oldest first.
std::vector<double> building_l1(const nlohmann::json& history) {
    std::vector<double> values;
    for (const auto& entry : history) {
        values.push_back(entry.at("circuits")[0].at("buildingA")[0].get<double>());
    }
    return values;
}

TEST(LoadHistoryTest, WritesEachEntryAsTheApiShowsIt) {
    LoadHistory history;
    auto single_phase = grid(80.24)[0];
    single_phase.circuit_id = 8;
    single_phase.phases = 1;
    history.record(kStart, {grid(80.26)[0], single_phase});

    const auto entries = history.since(kStart);
    ASSERT_EQ(entries.size(), 1u);
    EXPECT_EQ(entries[0].at("at"), "2026-11-18T11:06:40Z");
    EXPECT_EQ(entries[0].at("circuits"), nlohmann::json::parse(R"([
        {"circuitId": 7, "buildingA": [80.3, 80.3, 80.3], "chargingA": [16.0, 16.0, 0.0],
         "usableA": [240.0, 240.0, 240.0]},
        {"circuitId": 8, "buildingA": [80.2], "chargingA": [16.0], "usableA": [240.0]}])"));
}

TEST(LoadHistoryTest, KeepsOneEntryPerResolutionHoldingItsLatestRun) {
    LoadHistory history(LoadHistory::kSpan, 10);
    // Runs every second, as meter readings trigger them: one entry per 10 s, not one per run.
    for (Seconds second = 0; second < 25; ++second) {
        history.record(kStart + second, grid(static_cast<double>(second)));
    }
    ASSERT_EQ(history.size(), 3u);
    const auto entries = history.since(kStart);
    EXPECT_EQ(building_l1(entries), (std::vector<double>{9, 19, 24}));
    EXPECT_EQ(entries[0].at("at"), "2026-11-18T11:06:49Z") << "the time of the run whose figures it holds";
    EXPECT_EQ(entries[2].at("at"), "2026-11-18T11:07:04Z");
}

TEST(LoadHistoryTest, RunsFurtherApartEachKeepAnEntry) {
    LoadHistory history(LoadHistory::kSpan, 10);
    for (int run = 0; run < 5; ++run) {
        history.record(kStart + run * 15, grid(run));
    }
    EXPECT_EQ(building_l1(history.since(kStart)), (std::vector<double>{0, 1, 2, 3, 4}));
}

TEST(LoadHistoryTest, ForgetsWhatIsOlderThanItsSpan) {
    LoadHistory history;  // 24 h at 10 s
    const Seconds day = 24 * 60 * 60;
    for (Seconds at = 0; at <= 2 * day; at += 15) {
        history.record(kStart + at, grid(0));
    }
    EXPECT_EQ(history.size(), static_cast<std::size_t>(day / 15 + 1)) << "the last 24 h, both ends included";
    EXPECT_EQ(history.since(0)[0].at("at"), history.since(kStart + day)[0].at("at"))
        << "nothing before 24 h ago";
    // However often the scheduler runs, a day is one entry per 10 s (both ends included).
    for (Seconds at = 2 * day; at <= 3 * day; at += 5) {
        history.record(kStart + at, grid(0));
    }
    EXPECT_EQ(history.size(), static_cast<std::size_t>(day / LoadHistory::kResolution + 1));
}

TEST(LoadHistoryTest, AnswersTheEntriesSinceAnInstantOldestFirst) {
    LoadHistory history(LoadHistory::kSpan, 10);
    for (int run = 0; run < 6; ++run) {
        history.record(kStart + run * 60, grid(run));
    }
    EXPECT_EQ(building_l1(history.since(kStart + 120)), (std::vector<double>{2, 3, 4, 5}));
    EXPECT_EQ(building_l1(history.since(kStart + 121)), (std::vector<double>{3, 4, 5}));
    EXPECT_TRUE(history.since(kStart + 301).empty());
    EXPECT_TRUE(LoadHistory().since(0).empty());
    EXPECT_TRUE(LoadHistory().since(0).is_array());
}

TEST(LoadHistoryTest, StaysInOrderWhenTheClockIsSetBack) {
    LoadHistory history(LoadHistory::kSpan, 10);
    history.record(kStart, grid(1));
    history.record(kStart + 30, grid(2));
    history.record(kStart + 60, grid(3));
    history.record(kStart + 40, grid(4));  // the clock went back 20 s
    history.record(kStart + 55, grid(5));
    EXPECT_EQ(building_l1(history.since(0)), (std::vector<double>{1, 2, 4, 5}));
}

}  // namespace
}  // namespace parkgrid::server::load
