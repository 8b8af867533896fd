// The organisation model through the REST API as the admin: create, read, list, change and delete every
// kind, with validation errors that name the field.

#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

using OrganisationTest = OrganisationApiTest;

// Expects a 422 that names `field`.
void expect_invalid(const HttpResult& result, const std::string& field) {
    EXPECT_EQ(result.status, 422u) << result.body;
    if (result.status == 422u) {
        EXPECT_EQ(result.json()["field"], field) << result.body;
    }
}

std::vector<std::int64_t> ids(const HttpResult& list) {
    std::vector<std::int64_t> out;
    const auto body = list.json();  // outlives the loop
    for (const auto& item : body["items"]) {
        out.push_back(item["id"].get<std::int64_t>());
    }
    return out;
}

TEST_F(OrganisationTest, InstitutionRoundTrip) {
    const auto created = api("POST", "/api/v1/institutions",
                             {{"name", "北京市第五中学"},
                              {"unifiedSocialCreditCode", kCodeC},
                              {"type", "public_institution"},
                              {"sector", "education"},
                              {"region", "110101"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto institution = created.json();
    const auto id = institution["id"].get<std::int64_t>();
    EXPECT_EQ(institution["name"], "北京市第五中学");
    EXPECT_EQ(institution["unifiedSocialCreditCode"], kCodeC);
    EXPECT_EQ(institution["type"], "public_institution");
    EXPECT_EQ(institution["sector"], "education");
    EXPECT_EQ(institution["region"], "110101");
    EXPECT_TRUE(institution["createdAt"].get<std::string>().ends_with("Z"));
    EXPECT_EQ(api("GET", "/api/v1/institutions/" + std::to_string(id)).json(), institution);

    const auto other = create_institution("Ministry of Water", kCodeA);
    const auto list = api("GET", "/api/v1/institutions");
    EXPECT_EQ(ids(list), (std::vector<std::int64_t>{other, id}));
    EXPECT_EQ(list.json()["total"], 2);
    EXPECT_EQ(ids(api("GET", "/api/v1/institutions?type=public_institution")),
              (std::vector<std::int64_t>{id}));
    EXPECT_EQ(ids(api("GET", "/api/v1/institutions?q=water")), (std::vector<std::int64_t>{other}));
    const auto page = api("GET", "/api/v1/institutions?limit=1&offset=1");
    EXPECT_EQ(ids(page), (std::vector<std::int64_t>{id}));
    EXPECT_EQ(page.json()["total"], 2);

    const auto target = "/api/v1/institutions/" + std::to_string(id);
    const auto renamed = api("PATCH", target, {{"name", "Fifth Middle School"}, {"region", nullptr}});
    ASSERT_EQ(renamed.status, 200u) << renamed.body;
    EXPECT_EQ(renamed.json()["name"], "Fifth Middle School");
    EXPECT_EQ(renamed.json()["region"], nullptr);
    EXPECT_EQ(renamed.json()["sector"], "education") << "fields not sent stay";
    expect_invalid(api("PATCH", target, {{"type", "state_organ"}}), "sector");
    const auto organ = api("PATCH", target, {{"type", "state_organ"}, {"sector", nullptr}});
    EXPECT_EQ(organ.status, 200u) << organ.body;
    expect_invalid(api("PATCH", target, {{"type", "public_institution"}}), "sector");
    expect_invalid(api("PATCH", target, {{"name", nullptr}}), "name");

    const auto duplicate = api("PATCH", target, {{"unifiedSocialCreditCode", kCodeA}});
    EXPECT_EQ(duplicate.status, 409u);
    EXPECT_EQ(duplicate.json()["field"], "unifiedSocialCreditCode");
    EXPECT_EQ(api("POST", "/api/v1/institutions",
                  {{"name", "Copy"}, {"unifiedSocialCreditCode", kCodeA}, {"type", "state_organ"}})
                  .status,
              409u);

    EXPECT_EQ(api("DELETE", target).status, 204u);
    EXPECT_EQ(api("GET", target).status, 404u);
    EXPECT_EQ(api("DELETE", target).status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/institutions/abc").status, 404u);
    EXPECT_EQ(api("PATCH", "/api/v1/institutions/999", {{"name", "x"}}).status, 404u);
}

TEST_F(OrganisationTest, InstitutionValidationNamesTheField) {
    const nlohmann::json valid = {
        {"name", "A"}, {"unifiedSocialCreditCode", kCodeA}, {"type", "state_organ"}};
    const auto with = [&](const std::string& key, const nlohmann::json& value) {
        auto body = valid;
        body[key] = value;
        return api("POST", "/api/v1/institutions", body);
    };
    expect_invalid(with("unifiedSocialCreditCode", "11110000MB0000001X"), "unifiedSocialCreditCode");
    EXPECT_NE(with("unifiedSocialCreditCode", "11110000MB0000001X")
                  .json()["message"]
                  .get<std::string>()
                  .find("check character"),
              std::string::npos);
    expect_invalid(with("unifiedSocialCreditCode", "1111"), "unifiedSocialCreditCode");
    expect_invalid(with("unifiedSocialCreditCode", "11110000mb0000001y"), "unifiedSocialCreditCode");
    expect_invalid(with("type", "company"), "type");
    expect_invalid(with("sector", "health"), "sector");
    expect_invalid(with("sector", "military"), "sector");
    expect_invalid(with("region", "1101"), "region");
    expect_invalid(with("name", ""), "name");
    expect_invalid(with("nmae", "A"), "nmae");
    auto public_without_sector = valid;
    public_without_sector["type"] = "public_institution";
    expect_invalid(api("POST", "/api/v1/institutions", public_without_sector), "sector");
    auto missing_code = valid;
    missing_code.erase("unifiedSocialCreditCode");
    expect_invalid(api("POST", "/api/v1/institutions", missing_code), "unifiedSocialCreditCode");
    expect_invalid(api("GET", "/api/v1/institutions?type=company"), "type");
    EXPECT_EQ(with("region", "Beijing, Xicheng").status, 201u);
}

TEST_F(OrganisationTest, SiteRoundTrip) {
    const auto institution = create_institution("A", kCodeA);
    const auto other = create_institution("B", kCodeB);
    const auto created =
        api("POST", "/api/v1/sites",
            {{"institutionId", institution}, {"name", "Garage B1"}, {"address", "1 Sanlihe Road"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto site = created.json();
    const auto id = site["id"].get<std::int64_t>();
    EXPECT_EQ(site["institutionId"], institution);
    EXPECT_EQ(site["timeZone"], "Asia/Shanghai") << "the default";
    EXPECT_EQ(site["address"], "1 Sanlihe Road");
    const auto target = "/api/v1/sites/" + std::to_string(id);
    EXPECT_EQ(api("GET", target).json(), site);

    const auto urumqi =
        create("/api/v1/sites", {{"institutionId", other}, {"name", "Yard"}, {"timeZone", "Asia/Urumqi"}});
    EXPECT_EQ(ids(api("GET", "/api/v1/sites")), (std::vector<std::int64_t>{id, urumqi}));
    EXPECT_EQ(ids(api("GET", "/api/v1/sites?institutionId=" + std::to_string(other))),
              (std::vector<std::int64_t>{urumqi}));
    EXPECT_EQ(ids(api("GET", "/api/v1/sites?q=garage")), (std::vector<std::int64_t>{id}));
    EXPECT_EQ(api("GET", "/api/v1/sites?limit=1").json()["total"], 2);

    const auto changed = api("PATCH", target, {{"timeZone", "Asia/Harbin"}, {"address", nullptr}});
    ASSERT_EQ(changed.status, 200u) << changed.body;
    EXPECT_EQ(changed.json()["timeZone"], "Asia/Harbin");
    EXPECT_EQ(changed.json()["address"], nullptr);
    EXPECT_EQ(changed.json()["name"], "Garage B1");

    expect_invalid(api("PATCH", target, {{"timeZone", "Asia/Beijing"}}), "timeZone");
    expect_invalid(api("PATCH", target, {{"timeZone", "../../etc/passwd"}}), "timeZone");
    expect_invalid(api("PATCH", target, {{"institutionId", other}}), "institutionId");
    expect_invalid(api("PATCH", target, {{"timeZone", nullptr}}), "timeZone");
    expect_invalid(api("POST", "/api/v1/sites", {{"institutionId", 999}, {"name", "X"}}), "institutionId");
    expect_invalid(api("POST", "/api/v1/sites", {{"institutionId", "1"}, {"name", "X"}}), "institutionId");
    expect_invalid(api("POST", "/api/v1/sites", {{"name", "X"}}), "institutionId");
    expect_invalid(api("POST", "/api/v1/sites", {{"institutionId", institution}}), "name");
    const auto duplicate =
        api("POST", "/api/v1/sites", {{"institutionId", institution}, {"name", "Garage B1"}});
    EXPECT_EQ(duplicate.status, 409u);
    EXPECT_EQ(duplicate.json()["field"], "name");

    // A site with chargers cannot be deleted; unassigning them first allows it.
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}, {"siteId", id}}).status, 201u);
    const auto refused = api("DELETE", target);
    EXPECT_EQ(refused.status, 409u);
    EXPECT_NE(refused.json()["message"].get<std::string>().find("chargers (1)"), std::string::npos)
        << refused.body;
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"siteId", nullptr}}).status, 200u);
    EXPECT_EQ(api("DELETE", target).status, 204u);
    EXPECT_EQ(api("GET", target).status, 404u);
}

TEST_F(OrganisationTest, DepartmentRoundTrip) {
    const auto institution = create_institution("A", kCodeA);
    const auto other = create_institution("B", kCodeB);
    const auto fleet = create_department(institution, "Fleet");
    const auto created = api("POST", "/api/v1/departments",
                             {{"institutionId", institution}, {"name", "Car pool"}, {"parentId", fleet}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto pool = created.json()["id"].get<std::int64_t>();
    EXPECT_EQ(created.json()["parentId"], fleet);
    EXPECT_EQ(api("GET", "/api/v1/departments/" + std::to_string(pool)).json(), created.json());
    EXPECT_EQ(ids(api("GET", "/api/v1/departments?parentId=" + std::to_string(fleet))),
              (std::vector<std::int64_t>{pool}));

    const auto foreign = create_department(other, "Fleet B");
    expect_invalid(api("POST", "/api/v1/departments",
                       {{"institutionId", institution}, {"name", "X"}, {"parentId", foreign}}),
                   "parentId");
    const auto fleet_target = "/api/v1/departments/" + std::to_string(fleet);
    expect_invalid(api("PATCH", fleet_target, {{"parentId", pool}}), "parentId");  // a cycle
    expect_invalid(api("PATCH", fleet_target, {{"parentId", fleet}}), "parentId");
    expect_invalid(api("PATCH", fleet_target, {{"institutionId", other}}), "institutionId");
    const auto renamed = api("PATCH", "/api/v1/departments/" + std::to_string(pool),
                             {{"name", "Pool"}, {"parentId", nullptr}});
    ASSERT_EQ(renamed.status, 200u) << renamed.body;
    EXPECT_EQ(renamed.json()["parentId"], nullptr);
    EXPECT_EQ(renamed.json()["name"], "Pool");

    // A department with vehicles cannot be deleted.
    const auto vehicle = create("/api/v1/vehicles", {{"institutionId", institution},
                                                     {"departmentId", fleet},
                                                     {"plateNumber", "京A12345"},
                                                     {"kind", "petrol"},
                                                     {"acquiredDate", "2020-01-01"}});
    const auto refused = api("DELETE", fleet_target);
    EXPECT_EQ(refused.status, 409u);
    EXPECT_NE(refused.json()["message"].get<std::string>().find("vehicles (1)"), std::string::npos)
        << refused.body;
    ASSERT_EQ(api("DELETE", "/api/v1/vehicles/" + std::to_string(vehicle)).status, 204u);
    EXPECT_EQ(api("DELETE", fleet_target).status, 204u);
}

TEST_F(OrganisationTest, VehicleRoundTrip) {
    const auto institution = create_institution("A", kCodeA);
    const auto department = create_department(institution, "Fleet");
    const nlohmann::json body = {{"institutionId", institution},
                                 {"departmentId", department},
                                 {"plateNumber", "京AD12345"},
                                 {"make", "BYD"},
                                 {"model", "Han EV"},
                                 {"kind", "BEV"},
                                 {"batteryKwh", 85.4},
                                 {"usualDepartureTime", "07:30"},
                                 {"priority", 8},
                                 {"acquiredDate", "2024-05-20"}};
    const auto created = api("POST", "/api/v1/vehicles", body);
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto vehicle = created.json();
    for (const auto& [key, value] : body.items()) {
        EXPECT_EQ(vehicle[key], value) << key;
    }
    EXPECT_EQ(vehicle["retiredDate"], nullptr);
    const auto id = vehicle["id"].get<std::int64_t>();
    const auto target = "/api/v1/vehicles/" + std::to_string(id);
    EXPECT_EQ(api("GET", target).json(), vehicle);

    const auto minimal = create("/api/v1/vehicles", {{"institutionId", institution},
                                                     {"plateNumber", "京A00001"},
                                                     {"kind", "diesel"},
                                                     {"acquiredDate", "2019-01-01"}});
    EXPECT_EQ(api("GET", "/api/v1/vehicles/" + std::to_string(minimal)).json()["priority"], 5)
        << "the default";
    EXPECT_EQ(ids(api("GET", "/api/v1/vehicles?kind=BEV")), (std::vector<std::int64_t>{id}));
    EXPECT_EQ(ids(api("GET", "/api/v1/vehicles?q=a000")), (std::vector<std::int64_t>{minimal}));
    EXPECT_EQ(ids(api("GET", "/api/v1/vehicles?departmentId=" + std::to_string(department))),
              (std::vector<std::int64_t>{id}));
    EXPECT_EQ(api("GET", "/api/v1/vehicles").json()["total"], 2);
    expect_invalid(api("GET", "/api/v1/vehicles?kind=hydrogen"), "kind");

    const auto with = [&](const std::string& key, const nlohmann::json& value) {
        auto changed = body;
        changed["plateNumber"] = "京B99999";
        changed[key] = value;
        return api("POST", "/api/v1/vehicles", changed);
    };
    expect_invalid(with("plateNumber", "京a12345"), "plateNumber");
    expect_invalid(with("plateNumber", "XA12345"), "plateNumber");
    expect_invalid(with("plateNumber", "京A123"), "plateNumber");
    expect_invalid(with("kind", "hydrogen"), "kind");
    expect_invalid(with("kind", "petrol"), "batteryKwh");
    expect_invalid(with("batteryKwh", -1), "batteryKwh");
    expect_invalid(with("batteryKwh", "85"), "batteryKwh");
    expect_invalid(with("priority", 11), "priority");
    expect_invalid(with("priority", 2.5), "priority");
    expect_invalid(with("usualDepartureTime", "25:00"), "usualDepartureTime");
    expect_invalid(with("acquiredDate", "2024-02-30"), "acquiredDate");
    expect_invalid(with("acquiredDate", nullptr), "acquiredDate");
    expect_invalid(with("retiredDate", "2020-01-01"), "retiredDate");
    expect_invalid(with("departmentId", 999), "departmentId");
    expect_invalid(with("institutionId", 999), "institutionId");
    const auto duplicate = with("plateNumber", "京AD12345");
    EXPECT_EQ(duplicate.status, 409u);
    EXPECT_EQ(duplicate.json()["field"], "plateNumber");

    expect_invalid(api("PATCH", target, {{"kind", "petrol"}}), "batteryKwh");
    const auto petrol =
        api("PATCH", target, {{"kind", "petrol"}, {"batteryKwh", nullptr}, {"make", nullptr}});
    ASSERT_EQ(petrol.status, 200u) << petrol.body;
    EXPECT_EQ(petrol.json()["kind"], "petrol");
    EXPECT_EQ(petrol.json()["batteryKwh"], nullptr);
    EXPECT_EQ(petrol.json()["make"], nullptr);
    EXPECT_EQ(petrol.json()["model"], "Han EV");
    const auto retired = api("PATCH", target, {{"retiredDate", "2026-06-30"}, {"departmentId", nullptr}});
    EXPECT_EQ(retired.json()["retiredDate"], "2026-06-30");
    EXPECT_EQ(retired.json()["departmentId"], nullptr);
    expect_invalid(api("PATCH", target, {{"acquiredDate", "2027-01-01"}}), "retiredDate");
    expect_invalid(api("PATCH", target, {{"priority", nullptr}}), "priority");
    EXPECT_EQ(api("PATCH", target, {{"plateNumber", "京A00001"}}).status, 409u);

    // Deleting a vehicle keeps its id tags, without the link.
    ASSERT_EQ(
        api("POST", "/api/v1/id-tags",
            {{"idTag", "CARD-1"}, {"status", "Accepted"}, {"institutionId", institution}, {"vehicleId", id}})
            .status,
        201u);
    EXPECT_EQ(api("DELETE", target).status, 204u);
    EXPECT_EQ(api("GET", target).status, 404u);
    const auto tag = api("GET", "/api/v1/id-tags/CARD-1").json();
    EXPECT_EQ(tag["vehicleId"], nullptr);
    EXPECT_EQ(tag["institutionId"], institution);
}

TEST_F(OrganisationTest, DriverRoundTrip) {
    const auto institution = create_institution("A", kCodeA);
    const auto other = create_institution("B", kCodeB);
    const nlohmann::json body = {{"institutionId", institution},
                                 {"name", "王芳"},
                                 {"employeeNumber", "E-001"},
                                 {"phone", "+86 138 0013 8000"}};
    const auto created = api("POST", "/api/v1/drivers", body);
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto id = created.json()["id"].get<std::int64_t>();
    for (const auto& [key, value] : body.items()) {
        EXPECT_EQ(created.json()[key], value) << key;
    }
    const auto target = "/api/v1/drivers/" + std::to_string(id);
    EXPECT_EQ(api("GET", target).json(), created.json());

    const auto duplicate = api("POST", "/api/v1/drivers",
                               {{"institutionId", institution}, {"name", "Li"}, {"employeeNumber", "E-001"}});
    EXPECT_EQ(duplicate.status, 409u);
    EXPECT_EQ(duplicate.json()["field"], "employeeNumber");
    EXPECT_EQ(api("POST", "/api/v1/drivers",
                  {{"institutionId", other}, {"name", "Li"}, {"employeeNumber", "E-001"}})
                  .status,
              201u)
        << "numbers are unique per institution";
    expect_invalid(api("POST", "/api/v1/drivers",
                       {{"institutionId", institution}, {"name", "Li"}, {"phone", "call me"}}),
                   "phone");
    expect_invalid(api("POST", "/api/v1/drivers",
                       {{"institutionId", institution},
                        {"name", "Li"},
                        {"departmentId", create_department(other, "B")}}),
                   "departmentId");
    expect_invalid(api("POST", "/api/v1/drivers", {{"institutionId", institution}}), "name");
    EXPECT_EQ(ids(api("GET", "/api/v1/drivers?q=e-001&institutionId=" + std::to_string(institution))),
              (std::vector<std::int64_t>{id}));

    const auto changed = api("PATCH", target, {{"phone", nullptr}, {"employeeNumber", "E-002"}});
    ASSERT_EQ(changed.status, 200u) << changed.body;
    EXPECT_EQ(changed.json()["phone"], nullptr);
    EXPECT_EQ(changed.json()["employeeNumber"], "E-002");
    expect_invalid(api("PATCH", target, {{"name", nullptr}}), "name");

    ASSERT_EQ(
        api("POST", "/api/v1/id-tags",
            {{"idTag", "CARD-2"}, {"status", "Accepted"}, {"institutionId", institution}, {"driverId", id}})
            .status,
        201u);
    EXPECT_EQ(api("GET", "/api/v1/id-tags?driverId=" + std::to_string(id)).json()["total"], 1);
    EXPECT_EQ(api("DELETE", target).status, 204u);
    EXPECT_EQ(api("GET", "/api/v1/id-tags/CARD-2").json()["driverId"], nullptr);
}

TEST_F(OrganisationTest, IdTagOwnersBelongToTheTagsInstitution) {
    const auto a = create_institution("A", kCodeA);
    const auto b = create_institution("B", kCodeB);
    const auto vehicle = create_vehicle(a, "京A12345");
    const auto driver = create_driver(a, "Li");
    const nlohmann::json tag = {{"idTag", "CARD-1"}, {"status", "Accepted"}};
    const auto with = [&](const nlohmann::json& extra) {
        auto body = tag;
        body.update(extra);
        return api("POST", "/api/v1/id-tags", body);
    };
    expect_invalid(with({{"institutionId", b}, {"vehicleId", vehicle}}), "vehicleId");
    expect_invalid(with({{"vehicleId", vehicle}}), "vehicleId");  // a global tag has no owner
    expect_invalid(with({{"institutionId", a}, {"vehicleId", vehicle}, {"driverId", driver}}), "driverId");
    expect_invalid(with({{"institutionId", 999}}), "institutionId");
    const auto created = with({{"institutionId", a}, {"vehicleId", vehicle}});
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.json()["institutionId"], a);
    EXPECT_EQ(created.json()["vehicleId"], vehicle);
    EXPECT_EQ(created.json()["driverId"], nullptr);

    expect_invalid(api("PATCH", "/api/v1/id-tags/CARD-1", {{"institutionId", b}}), "vehicleId");
    const auto to_driver =
        api("PATCH", "/api/v1/id-tags/CARD-1", {{"vehicleId", nullptr}, {"driverId", driver}});
    ASSERT_EQ(to_driver.status, 200u) << to_driver.body;
    EXPECT_EQ(to_driver.json()["driverId"], driver);
    const auto moved = api("PATCH", "/api/v1/id-tags/CARD-1", {{"institutionId", b}, {"driverId", nullptr}});
    ASSERT_EQ(moved.status, 200u) << moved.body;
    EXPECT_EQ(moved.json()["institutionId"], b);

    ASSERT_EQ(api("POST", "/api/v1/id-tags", {{"idTag", "GLOBAL"}, {"status", "Accepted"}}).status, 201u);
    const auto list = api("GET", "/api/v1/id-tags");
    EXPECT_EQ(list.json()["total"], 2);
    EXPECT_EQ(api("GET", "/api/v1/id-tags?institutionId=" + std::to_string(b)).json()["total"], 1);
}

TEST_F(OrganisationTest, ChargersBelongToSites) {
    const auto institution = create_institution("A", kCodeA);
    const auto site = create_site(institution, "Garage");
    const auto created = api("POST", "/api/v1/chargers", {{"id", "CP-1"}, {"siteId", site}});
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.json()["siteId"], site);
    EXPECT_EQ(created.json()["institutionId"], institution);
    expect_invalid(api("POST", "/api/v1/chargers", {{"id", "CP-2"}, {"siteId", 999}}), "siteId");
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-2"}}).status, 201u);

    const auto list = api("GET", "/api/v1/chargers?siteId=" + std::to_string(site)).json();
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["id"], "CP-1");
    EXPECT_EQ(list["total"], 1);
    EXPECT_EQ(api("GET", "/api/v1/chargers?institutionId=" + std::to_string(institution)).json()["total"], 1);
    EXPECT_EQ(api("GET", "/api/v1/chargers").json()["total"], 2);
    EXPECT_EQ(api("GET", "/api/v1/chargers?limit=1&offset=1").json()["items"][0]["id"], "CP-2");

    const auto assigned = api("PATCH", "/api/v1/chargers/CP-2", {{"siteId", site}, {"description", "Bay 2"}});
    ASSERT_EQ(assigned.status, 200u) << assigned.body;
    EXPECT_EQ(assigned.json()["siteId"], site);
    EXPECT_EQ(assigned.json()["institutionId"], institution);
    expect_invalid(api("PATCH", "/api/v1/chargers/CP-2", {{"siteId", 999}}), "siteId");
    expect_invalid(api("PATCH", "/api/v1/chargers/CP-2", {{"siteId", "one"}}), "siteId");
    const auto unassigned = api("PATCH", "/api/v1/chargers/CP-2", {{"siteId", nullptr}});
    EXPECT_EQ(unassigned.json()["siteId"], nullptr);
    EXPECT_EQ(unassigned.json()["institutionId"], nullptr);
}

TEST_F(OrganisationTest, AnInstitutionInUseCannotBeDeleted) {
    const auto institution = create_institution("A", kCodeA);
    const auto site = create_site(institution, "Garage");
    const auto department = create_department(institution, "Fleet");
    const auto target = "/api/v1/institutions/" + std::to_string(institution);
    const auto refused = api("DELETE", target);
    EXPECT_EQ(refused.status, 409u);
    const auto message = refused.json()["message"].get<std::string>();
    EXPECT_NE(message.find("sites (1)"), std::string::npos) << message;
    EXPECT_NE(message.find("departments (1)"), std::string::npos) << message;
    ASSERT_EQ(api("DELETE", "/api/v1/sites/" + std::to_string(site)).status, 204u);
    ASSERT_EQ(api("DELETE", "/api/v1/departments/" + std::to_string(department)).status, 204u);
    EXPECT_EQ(api("DELETE", target).status, 204u);
}

}  // namespace
}  // namespace parkgrid::testing
