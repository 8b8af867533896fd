// Load management against the real csms: simulated chargers receive the failsafe TxDefaultProfile at boot
// and TxProfiles while charging, and the limits they hold never add up to more than their circuit allows,
// also when the building load jumps.

#include <algorithm>
#include <chrono>
#include <set>
#include <thread>

#include "charger_simulator.hpp"
#include "event_stream_client.hpp"
#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

using namespace std::chrono_literals;

double limit_of(const Frame& call) {
    return call.payload.at("csChargingProfiles")
        .at("chargingSchedule")
        .at("chargingSchedulePeriod")[0]
        .at("limit")
        .get<double>();
}

std::string purpose_of(const Frame& call) {
    return call.payload.at("csChargingProfiles").at("chargingProfilePurpose").get<std::string>();
}

// The SetChargingProfile CALLs a charger received for `purpose`, oldest first.
std::vector<Frame> profiles(const ChargerSimulator& charger, const std::string& purpose) {
    std::vector<Frame> found;
    for (const auto& call : charger.received()) {
        if (call.action == "SetChargingProfile" && purpose_of(call) == purpose) {
            found.push_back(call);
        }
    }
    return found;
}

// The latest TxProfile limit a charger holds; nullopt before the first.
std::optional<double> tx_limit(const ChargerSimulator& charger) {
    const auto tx = profiles(charger, "TxProfile");
    return tx.empty() ? std::nullopt : std::optional(limit_of(tx.back()));
}

template <typename Condition>
bool eventually(Condition condition, std::chrono::milliseconds timeout = 30s) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) {
            return true;
        }
        std::this_thread::sleep_for(10ms);
    }
    return condition();
}

class LoadManagementTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        // Limits may change every 2 s here: the tests follow several changes of one connector.
        start_server({"--load-period", "1", "--limit-min-interval", "2"});
        institution_ = create_institution("Institution A", kCodeA);
        site_ = create_site(institution_, "Garage A");
        grid_ = create("/api/v1/sites/" + std::to_string(site_) + "/circuits",
                       {{"name", "Grid connection"}, {"limitA", 40}, {"marginA", 2}});
        create_id_tag("CARD-1");
        create_id_tag("CARD-2");
    }

    void post_building_load(double amps) {
        const auto posted = api("POST", "/api/v1/sites/" + std::to_string(site_) + "/building-load",
                                {{"timestamp", ocpp_time_in(0s)}, {"currentA", {amps, amps, amps}}});
        ASSERT_EQ(posted.status, 201u) << posted.body;
    }

    std::unique_ptr<ChargerSimulator> charger(const std::string& id,
                                              std::map<std::string, ChargerSimulator::Answer> answers = {}) {
        EXPECT_EQ(api("POST", "/api/v1/chargers", {{"id", id}}).status, 201u);
        const auto placed =
            api("PATCH", "/api/v1/chargers/" + id,
                {{"siteId", site_}, {"circuitId", grid_}, {"maxCurrentA", 32}, {"phases", 3}});
        EXPECT_EQ(placed.status, 200u) << placed.body;
        return std::make_unique<ChargerSimulator>(server_->port(), id, std::move(answers));
    }

    static int start(ChargerSimulator& charger, const std::string& id_tag) {
        charger.call("StatusNotification",
                     {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Preparing"}});
        const auto started = charger.call(
            "StartTransaction",
            {{"connectorId", 1}, {"idTag", id_tag}, {"meterStart", 0}, {"timestamp", ocpp_time_in(0s)}});
        charger.call("StatusNotification",
                     {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
        return started.payload.at("transactionId").get<int>();
    }

    nlohmann::json plan() {
        const auto result = api("GET", "/api/v1/sites/" + std::to_string(site_) + "/plan");
        EXPECT_EQ(result.status, 200u) << result.body;
        return result.json();
    }

    nlohmann::json load_history(int minutes = 5) {
        const auto result =
            api("GET", "/api/v1/sites/" + std::to_string(site_) + "/load?minutes=" + std::to_string(minutes));
        EXPECT_EQ(result.status, 200u) << result.body;
        return result.status == 200u ? result.json().at("history") : nlohmann::json::array();
    }

    std::int64_t institution_ = 0;
    std::int64_t site_ = 0;
    std::int64_t grid_ = 0;
};

TEST_F(LoadManagementTest, InstallsTheFailsafeDefaultAndTheChargersMaximumAtBoot) {
    post_building_load(10);
    const auto a = charger("CP-A");
    const auto b = charger("CP-B");

    // (40 A - 2 A margin - 10 A building) shared by two chargers. The first charger was told 28 A while it
    // was alone, and 14 A once the second joined its circuit.
    const auto failsafe_is = [](const ChargerSimulator& charger, double amps) {
        const auto sent = profiles(charger, "TxDefaultProfile");
        return !sent.empty() && limit_of(sent.back()) == amps;
    };
    ASSERT_TRUE(eventually([&] { return failsafe_is(*a, 14) && failsafe_is(*b, 14); })) << server_->log();
    for (const auto* sim : {a.get(), b.get()}) {
        EXPECT_EQ(profiles(*sim, "TxDefaultProfile").back().payload.at("connectorId"), 0);
        ASSERT_TRUE(eventually([&] { return !profiles(*sim, "ChargePointMaxProfile").empty(); }));
        EXPECT_DOUBLE_EQ(limit_of(profiles(*sim, "ChargePointMaxProfile").back()), 32);
    }
}

TEST_F(LoadManagementTest, KeepsTheSumOfLimitsWithinTheCircuitAndReactsToABuildingLoadSpike) {
    post_building_load(4);
    const auto a = charger("CP-A");
    const auto b = charger("CP-B");
    ASSERT_TRUE(eventually([&] { return !profiles(*b, "TxDefaultProfile").empty(); }));
    start(*a, "CARD-1");
    start(*b, "CARD-2");

    // 40 - 2 - 4 = 34 A for both.
    ASSERT_TRUE(eventually([&] {
        return tx_limit(*a) && tx_limit(*b) && *tx_limit(*a) + *tx_limit(*b) > 30;
    })) << tx_limit(*a).value_or(-1)
        << " + " << tx_limit(*b).value_or(-1) << "\n"
        << plan().dump();
    EXPECT_LE(*tx_limit(*a) + *tx_limit(*b), 34.0 + 1e-9);
    EXPECT_NEAR(*tx_limit(*a), *tx_limit(*b), 0.1);  // equally urgent: equal shares

    // The building takes 20 A more: 14 A are left, 7 A each, sent at once.
    const auto before_a = profiles(*a, "TxProfile").size();
    const auto before_b = profiles(*b, "TxProfile").size();
    const auto spike_at = std::chrono::steady_clock::now();
    post_building_load(24);
    ASSERT_TRUE(eventually([&] {
        return profiles(*a, "TxProfile").size() > before_a && profiles(*b, "TxProfile").size() > before_b;
    })) << server_->log();
    const auto reaction =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - spike_at);
    std::cout << "[ figures ] spike to corrected profiles on both chargers: " << reaction.count() << " ms\n";
    EXPECT_LE(*tx_limit(*a) + *tx_limit(*b), 14.0 + 1e-9);
    for (const auto limit : {*tx_limit(*a), *tx_limit(*b)}) {
        EXPECT_TRUE(limit == 0 || limit >= 6) << limit;
    }

    const auto view = plan();
    ASSERT_EQ(view.at("connectors").size(), 2u);
    double planned = 0;
    for (const auto& connector : view.at("connectors")) {
        planned += connector.at("limitA").get<double>();
        EXPECT_EQ(connector.at("reason"), "charging");
        EXPECT_TRUE(connector.at("transactionId").is_number());
    }
    EXPECT_LE(planned, 14.0 + 1e-9);
    EXPECT_EQ(view.at("circuits")[0].at("buildingA")[0], 24.0);
}

TEST_F(LoadManagementTest, BudgetsAChargerThatRejectsProfilesAtItsRatingAndFlagsIt) {
    post_building_load(0);
    const auto rogue = charger(
        "CP-ROGUE", {{"SetChargingProfile", ChargerSimulator::Answer::result({{"status", "Rejected"}})}});
    const auto good = charger("CP-GOOD");
    start(*rogue, "CARD-1");
    start(*good, "CARD-2");

    // The rogue draws its 32 A: the other gets what is left of 38 A.
    const auto rogue_in = [](const nlohmann::json& view) {
        for (const auto& connector : view.at("connectors")) {
            if (connector.at("chargerId") == "CP-ROGUE") {
                return connector;
            }
        }
        return nlohmann::json();
    };
    ASSERT_TRUE(eventually([&] {
        const auto flagged = rogue_in(plan());
        return !flagged.is_null() && !flagged.at("loadFlag").is_null();
    })) << server_->log();
    const auto flagged = rogue_in(plan());
    EXPECT_EQ(flagged.at("loadFlag").at("reason"), "profile_rejected");
    EXPECT_FALSE(flagged.at("controlled").get<bool>());
    EXPECT_EQ(flagged.at("reason"), "uncontrolled");
    // What the good charger applies: its TxProfile, or its failsafe default before it got one.
    const auto applied = [&] {
        const auto defaults = profiles(*good, "TxDefaultProfile");
        return tx_limit(*good) ? *tx_limit(*good) : defaults.empty() ? 32.0 : limit_of(defaults.back());
    };
    ASSERT_TRUE(eventually([&] { return applied() <= 6.0; })) << applied() << "\n" << server_->log();

    const auto shown = api("GET", "/api/v1/chargers/CP-ROGUE");
    EXPECT_EQ(shown.json().at("loadFlag").at("reason"), "profile_rejected") << shown.body;
}

TEST_F(LoadManagementTest, PausesChargingWhileTheBuildingLoadIsUnknown) {
    const auto a = charger("CP-A");
    start(*a, "CARD-1");

    // Its failsafe share is 0 too (the building's worst load is unknown): it waits at 0, no TxProfile
    // needed.
    ASSERT_TRUE(eventually([&] {
        return plan().at("connectors")[0].at("reason") == "building_load_unknown";
    })) << server_->log();
    EXPECT_DOUBLE_EQ(plan().at("connectors")[0].at("limitA").get<double>(), 0);
    EXPECT_DOUBLE_EQ(limit_of(profiles(*a, "TxDefaultProfile").back()), 0);
    EXPECT_FALSE(tx_limit(*a) > 0.0);

    post_building_load(0);
    ASSERT_TRUE(eventually([&] { return tx_limit(*a) > 0.0; })) << server_->log();
}

TEST_F(LoadManagementTest, RefusesThePlanOfASiteWithoutCircuits) {
    const auto other = create_site(institution_, "Garage B");
    const auto result = api("GET", "/api/v1/sites/" + std::to_string(other) + "/plan");
    EXPECT_EQ(result.status, 409u) << result.body;
    EXPECT_EQ(api("GET", "/api/v1/sites/999/plan").status, 404u);
}

TEST_F(LoadManagementTest, PublishesEveryRunWithThePlansFigures) {
    EventStreamClient events(server_->port(), "/api/v1/events?types=load.plan_computed", kAdminToken);
    post_building_load(4);
    const auto a = charger("CP-A");
    const int transaction = start(*a, "CARD-1");

    // A run that has given the transaction its limit.
    nlohmann::json data;
    ASSERT_TRUE(eventually([&] {
        const auto event = events.next(1s);
        if (!event || event->data.at("connectors").empty()) {
            return false;
        }
        data = event->data;
        const auto& connector = data.at("connectors")[0];
        return connector.at("transactionId") == transaction && connector.at("limitA").get<double>() > 0;
    })) << data.dump();
    EXPECT_EQ(data.at("siteId"), site_);
    EXPECT_EQ(data.at("chargerId"), "");
    EXPECT_TRUE(data.at("computedAt").get<std::string>().ends_with("Z"));
    const auto& connector = data.at("connectors")[0];
    for (const auto* key : {"chargerId", "connectorId", "online", "controlled", "limitA", "reason",
                            "failsafeA", "loadFlag", "measuredA", "transactionId", "priority", "deliveredKwh",
                            "remainingKwh", "departureTime", "expectedEnergyKwh", "deadlineMet"}) {
        EXPECT_TRUE(connector.contains(key)) << key << " missing: the event is the whole plan";
    }
    EXPECT_EQ(connector.at("chargerId"), "CP-A");
    EXPECT_EQ(connector.at("connectorId"), 1);
    EXPECT_EQ(connector.at("online"), true);
    EXPECT_EQ(connector.at("reason"), "charging");
    EXPECT_EQ(connector.at("measuredA"), nullptr) << "no meter values yet";
    const auto& grid = data.at("circuits")[0];
    EXPECT_EQ(grid.at("circuitId"), grid_);
    EXPECT_EQ(grid.at("parentId"), nullptr);
    EXPECT_EQ(grid.at("buildingLoadKnown"), true);
    EXPECT_EQ(grid.at("buildingA"), nlohmann::json({4.0, 4.0, 4.0}));
    EXPECT_EQ(grid.at("usableA"), nlohmann::json({38.0, 38.0, 38.0}));
    EXPECT_EQ(grid.at("chargingA")[0], connector.at("limitA")) << "the one charger's limit, on every phase";

    // The plan of a later run (nothing has changed) shows the same.
    const auto shown = plan();
    EXPECT_EQ(shown.at("connectors")[0].at("limitA"), connector.at("limitA"));
    EXPECT_EQ(shown.at("connectors")[0].at("transactionId"), transaction);
    EXPECT_EQ(shown.at("circuits")[0].at("chargingA"), grid.at("chargingA"));
}

// A busy site reruns the scheduler many times a second; its plan goes out at most every 2 s, and the last
// event has the latest run, so a page showing it is never left behind.
TEST_F(LoadManagementTest, PlanEventsAreSpacedAndEndWithTheLatestRun) {
    post_building_load(1);
    EventStreamClient events(server_->port(), "/api/v1/events?types=load.plan_computed", kAdminToken);
    std::this_thread::sleep_for(2500ms);  // whatever the first reading published is out of the interval
    while (events.next(100ms)) {
    }
    for (int amps = 2; amps <= 11; ++amps) {  // ten runs within about a second
        post_building_load(amps);
    }
    // The scheduler also runs every second here (--load-period 1): over 5 s, events keep their spacing.
    const auto window = 5s;
    const auto deadline = std::chrono::steady_clock::now() + window;
    std::vector<ServerSentEvent> published;
    while (std::chrono::steady_clock::now() < deadline) {
        if (const auto event = events.next(100ms)) {
            published.push_back(*event);
        }
    }
    ASSERT_FALSE(published.empty());
    const auto building_l1 = [](const ServerSentEvent& event) {
        return event.data.at("circuits")[0].at("buildingA")[0].get<double>();
    };
    EXPECT_EQ(building_l1(published.back()), 11.0) << "the events end with the latest reading";
    EXPECT_LE(published.size(), 4u) << "at most one per 2 s (and one at once), not one per run";
}

TEST_F(LoadManagementTest, TheLoadViewHasTheCircuitsLoadsOfRecentRuns) {
    post_building_load(10);
    const auto a = charger("CP-A");
    start(*a, "CARD-1");

    // The scheduler runs every second here; the history keeps one entry per 10 s. (The first entry may
    // predate the reading, on a slow machine.)
    const auto building_l1 = [](const nlohmann::json& entry) {
        return entry.at("circuits")[0].at("buildingA")[0].get<double>();
    };
    nlohmann::json before;
    ASSERT_TRUE(eventually(
        [&] {
            before = load_history();
            return before.size() >= 2 && building_l1(before[before.size() - 2]) == 10;
        },
        40s))
        << before.dump();
    std::string previous;
    for (const auto& entry : before) {
        const auto at = entry.at("at").get<std::string>();
        EXPECT_TRUE(at.ends_with("Z")) << at;
        EXPECT_LT(previous, at) << "oldest first";
        previous = at;
        ASSERT_EQ(entry.at("circuits").size(), 1u) << entry;
        const auto& grid = entry.at("circuits")[0];
        EXPECT_EQ(grid.size(), 4u) << grid;
        EXPECT_EQ(grid.at("circuitId"), grid_);
        EXPECT_EQ(grid.at("usableA"), nlohmann::json({38.0, 38.0, 38.0}));
    }
    const auto closed = before.size() - 2;  // an entry no later run replaces
    EXPECT_EQ(before[closed].at("circuits")[0].at("buildingA"), nlohmann::json({10.0, 10.0, 10.0}));
    EXPECT_LE(before.back().at("circuits")[0].at("chargingA")[0].get<double>(), 28.0)
        << "38 A usable less the building's 10 A";
    EXPECT_FALSE(plan().contains("history"));

    // A new reading reloads the site; its history stays, and the runs after it show the new load.
    post_building_load(20);
    ASSERT_TRUE(eventually([&] {
        const auto history = load_history();
        return !history.empty() && building_l1(history.back()) == 20;
    })) << load_history().dump();
    const auto after = load_history();
    ASSERT_GE(after.size(), before.size());
    EXPECT_EQ(after[closed], before[closed]);
    EXPECT_EQ(after.back().at("circuits")[0].at("buildingA"), plan().at("circuits")[0].at("buildingA"));
}

}  // namespace
}  // namespace parkgrid::testing
