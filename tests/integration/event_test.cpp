#include "event_stream_client.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using EventTest = CsmsTest;

TEST_F(EventTest, StreamsWhatChargersDoInOrder) {
    EventStreamClient events(server_->port(), "/api/v1/events", kAdminToken);
    ASSERT_EQ(events.status(), 200u);
    EXPECT_TRUE(events.content_type().starts_with("text/event-stream"));

    auto charger = connect_accepted("CP-1");
    create_id_tag("CARD-1");
    EXPECT_EQ(events.next_of("charger.connected").data["chargerId"], "CP-1");
    EXPECT_EQ(events.next_of("charger.booted").data["status"], "Accepted");

    charger->call("StatusNotification",
                  {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
    const auto status = events.next_of("connector.status");
    EXPECT_EQ(status.data["status"], "Charging");
    EXPECT_EQ(status.data["connectorId"], 1);

    const int id = charger
                       ->call("StartTransaction", {{"connectorId", 1},
                                                   {"idTag", "CARD-1"},
                                                   {"meterStart", 100},
                                                   {"timestamp", "2026-11-25T08:00:00Z"}})
                       .payload["transactionId"];
    const auto started = events.next_of("transaction.started");
    EXPECT_EQ(started.data["transactionId"], id);
    EXPECT_EQ(started.data["idTag"], "CARD-1");

    charger->call(
        "MeterValues",
        {{"connectorId", 1},
         {"transactionId", id},
         {"meterValue", {{{"timestamp", "2026-11-25T08:05:00Z"}, {"sampledValue", {{{"value", "600"}}}}}}}});
    const auto meter = events.next_of("meter_values");
    EXPECT_EQ(meter.data["meterValue"][0]["sampledValue"][0]["value"], "600");

    charger->call("StopTransaction",
                  {{"transactionId", id}, {"meterStop", 1100}, {"timestamp", "2026-11-25T09:00:00Z"}});
    const auto stopped = events.next_of("transaction.stopped");
    EXPECT_EQ(stopped.data["energyWh"], 1000);
    EXPECT_LT(std::stoll(started.id), std::stoll(stopped.id));

    charger.reset();
    EXPECT_EQ(events.next_of("charger.disconnected").data["chargerId"], "CP-1");
}

TEST_F(EventTest, FiltersByTypeAndCharger) {
    EventStreamClient only_status(server_->port(), "/api/v1/events?types=connector.status&chargerId=CP-2",
                                  kAdminToken);
    auto first = connect_accepted("CP-1");
    auto second = connect_accepted("CP-2");
    first->call("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Faulted"}});
    second->call("StatusNotification",
                 {{"connectorId", 2}, {"errorCode", "NoError"}, {"status", "Preparing"}});
    const auto event = only_status.next();
    ASSERT_TRUE(event);
    EXPECT_EQ(event->type, "connector.status");
    EXPECT_EQ(event->data["chargerId"], "CP-2");
    EXPECT_FALSE(only_status.next(std::chrono::milliseconds(300)));
}

TEST_F(EventTest, NeedsAuthentication) {
    EventStreamClient anonymous(server_->port(), "/api/v1/events", "wrong-token");
    EXPECT_EQ(anonymous.status(), 401u);
}

}  // namespace
}  // namespace parkgrid::testing
