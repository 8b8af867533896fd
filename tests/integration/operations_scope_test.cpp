#include "charger_simulator.hpp"
#include "event_stream_client.hpp"
#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

// Charger operations (commands, remote start, reservations, configuration, local lists, firmware,
// diagnostics, events) for callers limited to institution A: B's chargers do not exist for them (404),
// and the energy office may read but not operate (403).
class OperationsScopeTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        start_server({"--call-timeout", "2"});
        const auto institution_a = create_institution("Ministry A", kCodeA);
        const auto institution_b = create_institution("Ministry B", kCodeB);
        site_a_ = create_site(institution_a, "Garage A");
        site_b_ = create_site(institution_b, "Garage B");
        for (const auto& [charger, site] : {std::pair{"CP-A", site_a_}, std::pair{"CP-B", site_b_}}) {
            ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", charger}}).status, 201u);
            ASSERT_EQ(api("PATCH", std::string("/api/v1/chargers/") + charger, {{"siteId", site}}).status,
                      200u);
        }
        charger_a_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-A");
        charger_b_ = std::make_unique<ChargerSimulator>(server_->port(), "CP-B");
        fleet_a_ = create_token("fleet-a", "fleet_admin", {institution_a});
        office_a_ = create_token("office-a", "energy_office", {institution_a});
    }

    std::int64_t site_a_ = 0;
    std::int64_t site_b_ = 0;
    std::unique_ptr<ChargerSimulator> charger_a_;
    std::unique_ptr<ChargerSimulator> charger_b_;
    std::string fleet_a_;
    std::string office_a_;
};

TEST_F(OperationsScopeTest, AFleetAdminOperatesOnlyItsOwnChargers) {
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/chargers/CP-A/commands/Reset", {{"type", "Soft"}}).status, 200u);
    const std::vector<std::pair<std::string, nlohmann::json>> on_b = {
        {"/api/v1/chargers/CP-B/commands/Reset", {{"type", "Soft"}}},
        {"/api/v1/chargers/CP-B/remote-start", {{"idTag", "CARD"}}},
        {"/api/v1/chargers/CP-B/configuration/sync", nullptr},
        {"/api/v1/chargers/CP-B/local-list/sync", nullptr},
        {"/api/v1/chargers/CP-B/firmware-updates", {{"location", "https://fw.example.org/x.bin"}}},
        {"/api/v1/chargers/CP-B/diagnostics", nlohmann::json::object()},
    };
    for (const auto& [target, body] : on_b) {
        EXPECT_EQ(as(fleet_a_, "POST", target, body.is_null() ? nlohmann::json::object() : body).status, 404u)
            << target;
    }
    // A reservation names the charger in its body: B's is "no such charger" on that field.
    const auto reservation = as(fleet_a_, "POST", "/api/v1/reservations",
                                {{"chargerId", "CP-B"},
                                 {"connectorId", 1},
                                 {"idTag", "CARD"},
                                 {"expiryDate", "2099-01-01T00:00:00Z"}});
    EXPECT_EQ(reservation.status, 422u);
    EXPECT_EQ(reservation.json()["field"], "chargerId");
    for (const auto* target : {"/api/v1/chargers/CP-B/commands", "/api/v1/chargers/CP-B/configuration",
                               "/api/v1/chargers/CP-B/local-list", "/api/v1/chargers/CP-B/firmware-updates",
                               "/api/v1/chargers/CP-B/diagnostics"}) {
        EXPECT_EQ(as(fleet_a_, "GET", target).status, 404u) << target;
    }
    // Nothing was sent to B's charger on A's behalf.
    for (const auto& call : charger_b_->received()) {
        EXPECT_TRUE(call.action == "GetConfiguration" || call.action == "GetLocalListVersion" ||
                    call.action == "SendLocalList")
            << call.action;
    }
}

TEST_F(OperationsScopeTest, ReservationsAreScopedByCharger) {
    const auto mine = as(fleet_a_, "POST", "/api/v1/reservations",
                         {{"chargerId", "CP-A"},
                          {"connectorId", 1},
                          {"idTag", "CARD"},
                          {"expiryDate", "2099-01-01T00:00:00Z"}});
    ASSERT_EQ(mine.status, 201u) << mine.body;
    const auto theirs = api("POST", "/api/v1/reservations",
                            {{"chargerId", "CP-B"},
                             {"connectorId", 1},
                             {"idTag", "CARD"},
                             {"expiryDate", "2099-01-01T00:00:00Z"}});
    ASSERT_EQ(theirs.status, 201u);
    const auto listed = as(fleet_a_, "GET", "/api/v1/reservations").json()["items"];
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0]["chargerId"], "CP-A");
    const auto their_id = std::to_string(theirs.json()["id"].get<int>());
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/reservations/" + their_id).status, 404u);
    EXPECT_EQ(as(fleet_a_, "DELETE", "/api/v1/reservations/" + their_id).status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/reservations").json()["items"].size(), 2u);  // the admin sees both
}

TEST_F(OperationsScopeTest, TheEnergyOfficeReadsButDoesNotOperate) {
    EXPECT_EQ(as(office_a_, "POST", "/api/v1/chargers/CP-A/commands/Reset", {{"type", "Soft"}}).status, 403u);
    EXPECT_EQ(as(office_a_, "POST", "/api/v1/chargers/CP-A/remote-start", {{"idTag", "CARD"}}).status, 403u);
    EXPECT_EQ(as(office_a_, "POST", "/api/v1/reservations",
                 {{"chargerId", "CP-A"},
                  {"connectorId", 1},
                  {"idTag", "C"},
                  {"expiryDate", "2099-01-01T00:00:00Z"}})
                  .status,
              403u);
    EXPECT_EQ(as(office_a_, "POST", "/api/v1/desired-configuration",
                 {{"key", "K"}, {"value", "1"}, {"siteId", site_a_}})
                  .status,
              403u);
    EXPECT_EQ(as(office_a_, "GET", "/api/v1/chargers/CP-A/commands").status, 200u);
    EXPECT_EQ(as(office_a_, "GET", "/api/v1/chargers/CP-A/configuration").status, 200u);
    EXPECT_EQ(as(office_a_, "GET", "/api/v1/chargers/CP-B/configuration").status, 404u);
}

TEST_F(OperationsScopeTest, DesiredConfigurationBelongsToSitesOrToTheAdmin) {
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/desired-configuration",
                 {{"key", "K"}, {"value", "1"}, {"siteId", site_a_}})
                  .status,
              201u);
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/desired-configuration",
                 {{"key", "K"}, {"value", "1"}, {"siteId", site_b_}})
                  .status,
              422u);
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/desired-configuration", {{"key", "K"}, {"value", "1"}}).status,
              403u);
    ASSERT_EQ(
        api("POST", "/api/v1/desired-configuration", {{"key", "K2"}, {"value", "2"}, {"siteId", site_b_}})
            .status,
        201u);
    ASSERT_EQ(api("POST", "/api/v1/desired-configuration", {{"key", "K3"}, {"value", "3"}}).status, 201u);
    // A sees its site's entry and the one for every charger (it applies to A's chargers too), not B's.
    const auto listed = as(fleet_a_, "GET", "/api/v1/desired-configuration").json();
    EXPECT_EQ(listed["total"], 2);
}

TEST_F(OperationsScopeTest, TheEventStreamShowsOnlyChargersInScope) {
    EventStreamClient fleet(server_->port(), "/api/v1/events?types=connector.status", fleet_a_);
    EventStreamClient office(server_->port(), "/api/v1/events?types=connector.status", office_a_);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the streams load which charger is whose
    charger_b_->call("StatusNotification",
                     {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Faulted"}});
    charger_a_->call("StatusNotification",
                     {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Charging"}});
    for (auto* stream : {&fleet, &office}) {
        const auto event = stream->next();
        ASSERT_TRUE(event);
        EXPECT_EQ(event->data["chargerId"], "CP-A");
        EXPECT_FALSE(stream->next(std::chrono::milliseconds(300)));
    }
}

}  // namespace
}  // namespace parkgrid::testing
