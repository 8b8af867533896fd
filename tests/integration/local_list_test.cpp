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

    nlohmann::json list = nlohmann::json::object();
    for (int i = 0; i < 100 && list.value("version", nlohmann::json()) != 4; ++i) {
        list = api("GET", "/api/v1/chargers/CP-1/local-list").json();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_EQ(list["version"], 4);
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

}  // namespace
}  // namespace parkgrid::testing
