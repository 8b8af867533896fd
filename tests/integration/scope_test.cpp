// Roles and institution scopes on every resource: a fleet admin of institution A reads and changes A's
// objects only (B's answer 404, exactly like unknown ones), an energy office reads its institutions and
// changes nothing (403), the admin sees everything.

#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

class ScopeTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        OrganisationApiTest::SetUp();
        a_ = create_institution("Institution A", kCodeA);
        b_ = create_institution("Institution B", kCodeB);
        site_a_ = create_site(a_, "Garage A");
        site_b_ = create_site(b_, "Garage B");
        department_a_ = create_department(a_, "Fleet A");
        department_b_ = create_department(b_, "Fleet B");
        vehicle_a_ = create_vehicle(a_, "京A00001");
        vehicle_b_ = create_vehicle(b_, "京B00001");
        driver_a_ = create_driver(a_, "Driver A");
        driver_b_ = create_driver(b_, "Driver B");
        create_id_tag("TAG-A", "Accepted", {{"institutionId", a_}, {"vehicleId", vehicle_a_}});
        create_id_tag("TAG-B", "Accepted", {{"institutionId", b_}});
        create_id_tag("TAG-GLOBAL");

        charger_a_ = connect_accepted("CP-A");
        charger_b_ = connect_accepted("CP-B");
        EXPECT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-FREE"}}).status, 201u);
        EXPECT_EQ(api("PATCH", "/api/v1/chargers/CP-A", {{"siteId", site_a_}}).status, 200u);
        EXPECT_EQ(api("PATCH", "/api/v1/chargers/CP-B", {{"siteId", site_b_}}).status, 200u);
        transaction_a_ = start(*charger_a_, "TAG-A");
        transaction_b_ = start(*charger_b_, "TAG-B");

        fleet_a_ = create_token("fleet-a", "fleet_admin", {a_});
        energy_a_ = create_token("energy-a", "energy_office", {a_});
    }

    static int start(OcppTestClient& charger, const std::string& id_tag) {
        const auto answer = charger.call("StartTransaction", {{"connectorId", 1},
                                                              {"idTag", id_tag},
                                                              {"meterStart", 0},
                                                              {"timestamp", "2026-11-25T08:00:00Z"}});
        EXPECT_EQ(answer.type, 3) << answer.error_description;
        return answer.payload.value("transactionId", 0);
    }

    // The ids (or "id"/"idTag" strings) of a list answer, as JSON.
    static nlohmann::json listed(const HttpResult& result, const std::string& key = "id") {
        EXPECT_EQ(result.status, 200u) << result.body;
        nlohmann::json out = nlohmann::json::array();
        const auto body = result.json();  // outlives the loop
        for (const auto& item : body["items"]) {
            out.push_back(item[key]);
        }
        return out;
    }

    std::string path(const std::string& collection, std::int64_t id) {
        return "/api/v1/" + collection + "/" + std::to_string(id);
    }

    // One object of each kind that belongs to institution B (or to no institution).
    std::vector<std::string> objects_outside_a() {
        return {path("institutions", b_),           path("sites", site_b_),
                path("departments", department_b_), path("vehicles", vehicle_b_),
                path("drivers", driver_b_),         "/api/v1/id-tags/TAG-B",
                "/api/v1/id-tags/TAG-GLOBAL",       "/api/v1/chargers/CP-B",
                "/api/v1/chargers/CP-FREE",         path("transactions", transaction_b_)};
    }

    std::int64_t a_ = 0, b_ = 0, site_a_ = 0, site_b_ = 0, department_a_ = 0, department_b_ = 0;
    std::int64_t vehicle_a_ = 0, vehicle_b_ = 0, driver_a_ = 0, driver_b_ = 0;
    int transaction_a_ = 0, transaction_b_ = 0;
    std::unique_ptr<OcppTestClient> charger_a_, charger_b_;
    std::string fleet_a_, energy_a_;
};

TEST_F(ScopeTest, TheApiTokenContractGivesScopedCallers) {
    const auto token = api("POST", "/api/v1/api-tokens",
                           {{"name", "probe"}, {"role", "fleet_admin"}, {"institutionIds", {a_}}});
    ASSERT_EQ(token.status, 201u) << token.body;
    EXPECT_TRUE(token.json()["token"].is_string());
}

TEST_F(ScopeTest, ListsShowOnlyTheCallersInstitutions) {
    for (const auto& token : {fleet_a_, energy_a_}) {
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/institutions")), nlohmann::json({a_}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/sites")), nlohmann::json({site_a_}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/departments")), nlohmann::json({department_a_}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/vehicles")), nlohmann::json({vehicle_a_}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/drivers")), nlohmann::json({driver_a_}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/id-tags"), "idTag"), nlohmann::json({"TAG-A"}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/chargers")), nlohmann::json({"CP-A"}));
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/transactions")), nlohmann::json({transaction_a_}));
        EXPECT_EQ(as(token, "GET", "/api/v1/vehicles").json()["total"], 1);
        EXPECT_EQ(as(token, "GET", "/api/v1/chargers").json()["total"], 1);
        EXPECT_EQ(as(token, "GET", "/api/v1/transactions").json()["total"], 1);
        // Asking for B explicitly finds nothing rather than an error that would confirm it exists.
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/sites?institutionId=" + std::to_string(b_))),
                  nlohmann::json::array());
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/chargers?siteId=" + std::to_string(site_b_))),
                  nlohmann::json::array());
        EXPECT_EQ(listed(as(token, "GET", "/api/v1/transactions?chargerId=CP-B")), nlohmann::json::array());
    }
}

TEST_F(ScopeTest, ObjectsOfOtherInstitutionsAreNotFound) {
    for (const auto& token : {fleet_a_, energy_a_}) {
        for (const auto& target : objects_outside_a()) {
            const auto result = as(token, "GET", target);
            EXPECT_EQ(result.status, 404u) << target << " " << result.body;
        }
        for (const auto* sub : {"status-history", "connections", "anomalies"}) {
            EXPECT_EQ(as(token, "GET", std::string("/api/v1/chargers/CP-B/") + sub).status, 404u) << sub;
            EXPECT_EQ(as(token, "GET", std::string("/api/v1/chargers/CP-A/") + sub).status, 200u) << sub;
        }
        // In scope: every kind reads.
        for (const auto& target :
             {path("institutions", a_), path("sites", site_a_), path("departments", department_a_),
              path("vehicles", vehicle_a_), path("drivers", driver_a_), std::string("/api/v1/id-tags/TAG-A"),
              std::string("/api/v1/chargers/CP-A"), path("transactions", transaction_a_)}) {
            EXPECT_EQ(as(token, "GET", target).status, 200u) << target;
        }
    }
}

TEST_F(ScopeTest, AFleetAdminCannotChangeOtherInstitutionsObjects) {
    // Changing or deleting B's objects: 404, as if they did not exist.
    for (const auto& target : objects_outside_a()) {
        if (target.starts_with("/api/v1/institutions") || target.starts_with("/api/v1/transactions")) {
            continue;  // not changeable by fleet admins at all (403, below) or by anyone (no route)
        }
        const auto body = target.starts_with("/api/v1/id-tags")    ? nlohmann::json{{"status", "Blocked"}}
                          : target.starts_with("/api/v1/chargers") ? nlohmann::json{{"description", "mine"}}
                          : target.starts_with("/api/v1/vehicles") ? nlohmann::json{{"priority", 1}}
                                                                   : nlohmann::json{{"name", "mine"}};
        const auto patched = as(fleet_a_, "PATCH", target, body);
        EXPECT_EQ(patched.status, 404u) << target << " " << patched.body;
        if (!target.starts_with("/api/v1/chargers")) {
            EXPECT_EQ(as(fleet_a_, "DELETE", target).status, 404u) << target;
        }
    }
    EXPECT_EQ(api("GET", "/api/v1/id-tags/TAG-B").json()["status"], "Accepted") << "nothing changed";
    EXPECT_EQ(api("GET", path("sites", site_b_)).json()["name"], "Garage B");

    // Creating objects in B, or linking A's objects to B's: 422 naming the field.
    const auto b = b_;
    for (const auto& [collection, body] : std::vector<std::pair<std::string, nlohmann::json>>{
             {"sites", {{"institutionId", b}, {"name", "Mine"}}},
             {"departments", {{"institutionId", b}, {"name", "Mine"}}},
             {"vehicles",
              {{"institutionId", b},
               {"plateNumber", "京C00001"},
               {"kind", "BEV"},
               {"acquiredDate", "2025-01-01"}}},
             {"drivers", {{"institutionId", b}, {"name", "Mine"}}},
             {"id-tags", {{"idTag", "MINE"}, {"status", "Accepted"}, {"institutionId", b}}}}) {
        const auto created = as(fleet_a_, "POST", "/api/v1/" + collection, body);
        EXPECT_EQ(created.status, 422u) << collection << " " << created.body;
        EXPECT_EQ(created.json().value("field", ""), "institutionId") << collection;
    }
    const auto into_b = as(fleet_a_, "PATCH", "/api/v1/chargers/CP-A", {{"siteId", site_b_}});
    EXPECT_EQ(into_b.status, 422u);
    EXPECT_EQ(into_b.json().value("field", ""), "siteId");
    const auto department =
        as(fleet_a_, "PATCH", path("vehicles", vehicle_a_), {{"departmentId", department_b_}});
    EXPECT_EQ(department.json().value("field", ""), "departmentId");
    const auto owner = as(fleet_a_, "PATCH", "/api/v1/id-tags/TAG-A", {{"vehicleId", vehicle_b_}});
    EXPECT_EQ(owner.json().value("field", ""), "vehicleId");
    const auto moved =
        as(fleet_a_, "PATCH", "/api/v1/id-tags/TAG-A", {{"institutionId", b_}, {"vehicleId", nullptr}});
    EXPECT_EQ(moved.json().value("field", ""), "institutionId");
    const auto global = as(fleet_a_, "POST", "/api/v1/id-tags", {{"idTag", "MINE"}, {"status", "Accepted"}});
    EXPECT_EQ(global.json().value("field", ""), "institutionId") << "global tags are the admin's";
}

TEST_F(ScopeTest, AFleetAdminOperatesItsOwnInstitution) {
    const auto site = as(fleet_a_, "POST", "/api/v1/sites", {{"institutionId", a_}, {"name", "Annex"}});
    ASSERT_EQ(site.status, 201u) << site.body;
    const auto site_id = site.json()["id"].get<std::int64_t>();
    EXPECT_EQ(as(fleet_a_, "PATCH", path("sites", site_id), {{"address", "North gate"}}).status, 200u);
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/departments", {{"institutionId", a_}, {"name", "Pool"}}).status,
              201u);
    EXPECT_EQ(as(fleet_a_, "PATCH", path("vehicles", vehicle_a_),
                 {{"departmentId", department_a_}, {"priority", 9}})
                  .status,
              200u);
    EXPECT_EQ(as(fleet_a_, "POST", "/api/v1/drivers", {{"institutionId", a_}, {"name", "New driver"}}).status,
              201u);
    EXPECT_EQ(
        as(fleet_a_, "POST", "/api/v1/id-tags",
           {{"idTag", "TAG-A2"}, {"status", "Accepted"}, {"institutionId", a_}, {"driverId", driver_a_}})
            .status,
        201u);
    EXPECT_EQ(as(fleet_a_, "PATCH", "/api/v1/id-tags/TAG-A", {{"status", "Blocked"}}).status, 200u);

    const auto charger =
        as(fleet_a_, "PATCH", "/api/v1/chargers/CP-A", {{"siteId", site_id}, {"description", "Bay 1"}});
    ASSERT_EQ(charger.status, 200u) << charger.body;
    EXPECT_EQ(charger.json()["siteId"], site_id);
    EXPECT_EQ(as(fleet_a_, "DELETE", path("sites", site_a_)).status, 204u) << "its charger moved away";
    EXPECT_EQ(as(fleet_a_, "DELETE", path("drivers", driver_a_)).status, 204u);
    EXPECT_EQ(as(fleet_a_, "DELETE", "/api/v1/id-tags/TAG-A2").status, 204u);

    // Handing a charger back (unassigning it) is allowed; afterwards it is the admin's.
    EXPECT_EQ(as(fleet_a_, "PATCH", "/api/v1/chargers/CP-A", {{"siteId", nullptr}}).status, 200u);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/CP-A").status, 404u);
}

TEST_F(ScopeTest, AFleetAdminDoesNotManageInstitutionsOrRegisterChargers) {
    const auto forbidden = [&](const std::string& method, const std::string& target,
                               const nlohmann::json& body) {
        const auto result = as(fleet_a_, method, target, body);
        EXPECT_EQ(result.status, 403u) << method << " " << target << " " << result.body;
        EXPECT_EQ(result.json().value("error", ""), "forbidden");
    };
    forbidden("POST", "/api/v1/institutions",
              {{"name", "Mine"}, {"unifiedSocialCreditCode", kCodeC}, {"type", "state_organ"}});
    forbidden("PATCH", path("institutions", a_), {{"name", "Renamed"}});
    forbidden("DELETE", path("institutions", a_), nullptr);
    forbidden("POST", "/api/v1/chargers", {{"id", "CP-NEW"}, {"siteId", site_a_}});
    forbidden("PATCH", "/api/v1/chargers/CP-A", {{"registrationStatus", "Rejected"}});
    EXPECT_EQ(api("GET", "/api/v1/chargers/CP-A").json()["registrationStatus"], "Accepted");
}

TEST_F(ScopeTest, AnEnergyOfficeReadsButChangesNothing) {
    const auto forbidden = [&](const std::string& method, const std::string& target,
                               const nlohmann::json& body) {
        const auto result = as(energy_a_, method, target, body);
        EXPECT_EQ(result.status, 403u) << method << " " << target << " " << result.body;
    };
    // In scope and out of scope alike: the role decides first.
    for (const auto institution : {a_, b_}) {
        forbidden("POST", "/api/v1/sites", {{"institutionId", institution}, {"name", "X"}});
        forbidden("POST", "/api/v1/departments", {{"institutionId", institution}, {"name", "X"}});
        forbidden("POST", "/api/v1/vehicles",
                  {{"institutionId", institution},
                   {"plateNumber", "京C00001"},
                   {"kind", "BEV"},
                   {"acquiredDate", "2025-01-01"}});
        forbidden("POST", "/api/v1/drivers", {{"institutionId", institution}, {"name", "X"}});
        forbidden("POST", "/api/v1/id-tags",
                  {{"idTag", "X"}, {"status", "Accepted"}, {"institutionId", institution}});
    }
    forbidden("POST", "/api/v1/institutions",
              {{"name", "X"}, {"unifiedSocialCreditCode", kCodeC}, {"type", "state_organ"}});
    forbidden("POST", "/api/v1/chargers", {{"id", "CP-NEW"}});
    for (const auto& target :
         {path("institutions", a_), path("sites", site_a_), path("departments", department_a_),
          path("vehicles", vehicle_a_), path("drivers", driver_a_), std::string("/api/v1/id-tags/TAG-A"),
          path("sites", site_b_)}) {
        forbidden("PATCH", target, {{"name", "X"}});
        forbidden("DELETE", target, nullptr);
    }
    forbidden("PATCH", "/api/v1/chargers/CP-A", {{"description", "X"}});
    EXPECT_EQ(api("GET", path("sites", site_a_)).json()["name"], "Garage A");
    EXPECT_EQ(as(energy_a_, "GET", path("transactions", transaction_a_)).json()["chargerId"], "CP-A");
}

TEST_F(ScopeTest, TheAdminSeesEverything) {
    EXPECT_EQ(listed(api("GET", "/api/v1/institutions")), nlohmann::json({a_, b_}));
    EXPECT_EQ(listed(api("GET", "/api/v1/sites")), nlohmann::json({site_a_, site_b_}));
    EXPECT_EQ(listed(api("GET", "/api/v1/vehicles")), nlohmann::json({vehicle_a_, vehicle_b_}));
    EXPECT_EQ(listed(api("GET", "/api/v1/drivers")), nlohmann::json({driver_a_, driver_b_}));
    EXPECT_EQ(listed(api("GET", "/api/v1/departments")), nlohmann::json({department_a_, department_b_}));
    EXPECT_EQ(listed(api("GET", "/api/v1/id-tags"), "idTag"),
              nlohmann::json({"TAG-A", "TAG-B", "TAG-GLOBAL"}));
    EXPECT_EQ(listed(api("GET", "/api/v1/chargers")), nlohmann::json({"CP-A", "CP-B", "CP-FREE"}));
    EXPECT_EQ(listed(api("GET", "/api/v1/transactions")), nlohmann::json({transaction_b_, transaction_a_}));
    for (const auto& target : objects_outside_a()) {
        EXPECT_EQ(api("GET", target).status, 200u) << target;
    }
    // Connection logs stay readable for identities that were never registered.
    EXPECT_EQ(api("GET", "/api/v1/chargers/NEVER-SEEN/connections").status, 200u);
    EXPECT_EQ(as(fleet_a_, "GET", "/api/v1/chargers/NEVER-SEEN/connections").status, 404u);
}

TEST_F(ScopeTest, AScopeWithSeveralInstitutionsSeesThemAll) {
    const auto both = create_token("energy-ab", "energy_office", {a_, b_});
    EXPECT_EQ(listed(as(both, "GET", "/api/v1/sites")), nlohmann::json({site_a_, site_b_}));
    EXPECT_EQ(listed(as(both, "GET", "/api/v1/chargers")), nlohmann::json({"CP-A", "CP-B"}));
    EXPECT_EQ(listed(as(both, "GET", "/api/v1/id-tags"), "idTag"), nlohmann::json({"TAG-A", "TAG-B"}));
    EXPECT_EQ(as(both, "GET", "/api/v1/id-tags/TAG-GLOBAL").status, 404u);
    EXPECT_EQ(as(both, "GET", "/api/v1/chargers/CP-FREE").status, 404u);
}

}  // namespace
}  // namespace parkgrid::testing
