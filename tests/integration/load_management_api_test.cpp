// The data-entry API of load management against the real binary: a site's circuit tree, chargers' electrical
// settings, building-load readings and profiles, the time-of-use tariff and charging needs, with the
// refusals that keep the configuration consistent, scopes, and the events the scheduler listens to.

#include <algorithm>
#include <set>
#include <thread>

#include "event_stream_client.hpp"
#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

using namespace std::chrono_literals;

// Expects a 422 that names `field`.
void expect_invalid(const HttpResult& result, const std::string& field) {
    EXPECT_EQ(result.status, 422u) << result.body;
    if (result.status == 422u) {
        EXPECT_EQ(result.json()["field"], field) << result.body;
    }
}

// Expects a 409 whose message contains `text`.
void expect_conflict(const HttpResult& result, const std::string& text) {
    EXPECT_EQ(result.status, 409u) << result.body;
    if (result.status == 409u) {
        EXPECT_NE(result.json()["message"].get<std::string>().find(text), std::string::npos) << result.body;
    }
}

class LoadManagementApiTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        OrganisationApiTest::SetUp();
        institution_ = create_institution("Institution A", kCodeA);
        site_ = create_site(institution_, "Garage A");
    }

    static std::string site_path(std::int64_t site, const std::string& rest = "") {
        return "/api/v1/sites/" + std::to_string(site) + rest;
    }
    static std::string circuits(std::int64_t site) { return site_path(site, "/circuits"); }
    static std::string circuit(std::int64_t site, std::int64_t id) {
        return circuits(site) + "/" + std::to_string(id);
    }

    std::int64_t create_circuit(std::int64_t site, const nlohmann::json& body) {
        return create(circuits(site), body);
    }

    // A grid connection of 250 A and a single-phase board of 32 A below it.
    void create_tree() {
        grid_ = create_circuit(site_, {{"name", "Grid connection"}, {"limitA", 250}, {"limitKw", 150}});
        board_ =
            create_circuit(site_, {{"name", "Board B1"}, {"parentId", grid_}, {"limitA", 32}, {"phases", 1}});
    }

    // A charger registered, booted and assigned to `site`.
    std::unique_ptr<OcppTestClient> connect_at(const std::string& id, std::int64_t site) {
        auto client = connect_accepted(id);
        const auto assigned = api("PATCH", "/api/v1/chargers/" + id, {{"siteId", site}});
        EXPECT_EQ(assigned.status, 200u) << assigned.body;
        return client;
    }

    static std::vector<std::int64_t> ids(const HttpResult& list) {
        std::vector<std::int64_t> out;
        const auto body = list.json();  // outlives the loop
        for (const auto& item : body["items"]) {
            out.push_back(item["id"].get<std::int64_t>());
        }
        return out;
    }

    static std::int64_t id_of(const HttpResult& result) { return result.json()["id"].get<std::int64_t>(); }

    static nlohmann::json hours(double first, double step = 0) {
        nlohmann::json values = nlohmann::json::array();
        for (int hour = 0; hour < 24; ++hour) {
            values.push_back(first + step * hour);
        }
        return values;
    }

    std::int64_t institution_ = 0;
    std::int64_t site_ = 0;
    std::int64_t grid_ = 0;
    std::int64_t board_ = 0;
};

TEST_F(LoadManagementApiTest, CircuitTreeRoundTrip) {
    const auto created = api("POST", circuits(site_), {{"name", "Grid connection"}, {"limitA", 250}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto grid = created.json();
    grid_ = grid["id"].get<std::int64_t>();
    EXPECT_EQ(grid["siteId"], site_);
    EXPECT_EQ(grid["parentId"], nullptr);
    EXPECT_EQ(grid["limitA"], 250.0);
    EXPECT_EQ(grid["limitKw"], nullptr);
    EXPECT_EQ(grid["phases"], 3);
    EXPECT_EQ(grid["voltageV"], 230.0);
    EXPECT_EQ(grid["marginA"], 0.0);
    EXPECT_EQ(grid["hasBuildingLoad"], true);
    EXPECT_TRUE(grid["createdAt"].get<std::string>().ends_with("Z"));

    const auto feeder = create_circuit(site_, {{"name", "Feeder north"},
                                               {"parentId", grid_},
                                               {"limitA", 125},
                                               {"limitKw", 80.5},
                                               {"voltageV", 220},
                                               {"marginA", 5},
                                               {"hasBuildingLoad", false}});
    const auto board =
        create_circuit(site_, {{"name", "A board"}, {"parentId", feeder}, {"limitA", 32}, {"phases", 1}});
    const auto south =
        create_circuit(site_, {{"name", "Feeder south"}, {"parentId", grid_}, {"limitA", 100}});
    EXPECT_EQ(ids(api("GET", circuits(site_))), (std::vector<std::int64_t>{grid_, feeder, board, south}))
        << "parents first, in tree order";
    EXPECT_EQ(api("GET", circuits(site_)).json()["total"], 4);

    const auto found = api("GET", circuit(site_, feeder));
    ASSERT_EQ(found.status, 200u) << found.body;
    EXPECT_EQ(found.json()["limitKw"], 80.5);
    EXPECT_EQ(found.json()["voltageV"], 220.0);
    EXPECT_EQ(found.json()["marginA"], 5.0);
    EXPECT_EQ(found.json()["hasBuildingLoad"], false);

    const auto patched =
        api("PATCH", circuit(site_, feeder), {{"name", "Feeder N"}, {"limitKw", nullptr}, {"marginA", 10}});
    ASSERT_EQ(patched.status, 200u) << patched.body;
    EXPECT_EQ(patched.json()["name"], "Feeder N");
    EXPECT_EQ(patched.json()["limitKw"], nullptr);
    EXPECT_EQ(patched.json()["limitA"], 125.0) << "fields not sent stay";
    const auto moved = api("PATCH", circuit(site_, board), {{"parentId", south}});
    ASSERT_EQ(moved.status, 200u) << moved.body;
    EXPECT_EQ(moved.json()["parentId"], south);

    EXPECT_EQ(api("DELETE", circuit(site_, board)).status, 204u);
    EXPECT_EQ(api("GET", circuit(site_, board)).status, 404u);
    EXPECT_EQ(api("DELETE", circuit(site_, board)).status, 404u);
    const auto other_site = create_site(institution_, "Garage B");
    EXPECT_EQ(api("GET", circuit(other_site, feeder)).status, 404u)
        << "a circuit is found under its own site only";
    EXPECT_EQ(api("GET", circuits(9999)).status, 404u);
    EXPECT_EQ(api("GET", circuit(site_, 0)).status, 404u);
}

TEST_F(LoadManagementApiTest, TheTreeHasOneRootNoLoopsAndNoMorePhasesBelow) {
    expect_invalid(api("POST", circuits(site_), {{"name", "Board"}, {"parentId", 1}, {"limitA", 32}}),
                   "parentId");
    create_tree();
    const auto second_root = api("POST", circuits(site_), {{"name", "Second grid"}, {"limitA", 100}});
    expect_conflict(second_root, "grid connection already");
    EXPECT_EQ(second_root.json()["field"], "parentId");
    const auto duplicate =
        api("POST", circuits(site_), {{"name", "Board B1"}, {"parentId", grid_}, {"limitA", 32}});
    expect_conflict(duplicate, "Board B1");
    EXPECT_EQ(duplicate.json()["field"], "name");
    expect_invalid(api("POST", circuits(site_), {{"name", "Three"}, {"parentId", board_}, {"limitA", 16}}),
                   "phases");

    const auto other_site = create_site(institution_, "Garage B");
    const auto other_grid = create_circuit(other_site, {{"name", "Grid"}, {"limitA", 100}});
    expect_invalid(
        api("POST", circuits(site_), {{"name", "Foreign"}, {"parentId", other_grid}, {"limitA", 16}}),
        "parentId");

    const auto feeder = create_circuit(site_, {{"name", "Feeder"}, {"parentId", grid_}, {"limitA", 100}});
    const auto sub = create_circuit(site_, {{"name", "Sub"}, {"parentId", feeder}, {"limitA", 50}});
    expect_invalid(api("PATCH", circuit(site_, feeder), {{"parentId", sub}}), "parentId");
    expect_invalid(api("PATCH", circuit(site_, feeder), {{"parentId", feeder}}), "parentId");
    expect_invalid(api("PATCH", circuit(site_, grid_), {{"parentId", sub}}), "parentId");
    expect_conflict(api("PATCH", circuit(site_, sub), {{"parentId", nullptr}}), "grid connection already");
    expect_invalid(api("PATCH", circuit(site_, feeder), {{"phases", 1}}),
                   "phases");  // Sub below has 3 phases
    expect_invalid(api("PATCH", circuit(site_, sub), {{"parentId", board_}}),
                   "parentId");  // Sub has 3 phases, Board B1 one
    EXPECT_EQ(api("GET", circuit(site_, sub)).json()["parentId"], feeder) << "refusals change nothing";
}

TEST_F(LoadManagementApiTest, CircuitFieldsAreValidated) {
    const auto base = nlohmann::json{{"name", "Grid"}, {"limitA", 100}};
    const auto with = [&](const nlohmann::json& extra) {
        auto body = base;
        body.update(extra);
        return api("POST", circuits(site_), body);
    };
    expect_invalid(with({{"limitA", 0}}), "limitA");
    expect_invalid(with({{"limitA", 10001}}), "limitA");
    expect_invalid(with({{"limitA", "100"}}), "limitA");
    expect_invalid(api("POST", circuits(site_), {{"name", "Grid"}}), "limitA");
    expect_invalid(api("POST", circuits(site_), {{"limitA", 100}}), "name");
    expect_invalid(with({{"limitKw", 0}}), "limitKw");
    expect_invalid(with({{"marginA", 100}}), "marginA");
    expect_invalid(with({{"marginA", -1}}), "marginA");
    expect_invalid(with({{"phases", 2}}), "phases");
    expect_invalid(with({{"voltageV", 90}}), "voltageV");
    expect_invalid(with({{"voltageV", 401}}), "voltageV");
    expect_invalid(with({{"hasBuildingLoad", "yes"}}), "hasBuildingLoad");
    expect_invalid(with({{"colour", "red"}}), "colour");
    EXPECT_TRUE(api("GET", circuits(site_)).json()["items"].empty());

    const auto grid = create_circuit(site_, base);
    expect_invalid(api("PATCH", circuit(site_, grid), {{"limitA", nullptr}}), "limitA");
    expect_invalid(api("PATCH", circuit(site_, grid), {{"limitA", 10}, {"marginA", 10}}), "marginA");
    expect_invalid(api("PATCH", circuit(site_, grid), {{"marginA", 100}}), "marginA");
}

TEST_F(LoadManagementApiTest, DeletionsWithDependentsAreRefused) {
    create_tree();
    expect_conflict(api("DELETE", circuit(site_, grid_)), "sub-circuits (1)");
    const auto charger = connect_at("CP-1", site_);
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"circuitId", grid_}}).status, 200u);
    expect_conflict(api("DELETE", site_path(site_)), "circuits (2)");
    EXPECT_EQ(api("DELETE", circuit(site_, board_)).status, 204u);
    expect_conflict(api("DELETE", circuit(site_, grid_)), "chargers (1)");
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"circuitId", nullptr}}).status, 200u);
    EXPECT_EQ(api("DELETE", circuit(site_, grid_)).status, 204u);
}

TEST_F(LoadManagementApiTest, ChargerElectricalSettings) {
    create_tree();
    const auto charger = connect_at("CP-1", site_);
    const auto initial = api("GET", "/api/v1/chargers/CP-1").json();
    EXPECT_EQ(initial["circuitId"], nullptr);
    EXPECT_EQ(initial["maxCurrentA"], nullptr);
    EXPECT_EQ(initial["minCurrentA"], 6.0);
    EXPECT_EQ(initial["phases"], 3);
    EXPECT_EQ(initial["phaseWiring"], "L1L2L3");
    EXPECT_EQ(initial["loadFlag"], nullptr);

    const auto target = "/api/v1/chargers/CP-1";
    expect_invalid(api("PATCH", target, {{"circuitId", board_}}),
                   "circuitId");  // 3-phase charger, 1-phase board
    const auto single = api("PATCH", target, {{"circuitId", board_}, {"phases", 1}, {"maxCurrentA", 32}});
    ASSERT_EQ(single.status, 200u) << single.body;
    EXPECT_EQ(single.json()["circuitId"], board_);
    EXPECT_EQ(single.json()["phases"], 1);
    EXPECT_EQ(single.json()["phaseWiring"], "L1") << "derived for one phase";
    EXPECT_EQ(single.json()["maxCurrentA"], 32.0);
    expect_invalid(api("PATCH", target, {{"phaseWiring", "L2"}}),
                   "phaseWiring");  // a 1-phase board has only L1
    expect_invalid(api("PATCH", target, {{"phases", 3}}), "phases");

    const auto three = api("PATCH", target, {{"circuitId", grid_}, {"phases", 3}, {"phaseWiring", "L2L3L1"}});
    ASSERT_EQ(three.status, 200u) << three.body;
    EXPECT_EQ(three.json()["phaseWiring"], "L2L3L1");
    expect_invalid(api("PATCH", target, {{"phaseWiring", "L1L1L2"}}), "phaseWiring");
    expect_invalid(api("PATCH", target, {{"phaseWiring", "L2"}}), "phaseWiring");
    const auto spread = api("PATCH", target, {{"phases", 1}, {"phaseWiring", "L3"}});
    ASSERT_EQ(spread.status, 200u) << spread.body;
    EXPECT_EQ(spread.json()["phaseWiring"], "L3");
    expect_invalid(api("PATCH", target, {{"phases", 2}}), "phases");
    expect_invalid(api("PATCH", target, {{"phases", nullptr}}), "phases");

    expect_invalid(api("PATCH", target, {{"maxCurrentA", 5}}), "maxCurrentA");
    expect_invalid(api("PATCH", target, {{"maxCurrentA", 81}}), "maxCurrentA");
    expect_invalid(api("PATCH", target, {{"minCurrentA", 0.5}}), "minCurrentA");
    expect_invalid(api("PATCH", target, {{"minCurrentA", 33}}), "minCurrentA");
    const auto minimum = api("PATCH", target, {{"minCurrentA", 10}});
    ASSERT_EQ(minimum.status, 200u) << minimum.body;
    EXPECT_EQ(minimum.json()["minCurrentA"], 10.0);
    expect_invalid(api("PATCH", target, {{"maxCurrentA", 8}}), "maxCurrentA");
    EXPECT_EQ(api("PATCH", target, {{"minCurrentA", nullptr}}).json()["minCurrentA"], 6.0)
        << "null: the default";
    EXPECT_EQ(api("PATCH", target, {{"maxCurrentA", nullptr}}).json()["maxCurrentA"], nullptr);

    const auto listed = api("GET", "/api/v1/chargers").json()["items"][0];
    EXPECT_EQ(listed["circuitId"], grid_);
    EXPECT_EQ(listed["phaseWiring"], "L3");
    EXPECT_EQ(listed["loadFlag"], nullptr);

    const auto other_site = create_site(institution_, "Garage B");
    const auto other_grid = create_circuit(other_site, {{"name", "Grid"}, {"limitA", 100}});
    expect_invalid(api("PATCH", target, {{"circuitId", other_grid}}), "circuitId");
    expect_invalid(api("PATCH", target, {{"circuitId", 9999}}), "circuitId");
    const auto moved = api("PATCH", target, {{"siteId", other_site}});
    ASSERT_EQ(moved.status, 200u) << moved.body;
    EXPECT_EQ(moved.json()["circuitId"], nullptr) << "moving to another site leaves the old site's circuit";
    const auto moved_back = api("PATCH", target, {{"siteId", site_}, {"circuitId", grid_}});
    ASSERT_EQ(moved_back.status, 200u) << moved_back.body;
    EXPECT_EQ(moved_back.json()["circuitId"], grid_);
    expect_invalid(api("PATCH", target, {{"siteId", other_site}, {"circuitId", grid_}}), "circuitId");
    EXPECT_EQ(api("GET", target).json()["siteId"], site_) << "a refused PATCH changes nothing";

    EXPECT_EQ(api("DELETE", "/api/v1/chargers/CP-1/load-flag").status, 204u);
    EXPECT_EQ(api("DELETE", "/api/v1/chargers/CP-NONE/load-flag").status, 404u);
    EXPECT_EQ(api("PATCH", target, {{"siteId", nullptr}}).json()["circuitId"], nullptr);
    expect_invalid(api("PATCH", target, {{"circuitId", grid_}}), "circuitId");  // no site, no circuit
}

TEST_F(LoadManagementApiTest, BuildingLoadReadings) {
    const auto target = site_path(site_, "/building-load");
    const auto now = ocpp_time_in(0s);
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1, 2, 3}}}),
                   "circuitId");  // no grid connection yet
    create_tree();

    const auto first =
        api("POST", target, {{"timestamp", ocpp_time_in(-300s)}, {"currentA", {120.5, 98, 101}}});
    ASSERT_EQ(first.status, 201u) << first.body;
    EXPECT_EQ(first.json()["circuitId"], grid_) << "the grid connection by default";
    EXPECT_EQ(first.json()["siteId"], site_);
    EXPECT_EQ(first.json()["currentA"], nlohmann::json({120.5, 98.0, 101.0}));
    EXPECT_EQ(first.json()["powerKw"], nullptr);
    EXPECT_TRUE(first.json()["timestamp"].get<std::string>().ends_with("Z"));
    EXPECT_TRUE(first.json()["receivedAt"].is_string());
    const auto board =
        api("POST", target, {{"timestamp", ocpp_time_in(-200s)}, {"circuitId", board_}, {"currentA", {12}}});
    ASSERT_EQ(board.status, 201u) << board.body;
    EXPECT_EQ(board.json()["currentA"], nlohmann::json({12.0, 0.0, 0.0}));
    const auto power = api("POST", target, {{"timestamp", ocpp_time_in(-100s)}, {"powerKw", 75.5}});
    ASSERT_EQ(power.status, 201u) << power.body;
    EXPECT_EQ(power.json()["powerKw"], 75.5);
    EXPECT_EQ(power.json()["currentA"], nullptr);
    const auto soon = api("POST", target, {{"timestamp", ocpp_time_in(120s)}, {"currentA", {1, 1, 1}}});
    EXPECT_EQ(soon.status, 201u) << "a gateway clock a little ahead is tolerated: " << soon.body;

    expect_invalid(api("POST", target, {{"timestamp", ocpp_time_in(600s)}, {"currentA", {1, 1, 1}}}),
                   "timestamp");
    expect_invalid(api("POST", target, {{"currentA", {1, 1, 1}}}), "timestamp");
    expect_invalid(api("POST", target, {{"timestamp", "yesterday"}, {"currentA", {1, 1, 1}}}), "timestamp");
    expect_invalid(api("POST", target, {{"timestamp", now}}), "currentA");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1, 1, 1}}, {"powerKw", 3}}),
                   "powerKw");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1}}}), "currentA");  // 3-phase grid
    expect_invalid(api("POST", target, {{"timestamp", now}, {"circuitId", board_}, {"currentA", {1, 1, 1}}}),
                   "currentA");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1, -1, 1}}}), "currentA[1]");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1, 1, 100000}}}), "currentA[2]");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"currentA", {1, 1, 1, 1}}}), "currentA");
    expect_invalid(api("POST", target, {{"timestamp", now}, {"powerKw", -1}}), "powerKw");
    const auto other_site = create_site(institution_, "Garage B");
    const auto other_grid = create_circuit(other_site, {{"name", "Grid"}, {"limitA", 100}});
    expect_invalid(api("POST", target, {{"timestamp", now}, {"circuitId", other_grid}, {"powerKw", 1}}),
                   "circuitId");
    EXPECT_EQ(api("POST", site_path(9999, "/building-load"), {{"timestamp", now}, {"powerKw", 1}}).status,
              404u);

    const auto all = api("GET", target);
    ASSERT_EQ(all.status, 200u) << all.body;
    EXPECT_EQ(ids(all), (std::vector<std::int64_t>{id_of(soon), id_of(power), id_of(board), id_of(first)}))
        << "newest first";
    EXPECT_EQ(ids(api("GET", target + "?circuitId=" + std::to_string(board_))),
              (std::vector<std::int64_t>{id_of(board)}));
    EXPECT_EQ(ids(api("GET", target + "?limit=1&offset=1")), (std::vector<std::int64_t>{id_of(power)}));
    EXPECT_EQ(ids(api("GET", target + "?from=" + ocpp_time_in(-250s) + "&to=" + ocpp_time_in(-50s))),
              (std::vector<std::int64_t>{id_of(power), id_of(board)}));
    expect_invalid(api("GET", target + "?from=soon"), "from");
}

TEST_F(LoadManagementApiTest, BuildingLoadProfile) {
    create_tree();
    const auto target = circuit(site_, grid_) + "/building-load-profile";
    const auto empty = api("GET", target);
    ASSERT_EQ(empty.status, 200u) << empty.body;
    EXPECT_EQ(empty.json(), nlohmann::json({{"circuitId", grid_},
                                            {"weekday", nlohmann::json::array()},
                                            {"weekend", nlohmann::json::array()}}));

    const auto put = api("PUT", target, {{"weekday", hours(40, 2.5)}, {"weekend", hours(20)}});
    ASSERT_EQ(put.status, 200u) << put.body;
    EXPECT_EQ(put.json()["weekday"], hours(40, 2.5));
    EXPECT_EQ(api("GET", target).json()["weekend"], hours(20));

    auto bad = hours(40);
    bad[5] = -1;
    expect_invalid(api("PUT", target, {{"weekday", bad}, {"weekend", hours(20)}}), "weekday[5]");
    bad[5] = "many";
    expect_invalid(api("PUT", target, {{"weekday", hours(40)}, {"weekend", bad}}), "weekend[5]");
    auto short_day = hours(40);
    short_day.erase(23);
    expect_invalid(api("PUT", target, {{"weekday", short_day}, {"weekend", hours(20)}}), "weekday");
    expect_invalid(api("PUT", target, {{"weekday", hours(40)}}), "weekend");  // both day types or neither
    expect_invalid(api("PUT", target, {{"holiday", hours(1)}}), "holiday");
    EXPECT_EQ(api("GET", target).json()["weekday"], hours(40, 2.5)) << "refusals change nothing";

    const auto cleared = api("PUT", target, nlohmann::json::object());
    ASSERT_EQ(cleared.status, 200u) << cleared.body;
    EXPECT_TRUE(cleared.json()["weekday"].empty());
    EXPECT_EQ(api("PUT", target, {{"weekday", nlohmann::json::array()}, {"weekend", nlohmann::json::array()}})
                  .status,
              200u);
    EXPECT_EQ(api("GET", circuit(site_, 9999) + "/building-load-profile").status, 404u);
}

TEST_F(LoadManagementApiTest, TimeOfUseTariff) {
    const auto target = site_path(site_, "/tariff");
    EXPECT_EQ(api("GET", target).json(),
              nlohmann::json({{"siteId", site_}, {"periods", nlohmann::json::array()}}));
    const nlohmann::json periods = {
        {{"kind", "valley"}, {"start", "23:00"}, {"end", "07:00"}, {"pricePerKwh", 0.3}},
        {{"kind", "peak"}, {"start", "10:00"}, {"end", "15:00"}, {"pricePerKwh", 1.1}},
        {{"kind", "flat"}, {"start", "07:00"}, {"end", "10:00"}, {"pricePerKwh", 0.7}},
        {{"kind", "sharp_peak"}, {"start", "15:00"}, {"end", "23:00"}, {"pricePerKwh", 1.4}}};
    const auto put = api("PUT", target, {{"periods", periods}});
    ASSERT_EQ(put.status, 200u) << put.body;
    const auto stored = api("GET", target).json()["periods"];
    ASSERT_EQ(stored.size(), 4u);
    EXPECT_EQ(stored[0], periods[2]) << "ordered by start";
    EXPECT_EQ(stored[3], periods[0]);

    auto gap = periods;
    gap[1]["end"] = "14:00";
    const auto gap_refused = api("PUT", target, {{"periods", gap}});
    expect_invalid(gap_refused, "periods");
    EXPECT_NE(gap_refused.json()["message"].get<std::string>().find("14:00-15:00"), std::string::npos)
        << gap_refused.body;
    auto overlap = periods;
    overlap[1]["end"] = "16:00";
    expect_invalid(api("PUT", target, {{"periods", overlap}}), "periods");
    auto wrong = periods;
    wrong[1]["kind"] = "cheap";
    expect_invalid(api("PUT", target, {{"periods", wrong}}), "periods[1].kind");
    wrong = periods;
    wrong[0]["start"] = "24:00";
    expect_invalid(api("PUT", target, {{"periods", wrong}}), "periods[0].start");
    wrong = periods;
    wrong[3].erase("pricePerKwh");
    expect_invalid(api("PUT", target, {{"periods", wrong}}), "periods[3].pricePerKwh");
    wrong = periods;
    wrong[2] = "flat";
    expect_invalid(api("PUT", target, {{"periods", wrong}}), "periods[2]");
    expect_invalid(api("PUT", target, nlohmann::json::object()), "periods");
    EXPECT_EQ(api("GET", target).json()["periods"].size(), 4u) << "refusals change nothing";

    expect_conflict(api("DELETE", site_path(site_)), "tariff periods (4)");
    const auto flat =
        api("PUT", target,
            {{"periods", {{{"kind", "flat"}, {"start", "00:00"}, {"end", "00:00"}, {"pricePerKwh", 0.6}}}}});
    EXPECT_EQ(flat.status, 200u) << "one period all day: " << flat.body;
    EXPECT_EQ(api("PUT", target, {{"periods", nlohmann::json::array()}}).status, 200u);
    EXPECT_TRUE(api("GET", target).json()["periods"].empty());
    EXPECT_EQ(api("DELETE", site_path(site_)).status, 204u) << "no tariff, no circuits: the site may go";
}

TEST_F(LoadManagementApiTest, ChargingNeedOfARunningTransaction) {
    auto charger = connect_at("CP-1", site_);
    create_id_tag("CAR-1");
    const auto started = charger->call(
        "StartTransaction",
        {{"connectorId", 1}, {"idTag", "CAR-1"}, {"meterStart", 0}, {"timestamp", ocpp_time_in(-60s)}});
    ASSERT_EQ(started.type, 3) << started.error_description;
    const int id = started.payload["transactionId"];
    const auto target = "/api/v1/transactions/" + std::to_string(id) + "/charging-need";
    EXPECT_EQ(api("GET", "/api/v1/transactions/" + std::to_string(id)).json()["chargingNeed"], nullptr);

    const auto departure = ocpp_time_in(4h);
    const auto set = api("PATCH", target, {{"energyKwh", 20}, {"departureTime", departure}});
    ASSERT_EQ(set.status, 200u) << set.body;
    EXPECT_EQ(set.json()["transactionId"], id);
    EXPECT_EQ(set.json()["chargerId"], "CP-1");
    EXPECT_EQ(set.json()["energyKwh"], 20.0);
    EXPECT_EQ(set.json()["departureTime"], departure);
    const auto shown = api("GET", "/api/v1/transactions/" + std::to_string(id)).json()["chargingNeed"];
    EXPECT_EQ(shown["energyKwh"], 20.0);
    EXPECT_EQ(shown["departureTime"], departure);
    EXPECT_EQ(api("GET", "/api/v1/transactions").json()["items"][0]["chargingNeed"], shown);

    const auto cleared = api("PATCH", target, {{"energyKwh", nullptr}});
    ASSERT_EQ(cleared.status, 200u) << cleared.body;
    EXPECT_EQ(cleared.json()["energyKwh"], nullptr);
    EXPECT_EQ(cleared.json()["departureTime"], departure) << "fields not sent stay";

    expect_invalid(api("PATCH", target, {{"energyKwh", 0}}), "energyKwh");
    expect_invalid(api("PATCH", target, {{"energyKwh", 501}}), "energyKwh");
    expect_invalid(api("PATCH", target, {{"departureTime", "tonight"}}), "departureTime");
    expect_invalid(api("PATCH", target, {{"soc", 80}}), "soc");
    EXPECT_EQ(api("PATCH", "/api/v1/transactions/9999/charging-need", {{"energyKwh", 1}}).status, 404u);
    EXPECT_EQ(api("PATCH", "/api/v1/transactions/abc/charging-need", {{"energyKwh", 1}}).status, 404u);

    const auto stopped = charger->call(
        "StopTransaction", {{"transactionId", id}, {"meterStop", 5000}, {"timestamp", ocpp_time_in(0s)}});
    ASSERT_EQ(stopped.type, 3);
    expect_conflict(api("PATCH", target, {{"energyKwh", 10}}), "has stopped");
}

TEST_F(LoadManagementApiTest, ScopesAndRoles) {
    create_tree();
    const auto b = create_institution("Institution B", kCodeB);
    const auto site_b = create_site(b, "Garage B");
    const auto grid_b = create_circuit(site_b, {{"name", "Grid"}, {"limitA", 100}});
    const auto fleet_a = create_token("fleet-a", "fleet_admin", {institution_});
    const auto energy_a = create_token("energy-a", "energy_office", {institution_});
    // The meter gateway: a fleet_admin token of the site's institution.
    const auto gateway = create_token("meter-gateway-a", "fleet_admin", {institution_});

    const auto reading = nlohmann::json{{"timestamp", ocpp_time_in(0s)}, {"powerKw", 12}};
    EXPECT_EQ(as(gateway, "POST", site_path(site_, "/building-load"), reading).status, 201u);
    EXPECT_EQ(
        as(fleet_a, "POST", circuits(site_), {{"name", "New"}, {"parentId", grid_}, {"limitA", 10}}).status,
        201u);
    EXPECT_EQ(as(fleet_a, "PUT", site_path(site_, "/tariff"), {{"periods", nlohmann::json::array()}}).status,
              200u);

    // Another institution's site is not found, for reading and for writing.
    for (const auto& token : {fleet_a, energy_a}) {
        for (const auto& target :
             {circuits(site_b), circuit(site_b, grid_b), site_path(site_b, "/building-load"),
              site_path(site_b, "/tariff"), circuit(site_b, grid_b) + "/building-load-profile"}) {
            EXPECT_EQ(as(token, "GET", target).status, 404u) << target;
        }
    }
    EXPECT_EQ(as(fleet_a, "POST", circuits(site_b), {{"name", "Mine"}, {"parentId", grid_b}, {"limitA", 10}})
                  .status,
              404u);
    EXPECT_EQ(as(fleet_a, "PATCH", circuit(site_b, grid_b), {{"name", "Mine"}}).status, 404u);
    EXPECT_EQ(as(fleet_a, "DELETE", circuit(site_b, grid_b)).status, 404u);
    EXPECT_EQ(as(fleet_a, "POST", site_path(site_b, "/building-load"), reading).status, 404u);
    EXPECT_EQ(as(fleet_a, "PUT", site_path(site_b, "/tariff"), {{"periods", nlohmann::json::array()}}).status,
              404u);
    EXPECT_EQ(as(fleet_a, "PUT", circuit(site_b, grid_b) + "/building-load-profile", nlohmann::json::object())
                  .status,
              404u);

    // The energy office reads its institution's configuration and changes nothing.
    for (const auto& target :
         {circuits(site_), circuit(site_, grid_), site_path(site_, "/building-load"),
          site_path(site_, "/tariff"), circuit(site_, grid_) + "/building-load-profile"}) {
        EXPECT_EQ(as(energy_a, "GET", target).status, 200u) << target;
    }
    EXPECT_EQ(
        as(energy_a, "POST", circuits(site_), {{"name", "X"}, {"parentId", grid_}, {"limitA", 10}}).status,
        403u);
    EXPECT_EQ(as(energy_a, "PATCH", circuit(site_, grid_), {{"name", "X"}}).status, 403u);
    EXPECT_EQ(as(energy_a, "DELETE", circuit(site_, board_)).status, 403u);
    EXPECT_EQ(as(energy_a, "POST", site_path(site_, "/building-load"), reading).status, 403u);
    EXPECT_EQ(as(energy_a, "PUT", site_path(site_, "/tariff"), {{"periods", nlohmann::json::array()}}).status,
              403u);
    EXPECT_EQ(as(energy_a, "PUT", circuit(site_, grid_) + "/building-load-profile", nlohmann::json::object())
                  .status,
              403u);
    EXPECT_EQ(as(energy_a, "DELETE", "/api/v1/chargers/CP-1/load-flag").status, 403u);

    // Charging needs follow the transaction's charger.
    auto charger_a = connect_at("CP-A", site_);
    auto charger_b = connect_at("CP-B", site_b);
    create_id_tag("CAR-1");
    const auto start = [](OcppTestClient& charger) {
        return charger
            .call("StartTransaction", {{"connectorId", 1},
                                       {"idTag", "CAR-1"},
                                       {"meterStart", 0},
                                       {"timestamp", ocpp_time_in(-60s)}})
            .payload.value("transactionId", 0);
    };
    const auto in_a = start(*charger_a);
    const auto in_b = start(*charger_b);
    const auto need = [](int id) { return "/api/v1/transactions/" + std::to_string(id) + "/charging-need"; };
    EXPECT_EQ(as(fleet_a, "PATCH", need(in_a), {{"energyKwh", 10}}).status, 200u);
    EXPECT_EQ(as(fleet_a, "PATCH", need(in_b), {{"energyKwh", 10}}).status, 404u);
    EXPECT_EQ(as(energy_a, "PATCH", need(in_a), {{"energyKwh", 10}}).status, 403u);
    EXPECT_EQ(as(fleet_a, "PATCH", "/api/v1/chargers/CP-B", {{"maxCurrentA", 16}}).status, 404u);
    EXPECT_EQ(as(fleet_a, "PATCH", "/api/v1/chargers/CP-A", {{"circuitId", grid_b}}).status, 422u);
    EXPECT_EQ(as(fleet_a, "DELETE", "/api/v1/chargers/CP-B/load-flag").status, 404u);
    EXPECT_EQ(as(fleet_a, "DELETE", "/api/v1/chargers/CP-A/load-flag").status, 204u);
}

TEST_F(LoadManagementApiTest, ChangesArePublishedForTheScheduler) {
    EventStreamClient events(server_->port(),
                             "/api/v1/events?types=load.config_changed,building_load.reading", kAdminToken);
    ASSERT_EQ(events.status(), 200u);
    create_tree();
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], site_);
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], site_);

    const auto reading =
        api("POST", site_path(site_, "/building-load"), {{"timestamp", ocpp_time_in(0s)}, {"powerKw", 3}});
    ASSERT_EQ(reading.status, 201u) << reading.body;
    const auto published = events.next_of("building_load.reading");
    EXPECT_EQ(published.data["siteId"], site_);
    EXPECT_EQ(published.data["circuitId"], grid_);
    EXPECT_EQ(published.data["readingId"], reading.json()["id"]);

    EXPECT_EQ(api("PUT", site_path(site_, "/tariff"), {{"periods", nlohmann::json::array()}}).status, 200u);
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], site_);
    const auto charger = connect_at("CP-1", site_);
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], site_) << "a charger joined the site";
    EXPECT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"circuitId", grid_}, {"maxCurrentA", 16}}).status,
              200u);
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], site_);

    // A refused change publishes nothing: the next event is that of the other site's change after it.
    expect_invalid(api("PATCH", circuit(site_, grid_), {{"marginA", 1000}}), "marginA");
    const auto other_site = create_site(institution_, "Garage B");
    create_circuit(other_site, {{"name", "Grid"}, {"limitA", 100}});
    EXPECT_EQ(events.next_of("load.config_changed").data["siteId"], other_site);

    EventStreamClient needs(server_->port(), "/api/v1/events?types=charging_need.changed", kAdminToken);
    create_id_tag("CAR-1");
    const int id = charger
                       ->call("StartTransaction", {{"connectorId", 1},
                                                   {"idTag", "CAR-1"},
                                                   {"meterStart", 0},
                                                   {"timestamp", ocpp_time_in(-60s)}})
                       .payload["transactionId"];
    EXPECT_EQ(
        api("PATCH", "/api/v1/transactions/" + std::to_string(id) + "/charging-need", {{"energyKwh", 12.5}})
            .status,
        200u);
    const auto changed = needs.next_of("charging_need.changed");
    EXPECT_EQ(changed.data["transactionId"], id);
    EXPECT_EQ(changed.data["chargerId"], "CP-1");
    EXPECT_EQ(changed.data["siteId"], site_);
    EXPECT_EQ(changed.data["energyKwh"], 12.5);
}

// The load events name a site, not a charger: they reach the admin and the site's institution (its fleet
// admins and energy offices alike), no one else.
TEST_F(LoadManagementApiTest, LoadEventsReachTheSitesInstitutionOnly) {
    create_tree();
    const auto b = create_institution("Institution B", kCodeB);
    const auto site_b = create_site(b, "Garage B");
    create_circuit(site_b, {{"name", "Grid"}, {"limitA", 100}});
    const auto fleet_a = create_token("fleet-a", "fleet_admin", {institution_});
    const std::string target =
        "/api/v1/events?types=load.plan_computed,building_load.reading,id_tags.changed";
    EventStreamClient fleet(server_->port(), target, fleet_a);
    EventStreamClient office(server_->port(), target,
                             create_token("energy-a", "energy_office", {institution_}));
    EventStreamClient one_charger(server_->port(), target + "&chargerId=CP-A", fleet_a);
    EventStreamClient admin(server_->port(), target, kAdminToken);
    std::this_thread::sleep_for(300ms);  // the streams load which site is whose

    const auto post_reading = [&](std::int64_t site, double amps) {
        const auto posted = api("POST", site_path(site, "/building-load"),
                                {{"timestamp", ocpp_time_in(0s)}, {"currentA", {amps, amps, amps}}});
        EXPECT_EQ(posted.status, 201u) << posted.body;
        return posted.json()["id"];
    };
    // Reads `stream` until it has had both `site`'s building-load reading and the plan of the run that used
    // its reading of `amps`; returns all events read. The reading and the plan it causes are published on
    // two threads (the request's and the load manager's), so either may arrive first.
    const auto read_reading_and_plan = [](EventStreamClient& stream, std::int64_t site, double amps) {
        std::vector<ServerSentEvent> read;
        bool has_reading = false;
        bool has_plan = false;
        while (!(has_reading && has_plan)) {
            const auto event = stream.next(20s);
            if (!event) {
                ADD_FAILURE() << "no reading and plan with " << amps << " A of building load at site "
                              << site;
                break;
            }
            read.push_back(*event);
            const auto& data = event->data;
            has_reading = has_reading || (event->type == "building_load.reading" && data["siteId"] == site);
            has_plan = has_plan || (event->type == "load.plan_computed" && data["siteId"] == site &&
                                    data["circuits"][0]["buildingA"] == nlohmann::json({amps, amps, amps}));
        }
        return read;
    };
    const auto plan_in = [](const std::vector<ServerSentEvent>& read) {
        const auto plan = std::find_if(read.rbegin(), read.rend(), [](const ServerSentEvent& event) {
            return event.type == "load.plan_computed";
        });
        return plan == read.rend() ? nlohmann::json() : plan->data;
    };

    // B's reading and plan reach the admin: once it has them, they have passed every stream.
    const auto reading_b = post_reading(site_b, 30);
    const auto admin_b = read_reading_and_plan(admin, site_b, 30);
    EXPECT_TRUE(std::any_of(admin_b.begin(), admin_b.end(), [&](const ServerSentEvent& event) {
        return event.type == "building_load.reading" && event.data["readingId"] == reading_b;
    }));
    // An id tag names its institution: a global one is the admin's alone, one of A reaches A's users too.
    create_id_tag("TAG-GLOBAL", "Accepted");
    create_id_tag("TAG-A", "Accepted", {{"institutionId", institution_}});
    EXPECT_EQ(admin.next_of("id_tags.changed").data["idTag"], "TAG-GLOBAL");
    EXPECT_EQ(admin.next_of("id_tags.changed").data["idTag"], "TAG-A");
    for (auto* stream : {&fleet, &office}) {
        const auto tag = stream->next_of("id_tags.changed");
        EXPECT_EQ(tag.data["idTag"], "TAG-A") << "a global tag does not reach them";
        EXPECT_EQ(tag.data["institutionId"], institution_);
    }

    const auto reading_a = post_reading(site_, 50);
    read_reading_and_plan(admin, site_, 50);
    nlohmann::json plan_event;
    for (auto* stream : {&fleet, &office}) {
        const auto read = read_reading_and_plan(*stream, site_, 50);
        plan_event = plan_in(read);
        std::set<std::string> types;
        for (const auto& event : read) {
            EXPECT_EQ(event.data["siteId"], site_) << event.type << " " << event.data;
            types.insert(event.type);
            if (event.type == "building_load.reading") {
                EXPECT_EQ(event.data["readingId"], reading_a);
                EXPECT_EQ(event.data["chargerId"], "");
            }
        }
        EXPECT_EQ(types, (std::set<std::string>{"building_load.reading", "load.plan_computed"}));
    }
    EXPECT_FALSE(one_charger.next(300ms)) << "a chargerId filter leaves out what names no charger";

    // The plan event carries the plan's figures under the plan's names (nothing changed since that run).
    const auto plan = api("GET", site_path(site_, "/plan")).json();
    EXPECT_EQ(plan_event["chargerId"], "");
    EXPECT_TRUE(plan_event["computedAt"].get<std::string>().ends_with("Z"));
    EXPECT_EQ(plan_event["tariffPeriod"], nullptr);
    EXPECT_EQ(plan_event["connectors"], nlohmann::json::array());
    ASSERT_EQ(plan_event["circuits"].size(), 2u);
    for (std::size_t c = 0; c < 2; ++c) {
        EXPECT_EQ(plan_event["circuits"][c], plan["circuits"][c]);
    }
    EXPECT_EQ(plan_event["circuits"][0]["circuitId"], grid_);
    EXPECT_EQ(plan_event["circuits"][0]["usableA"], nlohmann::json({250.0, 250.0, 250.0}));
    EXPECT_EQ(plan_event["circuits"][1]["parentId"], grid_);
    EXPECT_EQ(plan_event["circuits"][1]["buildingLoadKnown"], false) << "the board has no reading";
}

}  // namespace
}  // namespace parkgrid::testing
