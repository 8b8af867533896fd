#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using HandshakeTest = CsmsTest;

int refused_status(std::uint16_t port, const std::string& identity, ConnectOptions options = {}) {
    try {
        OcppTestClient client(port, identity, std::move(options));
    } catch (const HandshakeRefused& refused) {
        return static_cast<int>(refused.status);
    }
    return 101;
}

TEST_F(HandshakeTest, EchoesOcpp16AmongOfferedSubprotocols) {
    OcppTestClient client(server_->port(), "CP-1", {{"ocpp2.0.1", "ocpp1.6"}, ""});
    EXPECT_EQ(client.subprotocol(), "ocpp1.6");
}

TEST_F(HandshakeTest, RefusesClientsThatDoNotOfferOcpp16) {
    EXPECT_EQ(refused_status(server_->port(), "CP-1", {{"ocpp2.0.1"}, ""}), 400);
    EXPECT_EQ(refused_status(server_->port(), "CP-1", {{}, ""}), 400);
}

TEST_F(HandshakeTest, RefusesInvalidIdentitiesWith400) {
    EXPECT_EQ(refused_status(server_->port(), std::string(49, 'x')), 400);
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/ocpp/"}), 400);
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/ocpp/CP%01"}), 400);  // control character
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/ocpp/CP%C3%A9"}), 400);  // not ASCII
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/ocpp/a/b"}), 400);
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/other/CP-1"}), 400);
    EXPECT_EQ(refused_status(server_->port(), "", {{"ocpp1.6"}, "/ocpp/CP%zz"}), 400);  // broken escape
    EXPECT_EQ(refused_status(server_->port(), std::string(48, 'x')), 101);
}

TEST_F(HandshakeTest, PercentDecodesTheIdentity) {
    OcppTestClient client(server_->port(), "", {{"ocpp1.6"}, "/ocpp/Car%20Park%231"});
    EXPECT_EQ(client.boot().payload["status"], "Pending");
    const auto charger = api("GET", "/api/v1/chargers/Car%20Park%231");
    ASSERT_EQ(charger.status, 200u) << charger.body;
    EXPECT_EQ(charger.json()["id"], "Car Park#1");
}

TEST_F(HandshakeTest, ClosesWith1009WhenAFrameExceedsTheLimit) {
    OcppTestClient client(server_->port(), "CP-1");
    client.send_text(R"([2,"1","DataTransfer",{"vendorId":"x","data":")" + std::string(70 * 1024, 'a') +
                     R"("}])");
    EXPECT_EQ(client.wait_closed(), 1009);
}

TEST_F(HandshakeTest, FrameLimitIsConfigurable) {
    start_server({"--max-frame-size", "2048"});
    auto client = connect_accepted("CP-1");
    const auto small = client->call("DataTransfer", {{"vendorId", "x"}, {"data", std::string(1500, 'a')}});
    EXPECT_EQ(small.type, 3);
    client->send_text(R"([2,"2","DataTransfer",{"vendorId":"x","data":")" + std::string(3000, 'a') +
                      R"("}])");
    EXPECT_EQ(client->wait_closed(), 1009);
}

TEST_F(HandshakeTest, NewConnectionReplacesTheOldOneOfTheSameCharger) {
    auto first = connect_accepted("CP-1");
    OcppTestClient second(server_->port(), "CP-1");
    EXPECT_TRUE(first->wait_closed().has_value());
    // The charger's registration survives the reconnect: served without a new BootNotification.
    EXPECT_EQ(second.call("Heartbeat", nlohmann::json::object()).type, 3);
    const auto log = api("GET", "/api/v1/chargers/CP-1/connections").json().at("items");
    std::vector<std::string> events;
    for (const auto& event : log) {
        events.push_back(event["event"]);
        EXPECT_TRUE(event["remoteAddress"].get<std::string>().starts_with("127.0.0.1:")) << event;
    }
    EXPECT_NE(std::find(events.begin(), events.end(), "replaced"), events.end()) << log;
    EXPECT_EQ(std::count(events.begin(), events.end(), "connected"), 2) << log;
}

TEST_F(HandshakeTest, PingsKeepLiveConnectionsAndDropDeadOnes) {
    start_server({"--ping-interval", "1"});
    auto live = connect_accepted("CP-LIVE");
    auto dead = connect_accepted("CP-DEAD");
    // `live` runs its event loop (answering pings) for three idle seconds; `dead` does not run at all.
    EXPECT_FALSE(live->receive_answer(std::chrono::seconds(3)).has_value());
    EXPECT_EQ(live->call("Heartbeat", nlohmann::json::object()).type, 3);
    EXPECT_TRUE(dead->wait_closed(std::chrono::seconds(2)).has_value());
}

TEST_F(HandshakeTest, PlainHttpOnTheOcppPathIsNotAnUpgrade) {
    const auto response = http_request(server_->port(), "GET", "/healthz");
    EXPECT_EQ(response.status, 200u);
    EXPECT_EQ(response.json()["status"], "ok");
}

}  // namespace
}  // namespace parkgrid::testing
