#include "charger_simulator.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

class LocalListTest : public CsmsTest {
protected:
    void SetUp() override {
        CsmsTest::SetUp();
        create_id_tag("CARD-A");
        create_id_tag("CARD-B", "Accepted", {{"expiryDate", "2020-01-01T00:00:00Z"}});
        ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
    }

    // The n-th SendLocalList the charger received (waits for it).
    static nlohmann::json nth_list(ChargerSimulator& charger, std::size_t n) {
        for (int i = 0; i < 250; ++i) {
            std::vector<nlohmann::json> lists;
            for (const auto& call : charger.received()) {
                if (call.action == "SendLocalList") {
                    lists.push_back(call.payload);
                }
            }
            if (lists.size() > n) {
                return lists[n];
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        throw std::runtime_error("SendLocalList #" + std::to_string(n) + " never came");
    }

    // The charger's list as stored, once it has reached `version` (the last one read otherwise).
    nlohmann::json wait_for_version(int version) {
        nlohmann::json list = nlohmann::json::object();
        for (int i = 0; i < 250 && list.value("version", nlohmann::json()) != version; ++i) {
            list = api("GET", "/api/v1/chargers/CP-1/local-list").json();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        EXPECT_EQ(list["version"], version);
        return list;
    }
};

TEST_F(LocalListTest, BootSendsTheFullListAndTagChangesFollowAsDifferentialUpdates) {
    ChargerSimulator charger(server_->port(), "CP-1");
    const auto full = nth_list(charger, 0);
    EXPECT_EQ(full["updateType"], "Full");
    EXPECT_EQ(full["listVersion"], 1);
    ASSERT_EQ(full["localAuthorizationList"].size(), 2u) << full;
    EXPECT_EQ(full["localAuthorizationList"][0],
              (nlohmann::json{{"idTag", "CARD-A"}, {"idTagInfo", {{"status", "Accepted"}}}}));
    // A tag past its expiry date goes out as Expired, so the charger refuses it offline too.
    EXPECT_EQ(full["localAuthorizationList"][1]["idTagInfo"]["status"], "Expired");

    create_id_tag("CARD-C");
    const auto added = nth_list(charger, 1);
    EXPECT_EQ(added["updateType"], "Differential");
    EXPECT_EQ(added["listVersion"], 2);
    EXPECT_EQ(added["localAuthorizationList"],
              (nlohmann::json::array({{{"idTag", "CARD-C"}, {"idTagInfo", {{"status", "Accepted"}}}}})));

    ASSERT_EQ(api("PATCH", "/api/v1/id-tags/CARD-A", {{"status", "Blocked"}}).status, 200u);
    EXPECT_EQ(nth_list(charger, 2)["localAuthorizationList"][0]["idTagInfo"]["status"], "Blocked");

    ASSERT_EQ(api("DELETE", "/api/v1/id-tags/CARD-C").status, 204u);
    const auto removed = nth_list(charger, 3);
    EXPECT_EQ(removed["listVersion"], 4);
    EXPECT_EQ(removed["localAuthorizationList"],
              (nlohmann::json::array({{{"idTag", "CARD-C"}}})));  // no idTagInfo: removal

    const auto list = wait_for_version(4);
    EXPECT_EQ(list["supported"], true);
    ASSERT_EQ(list["entries"].size(), 2u);
    EXPECT_EQ(list["entries"][0]["status"], "Blocked");
}

TEST_F(LocalListTest, AChargerWithAnotherVersionGetsTheFullListAgain) {
    {
        ChargerSimulator charger(server_->port(), "CP-1");
        EXPECT_EQ(nth_list(charger, 0)["listVersion"], 1);
    }
    // After a reset the charger lost its list (version 0): the next boot sends Full again, as version 2.
    ChargerSimulator again(server_->port(), "CP-1");
    const auto full = nth_list(again, 0);
    EXPECT_EQ(full["updateType"], "Full");
    EXPECT_EQ(full["listVersion"], 2);
}

TEST_F(LocalListTest, VersionMismatchIsAnsweredWithAFullList) {
    ChargerSimulator charger(server_->port(), "CP-1");
    nth_list(charger, 0);
    charger.set_answer("SendLocalList", ChargerSimulator::Answer::result({{"status", "VersionMismatch"}}));
    create_id_tag("CARD-C");
    EXPECT_EQ(nth_list(charger, 1)["updateType"], "Differential");
    EXPECT_EQ(nth_list(charger, 2)["updateType"], "Full");
}

TEST_F(LocalListTest, ChargersWithoutALocalListAreLeftAlone) {
    ChargerSimulator charger(
        server_->port(), "CP-1",
        {{"GetLocalListVersion", ChargerSimulator::Answer::result({{"listVersion", -1}})}});
    charger.wait_for("GetLocalListVersion");
    nlohmann::json list = nlohmann::json::object();
    for (int i = 0; i < 100 && list.value("supported", true); ++i) {
        list = api("GET", "/api/v1/chargers/CP-1/local-list").json();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(list["supported"], false);
    create_id_tag("CARD-C");
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    for (const auto& call : charger.received()) {
        EXPECT_NE(call.action, "SendLocalList");
    }
    const auto sync = api("POST", "/api/v1/chargers/CP-1/local-list/sync").json();
    EXPECT_EQ(sync["sent"], false);
}

// A charger's own limits hold: its list keeps at most LocalAuthListMaxLength entries (blocked cards first,
// then accepted ones), sent in parts of at most SendLocalListMaxLength. The limits are read from the
// configuration the charger reports at its boot, which is synchronised before its list.
TEST_F(LocalListTest, TheChargersListAndMessageLimitsAreKept) {
    create_id_tag("CARD-C");
    create_id_tag("CARD-D", "Blocked");
    ChargerSimulator charger(
        server_->port(), "CP-1",
        {{"GetConfiguration",
          ChargerSimulator::Answer::result(
              {{"configurationKey",
                {{{"key", "LocalAuthListMaxLength"}, {"readonly", true}, {"value", "3"}},
                 {{"key", "SendLocalListMaxLength"}, {"readonly", true}, {"value", "2"}}}}})}});
    const auto first = nth_list(charger, 0);
    EXPECT_EQ(first["updateType"], "Full");
    EXPECT_EQ(first["listVersion"], 1);
    EXPECT_EQ(first["localAuthorizationList"],
              (nlohmann::json::array({{{"idTag", "CARD-A"}, {"idTagInfo", {{"status", "Accepted"}}}},
                                      {{"idTag", "CARD-C"}, {"idTagInfo", {{"status", "Accepted"}}}}})));
    const auto second = nth_list(charger, 1);
    EXPECT_EQ(second["updateType"], "Differential");
    EXPECT_EQ(second["listVersion"], 2);
    EXPECT_EQ(second["localAuthorizationList"],
              (nlohmann::json::array({{{"idTag", "CARD-D"}, {"idTagInfo", {{"status", "Blocked"}}}}})))
        << "the expired CARD-B is the one left out";

    std::vector<std::string> actions;
    for (const auto& call : charger.received()) {
        actions.push_back(call.action);
    }
    const auto configuration = std::find(actions.begin(), actions.end(), "GetConfiguration");
    const auto version = std::find(actions.begin(), actions.end(), "GetLocalListVersion");
    EXPECT_LT(configuration, version) << "the configuration is read before the list is planned";

    const auto list = wait_for_version(2);
    ASSERT_EQ(list["entries"].size(), 3u) << list;
    EXPECT_EQ(list["entries"][2]["idTag"], "CARD-D");

    // Nothing more to send, and the sync says why CARD-B is not on the charger.
    charger.set_answer("GetLocalListVersion", ChargerSimulator::Answer::result({{"listVersion", 2}}));
    const auto sync = api("POST", "/api/v1/chargers/CP-1/local-list/sync").json();
    EXPECT_EQ(sync["sent"], false);
    EXPECT_EQ(sync["version"], 2);
    EXPECT_EQ(sync["problem"],
              "1 id tags left out: the charger's list holds at most 3 (LocalAuthListMaxLength)");
}

// A part refused half-way leaves what the charger accepted on record: the next synchronisation goes on from
// there with a Differential update instead of sending everything again.
TEST_F(LocalListTest, APartRefusedHalfWayIsResumedFromWhatWasAccepted) {
    ChargerSimulator charger(
        server_->port(), "CP-1",
        {{"GetConfiguration",
          ChargerSimulator::Answer::result(
              {{"configurationKey",
                {{{"key", "SendLocalListMaxLength"}, {"readonly", true}, {"value", "1"}}}}})}});
    EXPECT_EQ(nth_list(charger, 0)["listVersion"], 1);
    EXPECT_EQ(nth_list(charger, 1)["listVersion"], 2);
    wait_for_version(2);

    // CARD-C and CARD-D go one per message: the first is accepted, the second fails.
    charger.set_answer("SendLocalList", ChargerSimulator::Answer::result({{"status", "Failed"}}));
    charger.answer_next("SendLocalList", ChargerSimulator::Answer::result({{"status", "Accepted"}}));
    create_id_tag("CARD-C");
    create_id_tag("CARD-D");
    EXPECT_EQ(nth_list(charger, 2)["localAuthorizationList"][0]["idTag"], "CARD-C");
    const auto failed = nth_list(charger, 3);
    EXPECT_EQ(failed["localAuthorizationList"][0]["idTag"], "CARD-D");
    EXPECT_EQ(failed["listVersion"], 4);
    const auto list = wait_for_version(3);
    ASSERT_EQ(list["entries"].size(), 3u) << list;
    EXPECT_EQ(list["entries"][2]["idTag"], "CARD-C");

    charger.set_answer("SendLocalList", ChargerSimulator::Answer::result({{"status", "Accepted"}}));
    charger.set_answer("GetLocalListVersion", ChargerSimulator::Answer::result({{"listVersion", 3}}));
    const auto sync = api("POST", "/api/v1/chargers/CP-1/local-list/sync").json();
    EXPECT_EQ(sync["sent"], true);
    EXPECT_EQ(sync["updateType"], "Differential");
    EXPECT_EQ(sync["version"], 4);
    EXPECT_EQ(nth_list(charger, 4)["localAuthorizationList"],
              (nlohmann::json::array({{{"idTag", "CARD-D"}, {"idTagInfo", {{"status", "Accepted"}}}}})));
}

}  // namespace
}  // namespace parkgrid::testing
