// Energy statistics against the real binary: a charging session across the 23:00 peak/valley boundary
// accounted by time-of-use period, the energy report and its groupings, scopes, the standard reports as JSON,
// CSV and XLSX, export jobs, data-quality findings, conversion factors, odometer readings, and the charger
// rating and site service fee they use.

#include <thread>

#include "http_exchange.hpp"
#include "organisation_fixture.hpp"

namespace parkgrid::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kByteOrderMark = "\xEF\xBB\xBF";

// Expects a 422 that names `field`.
void expect_invalid(const HttpResult& result, const std::string& field) {
    EXPECT_EQ(result.status, 422u) << result.body;
    if (result.status == 422u) {
        EXPECT_EQ(result.json()["field"], field) << result.body;
    }
}

// The fields of one CSV line (no quoted fields in the lines the tests look at).
std::vector<std::string> csv_fields(const std::string& line) {
    std::vector<std::string> fields;
    std::size_t start = 0;
    for (;;) {
        const auto comma = line.find(',', start);
        fields.push_back(line.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
        if (comma == std::string::npos) {
            return fields;
        }
        start = comma + 1;
    }
}

// The first CSV line starting with `prefix`, without its CRLF.
std::string csv_line(const std::string& csv, const std::string& prefix) {
    std::size_t start = 0;
    while (start < csv.size()) {
        const auto end = csv.find("\r\n", start);
        const auto line = csv.substr(start, end == std::string::npos ? std::string::npos : end - start);
        if (line.starts_with(prefix)) {
            return line;
        }
        if (end == std::string::npos) {
            break;
        }
        start = end + 2;
    }
    return {};
}

class EnergyReportApiTest : public OrganisationApiTest {
protected:
    void SetUp() override {
        OrganisationApiTest::SetUp();
        institution_ = create_institution("Institution A", kCodeA);
        site_ = create_site(institution_, "Garage A");
        department_ = create_department(institution_, "车队");
        vehicle_ = create("/api/v1/vehicles", {{"institutionId", institution_},
                                               {"departmentId", department_},
                                               {"plateNumber", "京AD12345"},
                                               {"kind", "BEV"},
                                               {"acquiredDate", "2025-03-01"}});
        create_id_tag("CAR-A", "Accepted", {{"institutionId", institution_}, {"vehicleId", vehicle_}});
        // Valley from 23:00 to 07:00 at 0.30 CNY/kWh, flat by day, peak from 19:00 to 23:00 at 1.00.
        const auto tariff =
            api("PUT", site_path(site_, "/tariff"),
                {{"periods",
                  {{{"kind", "valley"}, {"start", "23:00"}, {"end", "07:00"}, {"pricePerKwh", 0.3}},
                   {{"kind", "flat"}, {"start", "07:00"}, {"end", "19:00"}, {"pricePerKwh", 0.6}},
                   {{"kind", "peak"}, {"start", "19:00"}, {"end", "23:00"}, {"pricePerKwh", 1.0}}}}});
        ASSERT_EQ(tariff.status, 200u) << tariff.body;
        const auto fee = api("PATCH", site_path(site_), {{"serviceFeePerKwh", 0.5}});
        ASSERT_EQ(fee.status, 200u) << fee.body;
        charger_ = connect_at("CP-E1", site_);
    }

    static std::string site_path(std::int64_t site, const std::string& rest = "") {
        return "/api/v1/sites/" + std::to_string(site) + rest;
    }

    std::unique_ptr<OcppTestClient> connect_at(const std::string& id, std::int64_t site) {
        auto client = connect_accepted(id);
        const auto assigned = api("PATCH", "/api/v1/chargers/" + id, {{"siteId", site}});
        EXPECT_EQ(assigned.status, 200u) << assigned.body;
        return client;
    }

    static int start(OcppTestClient& charger, const std::string& id_tag, int meter_start,
                     const std::string& at) {
        const auto answer = charger.call(
            "StartTransaction",
            {{"connectorId", 1}, {"idTag", id_tag}, {"meterStart", meter_start}, {"timestamp", at}});
        EXPECT_EQ(answer.type, 3) << answer.error_description;
        return answer.payload["transactionId"].get<int>();
    }

    static void register_reading(OcppTestClient& charger, int transaction, int wh, const std::string& at) {
        const auto answer = charger.call("MeterValues", {{"connectorId", 1},
                                                         {"transactionId", transaction},
                                                         {"meterValue",
                                                          {{{"timestamp", at},
                                                            {"sampledValue",
                                                             {{{"value", std::to_string(wh)},
                                                               {"measurand", "Energy.Active.Import.Register"},
                                                               {"unit", "Wh"}}}}}}}});
        EXPECT_EQ(answer.type, 3) << answer.error_description;
    }

    static void stop(OcppTestClient& charger, int transaction, const std::string& id_tag, int meter_stop,
                     const std::string& at) {
        const auto answer = charger.call("StopTransaction", {{"transactionId", transaction},
                                                             {"idTag", id_tag},
                                                             {"meterStop", meter_stop},
                                                             {"timestamp", at}});
        EXPECT_EQ(answer.type, 3) << answer.error_description;
    }

    // 22:30 to 23:30 Beijing time on 10 March 2026 (UTC+8), 6 kWh: 2000 Wh to 22:45 and 3000 Wh from 22:45 to
    // 23:15, split evenly at 23:00 (1500 + 1500), then 1000 Wh to 23:30. Peak 3500 Wh at 1.00 = 350 fen,
    // valley 2500 Wh at 0.30 = 75 fen; service fee 6 kWh at 0.50 = 300 fen.
    int charge_across_valley_boundary() {
        const int id = start(*charger_, "CAR-A", 1000, "2026-03-10T14:30:00Z");
        register_reading(*charger_, id, 3000, "2026-03-10T14:45:00Z");
        register_reading(*charger_, id, 6000, "2026-03-10T15:15:00Z");
        stop(*charger_, id, "CAR-A", 7000, "2026-03-10T15:30:00Z");
        return id;
    }

    nlohmann::json report(const std::string& query, const std::string& token = kAdminToken) {
        const auto result = as(token, "GET", "/api/v1/reports/energy?" + query);
        EXPECT_EQ(result.status, 200u) << result.body;
        return result.json();
    }

    std::string institution_path(std::int64_t institution, const std::string& rest) {
        return "/api/v1/reports/institutions/" + std::to_string(institution) + rest;
    }

    HttpExchange download(const std::string& target) {
        return http_exchange(server_->port(), "GET", target, "",
                             {{"Authorization", "Bearer " + std::string(kAdminToken)}});
    }

    std::int64_t institution_ = 0;
    std::int64_t site_ = 0;
    std::int64_t department_ = 0;
    std::int64_t vehicle_ = 0;
    std::unique_ptr<OcppTestClient> charger_;
};

TEST_F(EnergyReportApiTest, SessionAcrossThePeakValleyBoundaryIsSplitAndPricedExactly) {
    charge_across_valley_boundary();

    const auto month = report("from=2026-03-01&to=2026-04-01");
    EXPECT_EQ(month["groupBy"], "institution");
    EXPECT_EQ(month["period"], "month");
    ASSERT_EQ(month["rows"].size(), 1u) << month;
    const auto& row = month["rows"][0];
    EXPECT_EQ(row["id"], std::to_string(institution_));
    EXPECT_EQ(row["name"], "Institution A");
    EXPECT_EQ(row["period"], "2026-03");
    EXPECT_EQ(row["wh"], 6000);
    EXPECT_EQ(row["kwh"], 6.0);
    EXPECT_EQ(row["sessions"], 1);
    EXPECT_EQ(row["chargingHours"], 1.0);
    EXPECT_EQ(row["costFen"], 425);
    EXPECT_EQ(row["cost"], 4.25);
    EXPECT_EQ(row["serviceFeeFen"], 300);
    EXPECT_EQ(row["kwhByPeriod"]["peak"], 3.5);
    EXPECT_EQ(row["kwhByPeriod"]["valley"], 2.5);
    EXPECT_EQ(row["kwhByPeriod"]["flat"], 0.0);
    EXPECT_EQ(row["kwhByPeriod"]["sharpPeak"], 0.0);
    EXPECT_EQ(row["kwhByPeriod"]["unclassified"], 0.0);
    EXPECT_EQ(month["totals"]["wh"], 6000);
    EXPECT_EQ(month["totals"]["costFen"], 425);

    // Local dates: the whole session is on the 10th in Beijing, although it ends on the 10th UTC too; a day
    // report starting on the 11th has nothing.
    const auto day = report("period=day&from=2026-03-10&to=2026-03-11");
    ASSERT_EQ(day["rows"].size(), 1u) << day;
    EXPECT_EQ(day["rows"][0]["period"], "2026-03-10");
    EXPECT_EQ(day["rows"][0]["costFen"], 425);
    EXPECT_TRUE(report("period=day&from=2026-03-11&to=2026-03-12")["rows"].empty());
}

TEST_F(EnergyReportApiTest, TransactionShowsItsOwnLedger) {
    const auto open = start(*charger_, "CAR-A", 1000, "2026-03-10T14:30:00Z");
    const auto before = api("GET", "/api/v1/transactions/" + std::to_string(open));
    ASSERT_EQ(before.status, 200u) << before.body;
    EXPECT_TRUE(before.json()["energy"].is_null()) << "an open session has no ledger yet";
    register_reading(*charger_, open, 3000, "2026-03-10T14:45:00Z");
    register_reading(*charger_, open, 6000, "2026-03-10T15:15:00Z");
    stop(*charger_, open, "CAR-A", 7000, "2026-03-10T15:30:00Z");

    const auto energy = api("GET", "/api/v1/transactions/" + std::to_string(open)).json()["energy"];
    ASSERT_TRUE(energy.is_object()) << energy;
    EXPECT_EQ(energy["wh"], 6000);
    EXPECT_EQ(energy["source"], "register");
    EXPECT_EQ(energy["costFen"], 425);
    EXPECT_EQ(energy["serviceFeeFen"], 300);
    EXPECT_TRUE(energy["accountedAt"].is_string());
    ASSERT_EQ(energy["parts"].size(), 2u) << energy;
    EXPECT_EQ(energy["parts"][0], (nlohmann::json{{"localDate", "2026-03-10"},
                                                  {"period", "peak"},
                                                  {"wh", 3500},
                                                  {"seconds", 1800},
                                                  {"pricePerKwh", 1.0},
                                                  {"costFen", 350},
                                                  {"serviceFeeFen", 175}}));
    EXPECT_EQ(energy["parts"][1]["period"], "valley");
    EXPECT_EQ(energy["parts"][1]["wh"], 2500);
    EXPECT_EQ(energy["parts"][1]["costFen"], 75);
}

TEST_F(EnergyReportApiTest, TransactionsNameTheirVehicleAsAtTheStartAndFilterByIt) {
    const auto first = charge_across_valley_boundary();
    // The card moves to another vehicle: the first session stays with the first vehicle.
    const auto other = create("/api/v1/vehicles", {{"institutionId", institution_},
                                                   {"plateNumber", "京AD54321"},
                                                   {"kind", "BEV"},
                                                   {"acquiredDate", "2025-03-01"}});
    ASSERT_EQ(api("PATCH", "/api/v1/id-tags/CAR-A", {{"vehicleId", other}}).status, 200u);
    const auto second = start(*charger_, "CAR-A", 7000, "2026-03-11T01:00:00Z");

    const auto shown = api("GET", "/api/v1/transactions/" + std::to_string(first)).json();
    EXPECT_EQ(shown["vehicleId"], vehicle_);
    EXPECT_EQ(shown["departmentId"], department_);
    EXPECT_EQ(shown["institutionId"], institution_);
    EXPECT_EQ(shown["siteId"], site_);
    EXPECT_TRUE(shown["driverId"].is_null());

    const auto ids_of = [this](std::int64_t vehicle) {
        std::vector<int> ids;
        const auto listed = api("GET", "/api/v1/transactions?vehicleId=" + std::to_string(vehicle)).json();
        for (const auto& item : listed["items"]) {
            ids.push_back(item["id"].get<int>());
            EXPECT_EQ(item["vehicleId"], vehicle);
        }
        EXPECT_EQ(listed["total"], ids.size());
        return ids;
    };
    EXPECT_EQ(ids_of(vehicle_), std::vector<int>{first});
    EXPECT_EQ(ids_of(other), std::vector<int>{second});
    EXPECT_EQ(api("GET", "/api/v1/transactions?vehicleId=0").status, 422u);
}

TEST_F(EnergyReportApiTest, GroupingsAndPeriods) {
    charge_across_valley_boundary();
    const std::map<std::string, std::string> ids = {{"institution", std::to_string(institution_)},
                                                    {"site", std::to_string(site_)},
                                                    {"department", std::to_string(department_)},
                                                    {"vehicle", std::to_string(vehicle_)},
                                                    {"charger", "CP-E1"}};
    for (const auto& [group, id] : ids) {
        const auto grouped = report("groupBy=" + group + "&from=2026-01-01&to=2027-01-01&period=quarter");
        EXPECT_EQ(grouped["groupBy"], group);
        ASSERT_EQ(grouped["rows"].size(), 1u) << grouped;
        EXPECT_EQ(grouped["rows"][0]["id"], id) << group;
        EXPECT_EQ(grouped["rows"][0]["period"], "2026-Q1") << group;
        EXPECT_EQ(grouped["rows"][0]["wh"], 6000) << group;
    }
    EXPECT_EQ(report("groupBy=site&from=2026-03-01&to=2026-04-01")["rows"][0]["name"], "Garage A");
    EXPECT_EQ(report("groupBy=vehicle&from=2026-03-01&to=2026-04-01")["rows"][0]["name"], "京AD12345");
    const auto year = report("period=year&from=2026-01-01&to=2027-01-01");
    EXPECT_EQ(year["rows"][0]["period"], "2026");
    EXPECT_EQ(
        report("from=2026-03-01&to=2026-04-01&institutionId=" + std::to_string(institution_))["rows"].size(),
        1u);
    EXPECT_TRUE(report("from=2026-04-01&to=2026-05-01")["rows"].empty());

    // Vehicle rows: distance from odometer readings (the last before the month, the last in it); unknown
    // without two readings.
    const auto unknown = report("groupBy=vehicle&from=2026-03-01&to=2026-04-01");
    EXPECT_EQ(unknown["rows"][0]["distanceKm"], nullptr) << unknown;
    EXPECT_EQ(unknown["rows"][0]["kwhPer100km"], nullptr) << unknown;
    const auto readings = "/api/v1/vehicles/" + std::to_string(vehicle_) + "/odometer-readings";
    EXPECT_EQ(api("POST", readings, {{"readAt", "2026-02-20T02:00:00Z"}, {"odometerKm", 10000}}).status,
              201u);
    EXPECT_EQ(api("POST", readings, {{"readAt", "2026-03-20T02:00:00Z"}, {"odometerKm", 10040}}).status,
              201u);
    const auto vehicles = report("groupBy=vehicle&from=2026-03-01&to=2026-04-01");
    EXPECT_EQ(vehicles["rows"][0]["distanceKm"], 40.0) << vehicles;
    EXPECT_EQ(vehicles["rows"][0]["kwhPer100km"], 15.0) << vehicles;
    EXPECT_FALSE(report("from=2026-03-01&to=2026-04-01")["rows"][0].contains("distanceKm"));
}

TEST_F(EnergyReportApiTest, ParametersAreValidatedByName) {
    const std::string base = "/api/v1/reports/energy?";
    expect_invalid(api("GET", base + "to=2026-04-01"), "from");
    expect_invalid(api("GET", base + "from=2026-03-01"), "to");
    expect_invalid(api("GET", base + "from=2026-02-30&to=2026-04-01"), "from");
    expect_invalid(api("GET", base + "from=2026-03-01&to=2026-03-01"), "to");
    expect_invalid(api("GET", base + "from=2026-03-01&to=2026-04-01&groupBy=building"), "groupBy");
    expect_invalid(api("GET", base + "from=2026-03-01&to=2026-04-01&period=week"), "period");
    expect_invalid(api("GET", base + "from=2026-03-01&to=2026-04-01&institutionId=x"), "institutionId");
    expect_invalid(api("GET", base + "period=day&from=2026-01-01&to=2027-01-03"), "to");
    EXPECT_EQ(api("GET", base + "period=day&from=2026-01-01&to=2027-01-02").status, 200u) << "366 days";
    expect_invalid(api("GET", base + "from=2000-01-01&to=2020-01-02"), "to");
    EXPECT_EQ(api("GET", base + "from=2000-01-01&to=2020-01-01").status, 200u) << "20 years";

    const auto ledger = "/api/v1/reports/institutions/" + std::to_string(institution_) + "/monthly-ledger";
    expect_invalid(api("GET", ledger), "month");
    expect_invalid(api("GET", ledger + "?month=2026-Q1"), "month");
    expect_invalid(api("GET", ledger + "?month=2026-13"), "month");
    expect_invalid(api("GET", ledger + "?month=2026-03&format=pdf"), "format");
    expect_invalid(api("GET", ledger + "?month=2026-03&lang=fr"), "lang");
    expect_invalid(api("GET", "/api/v1/reports/institutions/" + std::to_string(institution_) +
                                  "/quarterly?quarter=2026-Q5"),
                   "quarter");
    expect_invalid(
        api("GET", "/api/v1/reports/institutions/" + std::to_string(institution_) + "/annual?year=26"),
        "year");
    EXPECT_EQ(api("GET", "/api/v1/reports/institutions/999/monthly-ledger?month=2026-03").status, 404u);

    expect_invalid(api("GET", "/api/v1/reports/fleet-inventory?period=2026"), "institutionId");
    expect_invalid(
        api("GET", "/api/v1/reports/fleet-inventory?institutionId=" + std::to_string(institution_)),
        "period");
    expect_invalid(api("GET", "/api/v1/reports/fleet-inventory?institutionId=" +
                                  std::to_string(institution_) + "&period=2026-W10"),
                   "period");
}

TEST_F(EnergyReportApiTest, ScopesFollowTheSessionsInstitution) {
    charge_across_valley_boundary();
    const auto institution_b = create_institution("Institution B", kCodeB);
    const auto site_b = create_site(institution_b, "Garage B");
    const auto vehicle_b = create_vehicle(institution_b, "京AD54321");
    create_id_tag("CAR-B", "Accepted", {{"institutionId", institution_b}, {"vehicleId", vehicle_b}});
    auto charger_b = connect_at("CP-E2", site_b);
    const int id_b = start(*charger_b, "CAR-B", 0, "2026-03-11T02:00:00Z");
    stop(*charger_b, id_b, "CAR-B", 2000, "2026-03-11T03:00:00Z");

    const auto energy_a = create_token("energy-a", "energy_office", {institution_});
    const auto all = report("from=2026-03-01&to=2026-04-01");
    EXPECT_EQ(all["rows"].size(), 2u) << all;
    EXPECT_EQ(all["totals"]["wh"], 8000);
    const auto mine = report("from=2026-03-01&to=2026-04-01", energy_a);
    ASSERT_EQ(mine["rows"].size(), 1u) << mine;
    EXPECT_EQ(mine["rows"][0]["id"], std::to_string(institution_));
    EXPECT_EQ(mine["totals"]["wh"], 6000);
    EXPECT_TRUE(report("from=2026-03-01&to=2026-04-01&institutionId=" + std::to_string(institution_b),
                       energy_a)["rows"]
                    .empty());
    EXPECT_EQ(report("groupBy=charger&from=2026-03-01&to=2026-04-01", energy_a)["rows"].size(), 1u);

    // Another institution's reports are not found; an energy office changes no vehicle data.
    const auto b = std::to_string(institution_b);
    EXPECT_EQ(
        as(energy_a, "GET", "/api/v1/reports/fleet-inventory?institutionId=" + b + "&period=2026").status,
        404u);
    EXPECT_EQ(as(energy_a, "GET", institution_path(institution_b, "/monthly-ledger?month=2026-03")).status,
              404u);
    EXPECT_EQ(as(energy_a, "GET", "/api/v1/data-quality/score?institutionId=" + b + "&period=2026-03").status,
              404u);
    EXPECT_EQ(as(energy_a, "GET", institution_path(institution_, "/monthly-ledger?month=2026-03")).status,
              200u);
    EXPECT_EQ(as(energy_a, "POST", "/api/v1/vehicles/" + std::to_string(vehicle_) + "/odometer-readings",
                 {{"readAt", "2026-03-01T00:00:00Z"}, {"odometerKm", 1}})
                  .status,
              403u);
    EXPECT_EQ(
        as(energy_a, "GET", "/api/v1/vehicles/" + std::to_string(vehicle_b) + "/odometer-readings").status,
        404u);
    const auto findings = as(energy_a, "GET", "/api/v1/data-quality/findings?limit=1000").json();
    for (const auto& finding : findings["items"]) {
        EXPECT_EQ(finding["institutionId"], institution_) << finding;
    }
}

TEST_F(EnergyReportApiTest, StandardReportsAsJsonCsvAndXlsx) {
    charge_across_valley_boundary();
    const auto ledger = institution_path(institution_, "/monthly-ledger?month=2026-03");
    const auto json = api("GET", ledger);
    ASSERT_EQ(json.status, 200u) << json.body;
    const auto workbook = json.json();
    ASSERT_FALSE(workbook["sheets"].empty());
    const auto& sheet = workbook["sheets"][0];
    EXPECT_EQ(sheet["name"], "Ledger");
    ASSERT_EQ(sheet["rows"].size(), 1u);
    EXPECT_EQ(sheet["totals"][10], 6.0);   // kWh
    EXPECT_EQ(sheet["totals"][16], 4.25);  // energy cost, CNY
    EXPECT_EQ(sheet["totals"][17], 3.0);   // service fee

    const auto csv = download(ledger + "&format=csv");
    ASSERT_EQ(csv.status, 200u) << csv.body;
    EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
    EXPECT_EQ(csv.header("content-disposition"),
              "attachment; filename=\"ledger-" + std::to_string(institution_) + "-2026-03.csv\"");
    EXPECT_TRUE(csv.body.starts_with(kByteOrderMark));
    const auto totals = csv_fields(csv_line(csv.body, "合计 / Total"));
    ASSERT_GT(totals.size(), 17u) << csv.body;
    EXPECT_EQ(totals[10], "6.000");
    EXPECT_EQ(std::stod(totals[10]), sheet["totals"][10].get<double>());
    EXPECT_EQ(std::stod(totals[16]), sheet["totals"][16].get<double>());
    EXPECT_NE(csv.body.find("月度充电台账"), std::string::npos) << "Chinese by default";
    const auto english = download(ledger + "&format=csv&lang=en");
    EXPECT_NE(english.body.find("Monthly charging ledger"), std::string::npos);

    const auto xlsx = download(ledger + "&format=xlsx");
    ASSERT_EQ(xlsx.status, 200u) << xlsx.body;
    EXPECT_EQ(xlsx.header("content-type"),
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    EXPECT_EQ(xlsx.header("content-disposition"),
              "attachment; filename=\"ledger-" + std::to_string(institution_) + "-2026-03.xlsx\"");
    EXPECT_TRUE(xlsx.body.starts_with("PK"));

    const auto quarterly = api("GET", institution_path(institution_, "/quarterly?quarter=2026-Q1&lang=en"));
    ASSERT_EQ(quarterly.status, 200u) << quarterly.body;
    EXPECT_EQ(quarterly.json()["sheets"][0]["name"], "Summary");
    const auto annual = download(institution_path(institution_, "/annual?year=2026&format=csv"));
    EXPECT_EQ(annual.status, 200u);
    EXPECT_EQ(annual.header("content-disposition"),
              "attachment; filename=\"annual-" + std::to_string(institution_) + "-2026.csv\"");
}

TEST_F(EnergyReportApiTest, ExportJobRunsToDoneAndItsFileDownloads) {
    charge_across_valley_boundary();
    const auto created = api("POST", "/api/v1/reports/exports",
                             {{"report", "monthly-ledger"},
                              {"institutionId", institution_},
                              {"period", "2026-03"},
                              {"format", "csv"},
                              {"lang", "en"}});
    ASSERT_EQ(created.status, 202u) << created.body;
    const auto job = created.json();
    EXPECT_EQ(job["status"], "running");
    EXPECT_EQ(job["report"], "monthly-ledger");
    EXPECT_EQ(job["period"], "2026-03");
    EXPECT_EQ(job["format"], "csv");
    EXPECT_EQ(job["institutionId"], institution_);
    EXPECT_TRUE(job["progress"].contains("done"));
    const auto id = job["id"].get<std::string>();
    EXPECT_EQ(id.size(), 32u);

    nlohmann::json state;
    for (int attempt = 0; attempt < 100; ++attempt) {
        state = api("GET", "/api/v1/reports/exports/" + id).json();
        if (state["status"] != "running") {
            break;
        }
        std::this_thread::sleep_for(100ms);
    }
    ASSERT_EQ(state["status"], "done") << state;
    EXPECT_EQ(state["progress"]["done"], state["progress"]["total"]);
    EXPECT_EQ(state["fileUrl"], "/api/v1/reports/exports/" + id + "/file");

    const auto file = download(state["fileUrl"].get<std::string>());
    ASSERT_EQ(file.status, 200u) << file.body;
    EXPECT_EQ(file.header("content-disposition"),
              "attachment; filename=\"ledger-" + std::to_string(institution_) + "-2026-03.csv\"");
    EXPECT_EQ(
        file.body,
        download(institution_path(institution_, "/monthly-ledger?month=2026-03&format=csv&lang=en")).body);

    // Only its creator (and admins) see a job.
    const auto energy_a = create_token("energy-a", "energy_office", {institution_});
    EXPECT_EQ(as(energy_a, "GET", "/api/v1/reports/exports/" + id).status, 404u);
    EXPECT_EQ(as(energy_a, "GET", "/api/v1/reports/exports/" + id + "/file").status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/reports/exports/0123456789abcdef").status, 404u);

    const auto xlsx =
        as(energy_a, "POST", "/api/v1/reports/exports",
           {{"report", "annual"}, {"institutionId", institution_}, {"period", "2026"}, {"format", "xlsx"}});
    ASSERT_EQ(xlsx.status, 202u) << xlsx.body;
    EXPECT_EQ(xlsx.json()["lang"], "zh");
    expect_invalid(api("POST", "/api/v1/reports/exports",
                       {{"report", "quarterly"},
                        {"institutionId", institution_},
                        {"period", "2026-03"},
                        {"format", "csv"}}),
                   "period");
    expect_invalid(
        api("POST", "/api/v1/reports/exports",
            {{"report", "weekly"}, {"institutionId", institution_}, {"period", "2026"}, {"format", "csv"}}),
        "report");
    expect_invalid(as(energy_a, "POST", "/api/v1/reports/exports",
                      {{"report", "annual"}, {"institutionId", 999}, {"period", "2026"}, {"format", "csv"}}),
                   "institutionId");
}

TEST_F(EnergyReportApiTest, ZeroEnergySessionIsAFindingCountedInTheReport) {
    charge_across_valley_boundary();
    const auto before =
        report("from=2026-03-01&to=2026-04-01")["rows"][0]["dataQuality"]["warnings"].get<int>();
    const int zero = start(*charger_, "CAR-A", 7000, "2026-03-12T01:00:00Z");
    stop(*charger_, zero, "CAR-A", 7000, "2026-03-12T01:20:00Z");

    const auto found = api("GET", "/api/v1/data-quality/findings?kind=zero_energy");
    ASSERT_EQ(found.status, 200u) << found.body;
    const auto findings = found.json();
    ASSERT_EQ(findings["total"], 1) << findings;
    const auto& finding = findings["items"][0];
    EXPECT_EQ(finding["kind"], "zero_energy");
    EXPECT_EQ(finding["severity"], "warning");
    EXPECT_EQ(finding["transactionId"], zero);
    EXPECT_EQ(finding["chargerId"], "CP-E1");
    EXPECT_EQ(finding["institutionId"], institution_);
    EXPECT_EQ(finding["vehicleId"], vehicle_);
    EXPECT_EQ(finding["localDate"], "2026-03-12");
    EXPECT_TRUE(finding["evidence"].is_object());
    EXPECT_EQ(finding["evidence"]["totalWh"], 0);
    EXPECT_TRUE(finding["detectedAt"].get<std::string>().ends_with("Z"));
    const auto one = api("GET", "/api/v1/data-quality/findings/" + std::to_string(finding["id"].get<int>()));
    EXPECT_EQ(one.status, 200u);
    EXPECT_EQ(one.json()["kind"], "zero_energy");
    EXPECT_EQ(api("GET", "/api/v1/data-quality/findings/999999").status, 404u);

    // The report row counts every warning about the zero-energy session.
    const auto about_zero =
        api("GET", "/api/v1/data-quality/findings?severity=warning&transactionId=" + std::to_string(zero))
            .json();
    const auto after =
        report("from=2026-03-01&to=2026-04-01")["rows"][0]["dataQuality"]["warnings"].get<int>();
    EXPECT_EQ(after, before + about_zero["total"].get<int>());
    EXPECT_GE(after, before + 1);

    const auto score = api("GET", "/api/v1/data-quality/score?institutionId=" + std::to_string(institution_) +
                                      "&period=2026-03");
    ASSERT_EQ(score.status, 200u) << score.body;
    EXPECT_EQ(score.json()["sessions"], 2);
    EXPECT_GE(score.json()["flaggedSessions"], 1);
    EXPECT_TRUE(score.json()["score"].is_number_integer());
    EXPECT_EQ(score.json()["from"], "2026-03-01");
    EXPECT_EQ(score.json()["to"], "2026-04-01");
    expect_invalid(api("GET", "/api/v1/data-quality/findings?severity=fatal"), "severity");
    expect_invalid(api("GET", "/api/v1/data-quality/findings?from=2026-3-1"), "from");
}

TEST_F(EnergyReportApiTest, QualityRunsOnDemand) {
    charge_across_valley_boundary();
    const auto run = api("POST", "/api/v1/data-quality/runs", {{"period", "2026-03"}});
    ASSERT_EQ(run.status, 200u) << run.body;
    for (const auto* key : {"accounted", "findings", "newFindings"}) {
        EXPECT_TRUE(run.json()[key].is_number_integer()) << key;
    }
    EXPECT_EQ(run.json()["accounted"], 0) << "the session was accounted at its stop";
    EXPECT_EQ(
        api("POST", "/api/v1/data-quality/runs", {{"period", "2026-Q1"}, {"institutionId", institution_}})
            .status,
        200u);

    const auto institution_b = create_institution("Institution B", kCodeB);
    const auto energy_a = create_token("energy-a", "energy_office", {institution_});
    expect_invalid(as(energy_a, "POST", "/api/v1/data-quality/runs", {{"period", "2026-03"}}),
                   "institutionId");
    expect_invalid(as(energy_a, "POST", "/api/v1/data-quality/runs",
                      {{"period", "2026-03"}, {"institutionId", institution_b}}),
                   "institutionId");
    EXPECT_EQ(as(energy_a, "POST", "/api/v1/data-quality/runs",
                 {{"period", "2026-03"}, {"institutionId", institution_}})
                  .status,
              200u);
    expect_invalid(api("POST", "/api/v1/data-quality/runs", {{"period", "March"}}), "period");
    expect_invalid(api("POST", "/api/v1/data-quality/runs", nlohmann::json::object()), "period");
}

TEST_F(EnergyReportApiTest, FactorsCrudAndTheirUseInReports) {
    // ParkGrid comes with defaults of every kind (older years than those added here).
    const auto seeded = api("GET", "/api/v1/energy-factors").json()["defaults"].size();
    EXPECT_GE(seeded, 6u);
    const auto created = api("POST", "/api/v1/energy-factors",
                             {{"kind", "grid_co2_kg_per_kwh"},
                              {"value", 0.5},
                              {"year", 2025},
                              {"source", "National grid average emission factor 2025"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto grid = created.json();
    EXPECT_EQ(grid["unit"], "kgCO2/kWh");
    EXPECT_EQ(grid["basis"], nullptr);
    EXPECT_EQ(grid["institutionSpecific"], false);
    const auto duplicate =
        api("POST", "/api/v1/energy-factors",
            {{"kind", "grid_co2_kg_per_kwh"}, {"value", 0.6}, {"year", 2025}, {"source", "Again"}});
    EXPECT_EQ(duplicate.status, 409u) << duplicate.body;

    expect_invalid(
        api("POST", "/api/v1/energy-factors",
            {{"kind", "coal_kgce_per_kwh"}, {"value", 0.1229}, {"year", 2025}, {"source", "GB/T 2589"}}),
        "basis");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "grid_co2_kg_per_kwh"},
                        {"value", 0.5},
                        {"year", 2024},
                        {"source", "x"},
                        {"basis", "equivalent"}}),
                   "basis");
    const auto coal = api("POST", "/api/v1/energy-factors",
                          {{"kind", "coal_kgce_per_kwh"},
                           {"value", 0.1229},
                           {"year", 2025},
                           {"source", "GB/T 2589-2020"},
                           {"basis", "equivalent"}});
    ASSERT_EQ(coal.status, 201u) << coal.body;
    EXPECT_EQ(coal.json()["unit"], "kgce/kWh");
    EXPECT_EQ(coal.json()["basis"], "equivalent");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "wood"}, {"value", 1}, {"year", 2025}, {"source", "x"}}),
                   "kind");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "petrol_co2_kg_per_l"}, {"value", 0}, {"year", 2025}, {"source", "x"}}),
                   "value");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "petrol_co2_kg_per_l"}, {"value", 2.3}, {"year", 1999}, {"source", "x"}}),
                   "year");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "petrol_co2_kg_per_l"}, {"value", 2.3}, {"year", 2025}}),
                   "source");
    expect_invalid(api("POST", "/api/v1/energy-factors",
                       {{"kind", "petrol_co2_kg_per_l"},
                        {"value", 2.3},
                        {"year", 2025},
                        {"source", std::string(301, 'x')}}),
                   "source");

    // Energy offices manage their own institutions' factors, not the defaults.
    const auto institution_b = create_institution("Institution B", kCodeB);
    const auto energy_a = create_token("energy-a", "energy_office", {institution_});
    EXPECT_EQ(as(energy_a, "POST", "/api/v1/energy-factors",
                 {{"kind", "grid_co2_kg_per_kwh"}, {"value", 0.6}, {"year", 2026}, {"source", "x"}})
                  .status,
              403u);
    expect_invalid(as(energy_a, "POST", "/api/v1/energy-factors",
                      {{"institutionId", institution_b},
                       {"kind", "grid_co2_kg_per_kwh"},
                       {"value", 0.6},
                       {"year", 2026},
                       {"source", "x"}}),
                   "institutionId");
    const auto own = as(energy_a, "POST", "/api/v1/energy-factors",
                        {{"institutionId", institution_},
                         {"kind", "grid_co2_kg_per_kwh"},
                         {"value", 0.6},
                         {"year", 2026},
                         {"source", "Provincial grid 2026"}});
    ASSERT_EQ(own.status, 201u) << own.body;
    EXPECT_EQ(own.json()["institutionSpecific"], true);

    const auto listed =
        as(energy_a, "GET", "/api/v1/energy-factors?institutionId=" + std::to_string(institution_));
    ASSERT_EQ(listed.status, 200u) << listed.body;
    const auto factors = listed.json();
    EXPECT_EQ(factors["defaults"].size(), seeded + 2);
    EXPECT_EQ(factors["institution"].size(), 1u);
    EXPECT_EQ(factors["effective"]["grid_co2_kg_per_kwh"]["value"], 0.6);
    EXPECT_EQ(factors["effective"]["coal_kgce_per_kwh"]["id"], coal.json()["id"]) << "the newest default";
    EXPECT_EQ(factors["effective"]["grid_co2_kg_per_kwh"]["institutionSpecific"], true);
    EXPECT_FALSE(api("GET", "/api/v1/energy-factors").json().contains("institution"));
    EXPECT_EQ(
        as(energy_a, "GET", "/api/v1/energy-factors?institutionId=" + std::to_string(institution_b)).status,
        404u);

    // The March 2026 session: the institution's own 2026 factor.
    charge_across_valley_boundary();
    const auto month = report("from=2026-03-01&to=2026-04-01");
    EXPECT_EQ(month["rows"][0]["co2Kg"], 3.6);     // 6 kWh x 0.6
    EXPECT_EQ(month["rows"][0]["tce"], 0.000737);  // 6 kWh x 0.1229 kgce, in tonnes
    EXPECT_EQ(month["factors"].size(), 6u) << "one of each kind";

    const auto own_id = std::to_string(own.json()["id"].get<int>());
    const auto grid_id = std::to_string(grid["id"].get<int>());
    EXPECT_EQ(as(energy_a, "DELETE", "/api/v1/energy-factors/" + grid_id).status, 403u);
    EXPECT_EQ(as(energy_a, "DELETE", "/api/v1/energy-factors/" + own_id).status, 204u);
    EXPECT_EQ(as(energy_a, "DELETE", "/api/v1/energy-factors/" + own_id).status, 404u);
    EXPECT_EQ(api("DELETE", "/api/v1/energy-factors/" + grid_id).status, 204u);
}

TEST_F(EnergyReportApiTest, OdometerReadingsOnlyCountUp) {
    const auto readings = "/api/v1/vehicles/" + std::to_string(vehicle_) + "/odometer-readings";
    const auto first =
        api("POST", readings, {{"readAt", "2026-03-01T00:00:00+08:00"}, {"odometerKm", 12000.5}});
    ASSERT_EQ(first.status, 201u) << first.body;
    EXPECT_EQ(first.json()["readAt"], "2026-02-28T16:00:00Z");
    EXPECT_EQ(first.json()["odometerKm"], 12000.5);
    EXPECT_EQ(first.json()["recordedBy"].get<std::string>().starts_with("token:"), true);
    EXPECT_EQ(first.json()["note"], nullptr);
    ASSERT_EQ(
        api("POST", readings, {{"readAt", "2026-03-31T00:00:00Z"}, {"odometerKm", 13000}, {"note", "月末"}})
            .status,
        201u);

    const auto same = api("POST", readings, {{"readAt", "2026-03-31T00:00:00Z"}, {"odometerKm", 13000}});
    EXPECT_EQ(same.status, 409u) << same.body;
    expect_invalid(api("POST", readings, {{"readAt", "2026-04-10T00:00:00Z"}, {"odometerKm", 12999}}),
                   "odometerKm");
    expect_invalid(api("POST", readings, {{"readAt", "2026-03-15T00:00:00Z"}, {"odometerKm", 13001}}),
                   "odometerKm");
    expect_invalid(api("POST", readings, {{"readAt", "2026-03-15T00:00:00Z"}, {"odometerKm", 11999}}),
                   "odometerKm");
    EXPECT_EQ(api("POST", readings, {{"readAt", "2026-03-15T00:00:00Z"}, {"odometerKm", 12500}}).status,
              201u);
    expect_invalid(api("POST", readings, {{"odometerKm", 1}}), "readAt");
    expect_invalid(api("POST", readings, {{"readAt", "yesterday"}, {"odometerKm", 1}}), "readAt");
    expect_invalid(api("POST", readings, {{"readAt", "2026-01-01T00:00:00Z"}}), "odometerKm");
    expect_invalid(api("POST", readings, {{"readAt", "2026-01-01T00:00:00Z"}, {"odometerKm", 2000001}}),
                   "odometerKm");
    expect_invalid(api("POST", readings, {{"readAt", "2026-01-01T00:00:00Z"}, {"odometerKm", -1}}),
                   "odometerKm");
    EXPECT_EQ(api("POST", "/api/v1/vehicles/999/odometer-readings",
                  {{"readAt", "2026-01-01T00:00:00Z"}, {"odometerKm", 1}})
                  .status,
              404u);

    const auto all = api("GET", readings).json();
    ASSERT_EQ(all["items"].size(), 3u) << all;
    EXPECT_EQ(all["items"][1]["odometerKm"], 12500.0) << "in time order";
    const auto some = api("GET", readings + "?from=2026-03-10T00:00:00Z&to=2026-03-31T00:00:00Z").json();
    ASSERT_EQ(some["items"].size(), 1u) << some;
    expect_invalid(api("GET", readings + "?from=soon"), "from");

    const auto id = std::to_string(all["items"][1]["id"].get<int>());
    EXPECT_EQ(api("DELETE", readings + "/" + id).status, 204u);
    EXPECT_EQ(api("DELETE", readings + "/" + id).status, 404u);
    EXPECT_EQ(api("GET", readings).json()["items"].size(), 2u);
}

TEST_F(EnergyReportApiTest, ChargerRatingSiteFeeAndFleetInventory) {
    const auto rated = api("PATCH", "/api/v1/chargers/CP-E1", {{"currentType", "AC"}, {"ratedPowerKw", 7}});
    ASSERT_EQ(rated.status, 200u) << rated.body;
    EXPECT_EQ(rated.json()["currentType"], "AC");
    EXPECT_EQ(rated.json()["ratedPowerKw"], 7.0);
    EXPECT_EQ(api("PATCH", "/api/v1/chargers/CP-E1", {{"description", "North wall"}}).json()["ratedPowerKw"],
              7.0)
        << "kept when not sent";
    expect_invalid(api("PATCH", "/api/v1/chargers/CP-E1", {{"currentType", "HVDC"}}), "currentType");
    expect_invalid(api("PATCH", "/api/v1/chargers/CP-E1", {{"ratedPowerKw", 0}}), "ratedPowerKw");
    expect_invalid(api("PATCH", "/api/v1/chargers/CP-E1", {{"ratedPowerKw", 1001}}), "ratedPowerKw");
    const auto cleared = api("PATCH", "/api/v1/chargers/CP-E1", {{"currentType", nullptr}});
    EXPECT_EQ(cleared.json()["currentType"], nullptr);
    EXPECT_EQ(cleared.json()["ratedPowerKw"], 7.0);
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-E1", {{"currentType", "AC"}}).status, 200u);

    const auto site = api("GET", site_path(site_)).json();
    EXPECT_EQ(site["serviceFeePerKwh"], 0.5);
    expect_invalid(api("PATCH", site_path(site_), {{"serviceFeePerKwh", 10.5}}), "serviceFeePerKwh");
    expect_invalid(api("PATCH", site_path(site_), {{"serviceFeePerKwh", nullptr}}), "serviceFeePerKwh");
    EXPECT_EQ(api("POST", "/api/v1/sites", {{"institutionId", institution_}, {"name", "Garage A2"}})
                  .json()["serviceFeePerKwh"],
              0.0);

    const auto inventory =
        api("GET", "/api/v1/reports/fleet-inventory?institutionId=" + std::to_string(institution_) +
                       "&period=2026-Q1");
    ASSERT_EQ(inventory.status, 200u) << inventory.body;
    const auto q1 = inventory.json();
    EXPECT_EQ(q1["period"], "2026-Q1");
    EXPECT_EQ(q1["from"], "2026-01-01");
    EXPECT_EQ(q1["to"], "2026-04-01");
    EXPECT_EQ(q1["inServiceByKind"], nlohmann::json({{"BEV", 1}, {"PHEV", 0}, {"petrol", 0}, {"diesel", 0}}));
    EXPECT_EQ(q1["addedByKind"]["BEV"], 0);
    EXPECT_EQ(q1["newEnergyShareOfAdded"], nullptr);
    EXPECT_EQ(q1["meetsTarget"], nullptr);
    EXPECT_EQ(q1["newEnergyShareTarget"], 0.3);
    ASSERT_EQ(q1["chargers"].size(), 1u) << q1;
    EXPECT_EQ(q1["chargers"][0],
              nlohmann::json({{"currentType", "AC"}, {"ratedPowerKw", 7.0}, {"count", 1}}));
    EXPECT_EQ(q1["chargersByType"], nlohmann::json({{"AC", 1}, {"DC", 0}, {"unknown", 0}}));

    create("/api/v1/vehicles", {{"institutionId", institution_},
                                {"plateNumber", "京A12345"},
                                {"kind", "petrol"},
                                {"acquiredDate", "2025-06-01"}});
    const auto year =
        api("GET",
            "/api/v1/reports/fleet-inventory?institutionId=" + std::to_string(institution_) + "&period=2025")
            .json();
    EXPECT_EQ(year["addedByKind"]["BEV"], 1);
    EXPECT_EQ(year["addedByKind"]["petrol"], 1);
    EXPECT_EQ(year["newEnergyShareOfAdded"], 0.5);
    EXPECT_EQ(year["meetsTarget"], true);
    EXPECT_EQ(api("GET", "/api/v1/reports/fleet-inventory?institutionId=999&period=2025").status, 404u);
}

}  // namespace
}  // namespace parkgrid::testing
