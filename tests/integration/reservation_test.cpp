#include "charger_simulator.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

class ReservationTest : public CsmsTest {
protected:
    void SetUp() override {
        start_server({"--call-timeout", "1"});
        ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
        charger_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-1");
    }

    HttpResult reserve(const std::string& expiry = "2099-01-01T00:00:00Z", int connector = 1) {
        return api(
            "POST", "/api/v1/reservations",
            {{"chargerId", "CP-1"}, {"connectorId", connector}, {"idTag", "CARD-1"}, {"expiryDate", expiry}});
    }

    std::unique_ptr<ChargerSimulator> charger_;
};

TEST_F(ReservationTest, AcceptedReservationIsActiveAndSentWithItsId) {
    const auto created = reserve();
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto reservation = created.json();
    EXPECT_EQ(reservation["status"], "active");
    EXPECT_EQ(reservation["chargerStatus"], "Accepted");
    const auto sent = charger_->wait_for("ReserveNow").payload;
    EXPECT_EQ(sent["reservationId"], reservation["id"]);
    EXPECT_EQ(sent["idTag"], "CARD-1");
    EXPECT_EQ(sent["expiryDate"], "2099-01-01T00:00:00Z");
    EXPECT_EQ(
        api("GET", "/api/v1/reservations/" + std::to_string(reservation["id"].get<int>())).json()["status"],
        "active");
}

TEST_F(ReservationTest, ARefusedReservationIsRecordedAsRejected) {
    charger_->set_answer("ReserveNow", ChargerSimulator::Answer::result({{"status", "Occupied"}}));
    const auto refused = reserve();
    EXPECT_EQ(refused.status, 409u);
    EXPECT_EQ(refused.json()["chargerStatus"], "Occupied");
    const auto listed = api("GET", "/api/v1/reservations?status=rejected").json()["items"];
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["chargerStatus"], "Occupied");
}

TEST_F(ReservationTest, StartTransactionWithTheReservationIdUsesIt) {
    create_id_tag("CARD-1");
    const int id = reserve().json()["id"];
    const auto started = charger_->call("StartTransaction", {{"connectorId", 1},
                                                             {"idTag", "CARD-1"},
                                                             {"meterStart", 0},
                                                             {"timestamp", "2026-11-25T08:00:00Z"},
                                                             {"reservationId", id}});
    const auto reservation = api("GET", "/api/v1/reservations/" + std::to_string(id)).json();
    EXPECT_EQ(reservation["status"], "used");
    EXPECT_EQ(reservation["transactionId"], started.payload["transactionId"]);
    // A second start with the same (now used) reservation is flagged.
    const auto again = charger_->call("StartTransaction", {{"connectorId", 1},
                                                           {"idTag", "CARD-1"},
                                                           {"meterStart", 5},
                                                           {"timestamp", "2026-11-25T09:00:00Z"},
                                                           {"reservationId", id}});
    const auto anomalies =
        api("GET", "/api/v1/transactions/" + std::to_string(again.payload["transactionId"].get<int>()))
            .json()["anomalies"];
    ASSERT_FALSE(anomalies.empty());
    EXPECT_EQ(anomalies.back()["kind"], "unknown_reservation");
}

TEST_F(ReservationTest, CancellationReachesTheChargerOnlyForActiveReservations) {
    const int id = reserve().json()["id"];
    const auto cancelled = api("DELETE", "/api/v1/reservations/" + std::to_string(id));
    ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
    EXPECT_EQ(cancelled.json()["status"], "cancelled");
    EXPECT_EQ(charger_->wait_for("CancelReservation").payload["reservationId"], id);
    EXPECT_EQ(api("DELETE", "/api/v1/reservations/" + std::to_string(id)).status, 409u);
    EXPECT_EQ(api("DELETE", "/api/v1/reservations/999").status, 404u);
}

TEST_F(ReservationTest, ExpiredReservationsShowAsExpired) {
    // Expiry must be in the future when made; wait past it.
    const auto soon = ocpp_time_in(std::chrono::seconds(2));
    const int id = reserve(soon).json()["id"];
    std::this_thread::sleep_for(std::chrono::milliseconds(2500));
    EXPECT_EQ(api("GET", "/api/v1/reservations/" + std::to_string(id)).json()["status"], "expired");
}

TEST_F(ReservationTest, ValidationNamesTheField) {
    EXPECT_EQ(reserve("2000-01-01T00:00:00Z").json()["field"], "expiryDate");
    EXPECT_EQ(reserve("2099-01-01T00:00:00Z", -1).json()["field"], "connectorId");
    EXPECT_EQ(api("POST", "/api/v1/reservations",
                  {{"chargerId", "NOPE"},
                   {"connectorId", 0},
                   {"idTag", "A"},
                   {"expiryDate", "2099-01-01T00:00:00Z"}})
                  .json()["field"],
              "chargerId");
}

TEST_F(ReservationTest, AChargerThatDoesNotAnswerLeavesAFailedReservation) {
    charger_->set_answer("ReserveNow", ChargerSimulator::Answer::silence());
    EXPECT_EQ(reserve().status, 504u);
    EXPECT_EQ(api("GET", "/api/v1/reservations").json()["items"][0]["status"], "failed");
}

}  // namespace
}  // namespace parkgrid::testing
