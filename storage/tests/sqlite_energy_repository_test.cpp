#include "sqlite_energy_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <map>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

// Two institutions: "Fleet" owns a car park, two departments, a car and a driver; "Host" owns the car park
// where Fleet's driver also charges. Chargers: CP-G at Fleet's garage, CP-Y at Host's yard, CP-X nowhere.
class EnergyRepositoryTest : public testing::OrganisationTest {
protected:
    EnergyRepositoryTest()
        : fleet_(add_institution("Fleet", kCreditCodes[0])),
          host_(add_institution("Host", kCreditCodes[1])),
          garage_(add_site(fleet_, "Garage")),
          yard_(add_site(host_, "Yard")),
          pool_(add_department(fleet_, "Pool")),
          office_(add_department(fleet_, "Office")),
          car_(add_vehicle(fleet_, "京A00001", pool_)),
          clerk_(add_driver(fleet_, "Clerk", office_)) {
        auto car_tag = id_tag("CAR1", fleet_);
        car_tag.vehicle_id = car_;
        EXPECT_TRUE(repositories_.id_tags().insert(car_tag));
        auto clerk_tag = id_tag("CLERK", fleet_);
        clerk_tag.driver_id = clerk_;
        EXPECT_TRUE(repositories_.id_tags().insert(clerk_tag));
        EXPECT_TRUE(repositories_.id_tags().insert(id_tag("GLOBAL", std::nullopt)));
        add_charger_at("CP-G", garage_);
        add_charger_at("CP-Y", yard_);
        add_charger("CP-X");
    }

    EnergyRepository& energy() { return repositories_.energy(); }

    void add_charger_at(const std::string& id, std::int64_t site_id) {
        add_charger(id);
        EXPECT_TRUE(repositories_.chargers().set_site(id, site_id));
    }

    std::int32_t start(const std::string& charger_id, const std::string& tag, std::int64_t at,
                       std::int32_t connector_id = 1) {
        return repositories_.transactions().insert(TransactionStart{.charger_id = charger_id,
                                                                    .connector_id = connector_id,
                                                                    .id_tag = tag,
                                                                    .timestamp = at_millis(at),
                                                                    .meter_start = 0,
                                                                    .reservation_id = std::nullopt,
                                                                    .authorization_status = "Accepted",
                                                                    .received_at = at_millis(at)});
    }

    void stop(std::int32_t id, std::int64_t at) {
        repositories_.transactions().record_stop(id, TransactionStop{.timestamp = at_millis(at),
                                                                     .meter_stop = 1000,
                                                                     .reason = std::nullopt,
                                                                     .id_tag = std::nullopt,
                                                                     .received_at = at_millis(at)});
    }

    // seconds, cost and service fee follow from the energy, so that sums can be checked by hand.
    static LedgerPart part(std::string local_date, std::string tou_kind, std::int64_t wh) {
        return LedgerPart{.local_date = std::move(local_date),
                          .tou_kind = std::move(tou_kind),
                          .wh = wh,
                          .seconds = wh,
                          .price_per_kwh = 0.5,
                          .cost_fen = wh / 10,
                          .service_fee_fen = wh / 100};
    }

    // The ledger of a transaction with the attribution it recorded when it started.
    LedgerSession session_of(std::int32_t id, std::vector<LedgerPart> parts) {
        const auto transaction = repositories_.transactions().find(id);
        EXPECT_TRUE(transaction);
        const auto by = energy().attribution(id);
        EXPECT_TRUE(by);
        const auto total = std::accumulate(parts.begin(), parts.end(), std::int64_t{0},
                                           [](std::int64_t sum, const LedgerPart& p) { return sum + p.wh; });
        return LedgerSession{.transaction_id = id,
                             .charger_id = transaction->start.charger_id,
                             .connector_id = transaction->start.connector_id,
                             .id_tag = transaction->start.id_tag,
                             .attribution = by.value_or(TransactionAttribution{}),
                             .start_at = transaction->start.timestamp,
                             .stop_at = transaction->start.timestamp + std::chrono::hours(1),
                             .total_wh = total,
                             .energy_source = "register",
                             .parts = std::move(parts),
                             .accounted_at = at_millis(999)};
    }

    void account(std::int32_t id, std::vector<LedgerPart> parts) {
        energy().replace_ledger(session_of(id, std::move(parts)));
    }

    // The car's session across the end of January at Fleet's garage, the clerk's at Host's yard, and a
    // stranger's at Host's yard (Host's by the site).
    void account_three_sessions() {
        car_session_ = start("CP-G", "CAR1", 1000);
        clerk_session_ = start("CP-Y", "CLERK", 2000);
        stranger_session_ = start("CP-Y", "STRANGER", 3000);
        account(car_session_, {part("2026-01-31", "flat", 2000), part("2026-02-01", "valley", 5000)});
        account(clerk_session_, {part("2026-02-10", "peak", 1000), part("2026-02-10", "sharp_peak", 500)});
        account(stranger_session_, {part("2026-04-02", "unclassified", 700)});
    }

    std::vector<EnergyReportRow> report(ReportGroup group, ReportPeriod period, InstitutionScope scope = {},
                                        std::optional<std::int64_t> institution_id = std::nullopt,
                                        std::string from = "2026-01-01", std::string to = "2027-01-01") {
        return energy().energy_report(EnergyReportQuery{.group = group,
                                                        .period = period,
                                                        .from_date = std::move(from),
                                                        .to_date = std::move(to),
                                                        .scope = std::move(scope),
                                                        .institution_id = institution_id});
    }

    // "name period Wh sessions" per row, "; " between rows.
    static std::string summary(const std::vector<EnergyReportRow>& rows) {
        std::string text;
        for (const auto& row : rows) {
            text += (text.empty() ? "" : "; ") + row.group_name + " " + row.period + " " +
                    std::to_string(row.wh) + " " + std::to_string(row.sessions);
        }
        return text;
    }

    // "error/warning/info" per row, " " between rows.
    static std::string finding_counts(const std::vector<EnergyReportRow>& rows) {
        std::string text;
        for (const auto& row : rows) {
            text += (text.empty() ? "" : " ") + std::to_string(row.findings_error) + "/" +
                    std::to_string(row.findings_warning) + "/" + std::to_string(row.findings_info);
        }
        return text;
    }

    static DataQualityFindingRecord finding(std::string key, std::string severity) {
        DataQualityFindingRecord record;
        record.key = std::move(key);
        record.kind = "test";
        record.severity = std::move(severity);
        record.message = "found";
        record.evidence_json = R"({"reading":1})";
        record.detected_at = at_millis(5000);
        return record;
    }

    void add_finding(std::string key, std::string severity, std::optional<std::int32_t> transaction_id,
                     std::optional<std::int64_t> institution_id, std::optional<std::string> period,
                     std::optional<std::string> local_date) {
        auto record = finding(std::move(key), std::move(severity));
        record.transaction_id = transaction_id;
        record.institution_id = institution_id;
        record.period = std::move(period);
        record.local_date = std::move(local_date);
        EXPECT_TRUE(energy().upsert_finding(record)) << record.key;
    }

    std::vector<std::string> keys_of(const FindingFilter& filter) {
        std::vector<std::string> keys;
        for (const auto& found : energy().findings(filter).items) {
            keys.push_back(found.key);
        }
        return keys;
    }

    std::int64_t add_vehicle_of(std::int64_t institution_id, const std::string& plate,
                                const std::string& kind, const std::string& acquired,
                                std::optional<std::string> retired = std::nullopt) {
        auto record = vehicle(institution_id, plate, kind);
        record.acquired_date = acquired;
        record.retired_date = std::move(retired);
        const auto id = repositories_.vehicles().insert(record);
        EXPECT_TRUE(id) << plate;
        return id.value_or(0);
    }

    // Expects `call` to throw a SQLite error with this extended code.
    template <typename Call>
    static void expect_refused(Call call, int code) {
        try {
            call();
            ADD_FAILURE() << "not refused";
        } catch (const sqlite::SqliteError& error) {
            EXPECT_EQ(error.code(), code) << error.what();
        }
    }

    std::int64_t fleet_;
    std::int64_t host_;
    std::int64_t garage_;
    std::int64_t yard_;
    std::int64_t pool_;
    std::int64_t office_;
    std::int64_t car_;
    std::int64_t clerk_;
    std::int32_t car_session_ = 0;
    std::int32_t clerk_session_ = 0;
    std::int32_t stranger_session_ = 0;
};

// ---- Attribution ----

TEST_F(EnergyRepositoryTest, AVehicleTagAttributesToTheVehicleItsDepartmentAndInstitution) {
    const auto id = start("CP-Y", "car1", 1000);  // id tags match case-insensitively
    const auto by = energy().attribution(id);
    ASSERT_TRUE(by);
    EXPECT_EQ(by->transaction_id, id);
    EXPECT_EQ(by->site_id, yard_);
    EXPECT_EQ(by->site_institution_id, host_);
    EXPECT_EQ(by->institution_id, fleet_) << "the fleet's, not the site's";
    EXPECT_EQ(by->department_id, pool_);
    EXPECT_EQ(by->vehicle_id, car_);
    EXPECT_FALSE(by->driver_id);
    EXPECT_TRUE(by->id_tag_known);

    // A snapshot: moving the car and the charger later changes nothing.
    auto moved = *repositories_.vehicles().find(car_);
    moved.department_id = office_;
    ASSERT_EQ(repositories_.vehicles().update(moved), UpdateResult::Updated);
    ASSERT_TRUE(repositories_.chargers().set_site("CP-Y", garage_));
    const auto later = energy().attribution(id);
    ASSERT_TRUE(later);
    EXPECT_EQ(later->department_id, pool_);
    EXPECT_EQ(later->site_id, yard_);
    EXPECT_EQ(later->site_institution_id, host_);
    // A transaction started now sees the new organisation.
    const auto next = energy().attribution(start("CP-Y", "CAR1", 2000));
    EXPECT_EQ(next->department_id, office_);
    EXPECT_EQ(next->site_id, garage_);
}

TEST_F(EnergyRepositoryTest, ADriverTagAttributesToTheDriverAndTheDriversDepartment) {
    const auto by = energy().attribution(start("CP-G", "CLERK", 1000));
    ASSERT_TRUE(by);
    EXPECT_EQ(by->driver_id, clerk_);
    EXPECT_FALSE(by->vehicle_id);
    EXPECT_EQ(by->department_id, office_);
    EXPECT_EQ(by->institution_id, fleet_);
    EXPECT_EQ(by->site_id, garage_);
    EXPECT_TRUE(by->id_tag_known);
}

TEST_F(EnergyRepositoryTest, AnUnknownTagAttributesToTheSitesInstitution) {
    const auto by = energy().attribution(start("CP-Y", "STRANGER", 1000));
    ASSERT_TRUE(by);
    EXPECT_FALSE(by->id_tag_known);
    EXPECT_EQ(by->institution_id, host_);
    EXPECT_EQ(by->site_institution_id, host_);
    EXPECT_FALSE(by->vehicle_id);
    EXPECT_FALSE(by->driver_id);
    EXPECT_FALSE(by->department_id);
}

TEST_F(EnergyRepositoryTest, AChargerWithoutSiteAttributesToTheTagOnly) {
    const auto unknown = energy().attribution(start("CP-X", "STRANGER", 1000));
    ASSERT_TRUE(unknown);
    EXPECT_FALSE(unknown->site_id);
    EXPECT_FALSE(unknown->site_institution_id);
    EXPECT_FALSE(unknown->institution_id);
    EXPECT_FALSE(unknown->id_tag_known);

    const auto global = energy().attribution(start("CP-X", "GLOBAL", 2000));
    ASSERT_TRUE(global);
    EXPECT_TRUE(global->id_tag_known);
    EXPECT_FALSE(global->institution_id);

    const auto car = energy().attribution(start("CP-X", "CAR1", 3000, 2));
    ASSERT_TRUE(car);
    EXPECT_EQ(car->institution_id, fleet_);
    EXPECT_FALSE(car->site_id);
    EXPECT_FALSE(energy().attribution(9999));
}

// ---- Accounting ----

TEST_F(EnergyRepositoryTest, MeterReadingsOfATransactionInTimestampOrder) {
    const auto id = start("CP-G", "CAR1", 1000);
    const auto other = start("CP-Y", "CLERK", 1000);
    connection_.execute_script(
        "INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, source, received_at, "
        "energy_import_wh, power_import_w, soc_percent, samples) VALUES "
        "('CP-G', 1, " +
        std::to_string(id) + ", 3000, 'MeterValues', 3100, 250.5, 7000, 55, '[]'), ('CP-G', 1, " +
        std::to_string(id) + ", 2000, 'MeterValues', 2100, NULL, NULL, NULL, '[]'), ('CP-Y', 1, " +
        std::to_string(other) + ", 2500, 'MeterValues', 2600, 1, 1, 1, '[]')");
    const auto readings = energy().meter_readings(id);
    ASSERT_EQ(readings.size(), 2U);
    EXPECT_EQ(readings[0].timestamp, at_millis(2000));
    EXPECT_EQ(readings[0].received_at, at_millis(2100));
    EXPECT_FALSE(readings[0].energy_import_wh);
    EXPECT_FALSE(readings[0].power_import_w);
    EXPECT_FALSE(readings[0].soc_percent);
    EXPECT_EQ(readings[1].timestamp, at_millis(3000));
    EXPECT_EQ(readings[1].energy_import_wh, 250.5);
    EXPECT_EQ(readings[1].power_import_w, 7000);
    EXPECT_EQ(readings[1].soc_percent, 55);
}

TEST_F(EnergyRepositoryTest, LedgerRoundTripAndReplacement) {
    const auto id = start("CP-Y", "CAR1", 1000);
    auto session = session_of(id, {part("2026-01-31", "valley", 100), part("2026-02-01", "valley", 300),
                                   part("2026-02-01", "peak", 200)});
    session.parts[0].price_per_kwh = 0.31;
    session.energy_source = "meter_stop";
    energy().replace_ledger(session);

    const auto stored = energy().ledger(id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->transaction_id, id);
    EXPECT_EQ(stored->charger_id, "CP-Y");
    EXPECT_EQ(stored->connector_id, 1);
    EXPECT_EQ(stored->id_tag, "CAR1");
    EXPECT_EQ(stored->attribution.transaction_id, id);
    EXPECT_EQ(stored->attribution.institution_id, fleet_);
    EXPECT_EQ(stored->attribution.site_institution_id, host_);
    EXPECT_EQ(stored->attribution.site_id, yard_);
    EXPECT_EQ(stored->attribution.department_id, pool_);
    EXPECT_EQ(stored->attribution.vehicle_id, car_);
    EXPECT_TRUE(stored->attribution.id_tag_known);
    EXPECT_EQ(stored->start_at, at_millis(1000));
    EXPECT_EQ(stored->stop_at, at_millis(1000) + std::chrono::hours(1));
    EXPECT_EQ(stored->total_wh, 600);
    EXPECT_EQ(stored->energy_source, "meter_stop");
    EXPECT_EQ(stored->accounted_at, at_millis(999));
    // Within a day, in time-of-use order.
    ASSERT_EQ(stored->parts.size(), 3U);
    EXPECT_EQ(stored->parts[0].local_date, "2026-01-31");
    EXPECT_EQ(stored->parts[0].price_per_kwh, 0.31);
    EXPECT_EQ(stored->parts[0].wh, 100);
    EXPECT_EQ(stored->parts[0].seconds, 100);
    EXPECT_EQ(stored->parts[0].cost_fen, 10);
    EXPECT_EQ(stored->parts[0].service_fee_fen, 1);
    EXPECT_EQ(stored->parts[1].tou_kind, "peak");
    EXPECT_EQ(stored->parts[2].tou_kind, "valley");
    EXPECT_EQ(connection_.query_text("SELECT start_date FROM energy_sessions"), "2026-01-31");
    // Every part carries the session's grouping columns; the first one starts the session.
    const auto copied = ":" + std::to_string(fleet_) + ":" + std::to_string(host_) + ":" +
                        std::to_string(yard_) + ":" + std::to_string(pool_) + ":" + std::to_string(car_) +
                        ":CP-Y";
    EXPECT_EQ(
        connection_.query_text("SELECT group_concat(local_date || ':' || starts_session || ':' || "
                               "institution_id || ':' || site_institution_id || ':' || site_id || ':' || "
                               "department_id || ':' || vehicle_id || ':' || charger_id, ' ') "
                               "FROM (SELECT * FROM energy_parts ORDER BY local_date, tou_kind)"),
        "2026-01-31:1" + copied + " 2026-02-01:0" + copied + " 2026-02-01:0" + copied);

    // Accounted again: the old parts are gone.
    session.parts = {part("2026-02-02", "flat", 50)};
    session.total_wh = 50;
    energy().replace_ledger(session);
    const auto replaced = energy().ledger(id);
    ASSERT_TRUE(replaced);
    EXPECT_EQ(replaced->total_wh, 50);
    ASSERT_EQ(replaced->parts.size(), 1U);
    EXPECT_EQ(replaced->parts[0].local_date, "2026-02-02");
    EXPECT_EQ(count_rows("energy_sessions"), 1);
    EXPECT_EQ(count_rows("energy_parts"), 1);
    EXPECT_EQ(connection_.query_int("SELECT starts_session FROM energy_parts"), 1);

    // Without parts the session has no start date.
    session.parts.clear();
    energy().replace_ledger(session);
    EXPECT_TRUE(energy().ledger(id)->parts.empty());
    EXPECT_EQ(connection_.query_int("SELECT start_date IS NULL FROM energy_sessions"), 1);

    EXPECT_FALSE(energy().ledger(id + 1));
    session.transaction_id = 9999;
    expect_refused([&] { energy().replace_ledger(session); }, SQLITE_CONSTRAINT_FOREIGNKEY);
}

TEST_F(EnergyRepositoryTest, TheFirstPartOfTheEarliestDateStartsTheSession) {
    const auto id = start("CP-G", "CAR1", 1000);
    account(id,
            {part("2026-03-02", "peak", 1), part("2026-03-01", "valley", 2), part("2026-03-01", "flat", 3)});
    EXPECT_EQ(
        connection_.query_text(
            "SELECT group_concat(local_date || ' ' || tou_kind) FROM energy_parts WHERE starts_session"),
        "2026-03-01 valley");
    EXPECT_EQ(connection_.query_text("SELECT start_date FROM energy_sessions"), "2026-03-01");
}

TEST_F(EnergyRepositoryTest, UnaccountedTransactionsAreFinishedOnesWithoutLedgerOldestFirst) {
    const auto first = start("CP-G", "CAR1", 1000);
    const auto running = start("CP-Y", "CLERK", 1500);
    const auto second = start("CP-G", "CAR1", 2000, 2);
    const auto third = start("CP-X", "STRANGER", 3000);
    stop(first, 1100);
    stop(second, 2100);
    stop(third, 3100);
    EXPECT_EQ(energy().unaccounted_transactions(10), (std::vector{first, second, third}));
    EXPECT_EQ(energy().unaccounted_transactions(2), (std::vector{first, second}));
    account(first, {part("2026-01-01", "flat", 1)});
    EXPECT_EQ(energy().unaccounted_transactions(10), (std::vector{second, third}));
    stop(running, 4000);
    EXPECT_EQ(energy().unaccounted_transactions(10), (std::vector{running, second, third}));
}

// ---- Reports ----

TEST_F(EnergyRepositoryTest, ReportByInstitutionInEveryPeriod) {
    account_three_sessions();
    const auto months = report(ReportGroup::Institution, ReportPeriod::Month);
    // The car's February part belongs to its January session: energy in February, the session in January.
    EXPECT_EQ(summary(months), "Fleet 2026-01 2000 1; Fleet 2026-02 6500 1; Host 2026-04 700 1");
    ASSERT_EQ(months.size(), 3U);
    EXPECT_EQ(months[0].group_id, std::to_string(fleet_));
    EXPECT_EQ(months[0].institution_id, fleet_);
    EXPECT_EQ(months[0].wh_by_tou, (std::map<std::string, std::int64_t>{{"flat", 2000}}));
    const auto& february = months[1];
    EXPECT_EQ(february.seconds, 6500);
    EXPECT_EQ(february.cost_fen, 650);
    EXPECT_EQ(february.service_fee_fen, 65);
    EXPECT_EQ(february.wh_by_tou,
              (std::map<std::string, std::int64_t>{{"peak", 1000}, {"sharp_peak", 500}, {"valley", 5000}}));
    EXPECT_EQ(months[2].group_id, std::to_string(host_));
    EXPECT_EQ(months[2].institution_id, host_);
    EXPECT_EQ(months[2].wh_by_tou, (std::map<std::string, std::int64_t>{{"unclassified", 700}}));

    EXPECT_EQ(
        summary(report(ReportGroup::Institution, ReportPeriod::Day)),
        "Fleet 2026-01-31 2000 1; Fleet 2026-02-01 5000 0; Fleet 2026-02-10 1500 1; Host 2026-04-02 700 1");
    EXPECT_EQ(summary(report(ReportGroup::Institution, ReportPeriod::Quarter)),
              "Fleet 2026-Q1 8500 2; Host 2026-Q2 700 1");
    EXPECT_EQ(summary(report(ReportGroup::Institution, ReportPeriod::Year)),
              "Fleet 2026 8500 2; Host 2026 700 1");
    // The range cuts the car's session: only its February part counts, and not as a session.
    EXPECT_EQ(
        summary(report(ReportGroup::Institution, ReportPeriod::Month, {}, {}, "2026-02-01", "2026-03-01")),
        "Fleet 2026-02 6500 1");
    EXPECT_TRUE(
        report(ReportGroup::Institution, ReportPeriod::Month, {}, {}, "2025-01-01", "2026-01-31").empty());
}

// Whole months are read from the monthly sums the triggers keep, other ranges from the parts: both agree,
// including after a session is accounted again with different parts.
TEST_F(EnergyRepositoryTest, MonthlySumsAgreeWithThePartsAndFollowReaccounting) {
    account_three_sessions();
    // 2025-12-31 is not a first of the month: the parts are read.
    const auto from_parts = [&](ReportGroup group) {
        return summary(report(group, ReportPeriod::Month, {}, {}, "2025-12-31", "2027-01-01"));
    };
    const auto from_months = [&](ReportGroup group) { return summary(report(group, ReportPeriod::Month)); };
    for (const auto group : {ReportGroup::Institution, ReportGroup::Site, ReportGroup::Department,
                             ReportGroup::Vehicle, ReportGroup::Charger}) {
        EXPECT_EQ(from_months(group), from_parts(group));
    }
    EXPECT_EQ(report(ReportGroup::Institution, ReportPeriod::Month)[1].cost_fen, 650);

    // The car's session moves entirely into March: February's sums drop to nothing and leave no row.
    account(car_session_, {part("2026-03-02", "peak", 4000)});
    EXPECT_EQ(from_months(ReportGroup::Institution),
              "Fleet 2026-02 1500 1; Fleet 2026-03 4000 1; Host 2026-04 700 1");
    for (const auto group : {ReportGroup::Institution, ReportGroup::Site, ReportGroup::Department,
                             ReportGroup::Vehicle, ReportGroup::Charger}) {
        EXPECT_EQ(from_months(group), from_parts(group));
    }
    const auto march = report(ReportGroup::Charger, ReportPeriod::Month, {}, {}, "2026-03-01", "2026-04-01");
    ASSERT_EQ(march.size(), 1U);
    EXPECT_EQ(march[0].wh_by_tou, (std::map<std::string, std::int64_t>{{"peak", 4000}}));
}

TEST_F(EnergyRepositoryTest, QuartersFollowTheMonths) {
    const auto id = start("CP-G", "CAR1", 1000);
    account(id, {part("2026-03-31", "flat", 1), part("2026-04-01", "flat", 2), part("2026-09-30", "flat", 4),
                 part("2026-10-01", "flat", 8), part("2026-12-31", "flat", 16)});
    EXPECT_EQ(summary(report(ReportGroup::Institution, ReportPeriod::Quarter)),
              "Fleet 2026-Q1 1 1; Fleet 2026-Q2 2 0; Fleet 2026-Q3 4 0; Fleet 2026-Q4 24 0");
}

TEST_F(EnergyRepositoryTest, ReportBySiteDepartmentVehicleAndCharger) {
    account_three_sessions();
    ASSERT_TRUE(repositories_.chargers().set_description("CP-G", std::string("East gate")));

    const auto sites = report(ReportGroup::Site, ReportPeriod::Month);
    EXPECT_EQ(summary(sites),
              "Garage 2026-01 2000 1; Garage 2026-02 5000 0; Yard 2026-02 1500 1; Yard 2026-04 700 1");
    ASSERT_EQ(sites.size(), 4U);
    EXPECT_EQ(sites[0].group_id, std::to_string(garage_));
    EXPECT_EQ(sites[0].institution_id, fleet_);
    EXPECT_EQ(sites[2].institution_id, host_) << "site rows belong to the site's institution";

    // Sessions without department are in the "" row of their institution.
    const auto departments = report(ReportGroup::Department, ReportPeriod::Month);
    EXPECT_EQ(summary(departments),
              " 2026-04 700 1; Office 2026-02 1500 1; Pool 2026-01 2000 1; Pool 2026-02 5000 0");
    ASSERT_EQ(departments.size(), 4U);
    EXPECT_EQ(departments[0].group_id, "");
    EXPECT_EQ(departments[0].institution_id, host_);
    EXPECT_EQ(departments[1].group_id, std::to_string(office_));
    EXPECT_EQ(departments[1].institution_id, fleet_) << "the clerk's session belongs to the fleet";

    const auto vehicles = report(ReportGroup::Vehicle, ReportPeriod::Year);
    EXPECT_EQ(summary(vehicles), " 2026 1500 1;  2026 700 1; 京A00001 2026 7000 1");
    ASSERT_EQ(vehicles.size(), 3U);
    EXPECT_EQ(vehicles[0].institution_id, fleet_);
    EXPECT_EQ(vehicles[1].institution_id, host_);
    EXPECT_EQ(vehicles[2].group_id, std::to_string(car_));

    const auto chargers = report(ReportGroup::Charger, ReportPeriod::Quarter);
    EXPECT_EQ(summary(chargers), "CP-Y 2026-Q1 1500 1; CP-Y 2026-Q2 700 1; East gate 2026-Q1 7000 1");
    ASSERT_EQ(chargers.size(), 3U);
    EXPECT_EQ(chargers[0].group_id, "CP-Y");
    EXPECT_EQ(chargers[0].institution_id, host_);
    EXPECT_EQ(chargers[2].group_id, "CP-G");
    EXPECT_EQ(chargers[2].wh_by_tou, (std::map<std::string, std::int64_t>{{"flat", 2000}, {"valley", 5000}}));
}

TEST_F(EnergyRepositoryTest, ReportScopeFollowsTheFleetOrTheSite) {
    account_three_sessions();
    const std::vector<std::int64_t> host_only{host_};
    const std::vector<std::int64_t> fleet_only{fleet_};
    // The clerk charged at Host's yard: Fleet's energy by institution, Host's by site.
    EXPECT_EQ(summary(report(ReportGroup::Institution, ReportPeriod::Year, host_only)), "Host 2026 700 1");
    EXPECT_EQ(summary(report(ReportGroup::Department, ReportPeriod::Year, fleet_only)),
              "Office 2026 1500 1; Pool 2026 7000 1");
    EXPECT_EQ(summary(report(ReportGroup::Site, ReportPeriod::Year, host_only)), "Yard 2026 2200 2");
    EXPECT_EQ(summary(report(ReportGroup::Charger, ReportPeriod::Year, fleet_only)), "CP-G 2026 7000 1");
    EXPECT_EQ(summary(report(ReportGroup::Site, ReportPeriod::Year, {}, fleet_)), "Garage 2026 7000 1");
    EXPECT_EQ(summary(report(ReportGroup::Vehicle, ReportPeriod::Year, std::vector{fleet_, host_}, fleet_)),
              " 2026 1500 1; 京A00001 2026 7000 1");
    EXPECT_TRUE(report(ReportGroup::Institution, ReportPeriod::Year, fleet_only, host_).empty());
    EXPECT_TRUE(report(ReportGroup::Site, ReportPeriod::Year, std::vector<std::int64_t>{}).empty());
}

TEST_F(EnergyRepositoryTest, ReportCountsFindingsOfSessionsByStartDateAndOfInstitutionsByPeriod) {
    account_three_sessions();
    add_finding("car-error", "error", car_session_, fleet_, std::nullopt, "2026-01-31");
    add_finding("clerk-warning", "warning", clerk_session_, fleet_, std::nullopt, "2026-02-10");
    add_finding("clerk-info", "info", clerk_session_, fleet_, std::nullopt, "2026-02-10");
    add_finding("fleet-february", "info", std::nullopt, fleet_, "2026-02", std::nullopt);
    add_finding("fleet-quarter", "warning", std::nullopt, fleet_, "2026-Q1", std::nullopt);
    add_finding("fleet-june", "warning", std::nullopt, fleet_, "2026-06", std::nullopt);  // no energy then
    add_finding("host-day", "error", std::nullopt, host_, std::nullopt, "2026-04-10");
    add_finding("admin-only", "error", std::nullopt, std::nullopt, "2026-04", std::nullopt);

    // Fleet January: the car's error and the quarter's warning (dated its first day); February: the clerk's
    // warning and info and the month's info; Host April: its own error.
    EXPECT_EQ(finding_counts(report(ReportGroup::Institution, ReportPeriod::Month)), "1/1/0 0/1/2 1/0/0");
    EXPECT_EQ(finding_counts(report(ReportGroup::Institution, ReportPeriod::Quarter)), "1/2/2 1/0/0");
    // Other groups count session findings only.
    EXPECT_EQ(summary(report(ReportGroup::Department, ReportPeriod::Month)),
              " 2026-04 700 1; Office 2026-02 1500 1; Pool 2026-01 2000 1; Pool 2026-02 5000 0");
    EXPECT_EQ(finding_counts(report(ReportGroup::Department, ReportPeriod::Month)),
              "0/0/0 0/1/1 1/0/0 0/0/0");
    EXPECT_EQ(finding_counts(report(ReportGroup::Site, ReportPeriod::Month)), "1/0/0 0/0/0 0/1/1 0/0/0");
    // Scoped like the energy.
    EXPECT_EQ(finding_counts(report(ReportGroup::Institution, ReportPeriod::Month, std::vector{host_})),
              "1/0/0");
    EXPECT_EQ(finding_counts(report(ReportGroup::Site, ReportPeriod::Year, std::vector{host_})), "0/1/1");
    EXPECT_EQ(finding_counts(
                  report(ReportGroup::Institution, ReportPeriod::Month, {}, {}, "2026-02-01", "2026-03-01")),
              "0/1/2");
}

TEST_F(EnergyRepositoryTest, LedgerLinesSumThePartsInTheRange) {
    account_three_sessions();
    add_finding("car-error", "error", car_session_, fleet_, std::nullopt, "2026-01-31");
    add_finding("clerk-info", "info", clerk_session_, fleet_, std::nullopt, "2026-02-10");

    const auto lines = energy().ledger_lines(fleet_, "2026-02-01", "2026-03-01");
    ASSERT_EQ(lines.size(), 2U);
    const auto& car = lines[0];
    EXPECT_EQ(car.transaction_id, car_session_);
    EXPECT_EQ(car.start_date, "2026-01-31");
    EXPECT_EQ(car.start_at, at_millis(1000));
    EXPECT_EQ(car.stop_at, at_millis(1000) + std::chrono::hours(1));
    EXPECT_EQ(car.site_name, "Garage");
    EXPECT_EQ(car.charger_id, "CP-G");
    EXPECT_EQ(car.connector_id, 1);
    EXPECT_EQ(car.plate_number, "京A00001");
    EXPECT_EQ(car.department_name, "Pool");
    EXPECT_EQ(car.id_tag, "CAR1");
    EXPECT_EQ(car.wh, 5000) << "February only";
    EXPECT_EQ(car.wh_by_tou, (std::map<std::string, std::int64_t>{{"valley", 5000}}));
    EXPECT_EQ(car.cost_fen, 500);
    EXPECT_EQ(car.service_fee_fen, 50);
    EXPECT_EQ(car.findings, 1);
    const auto& clerk = lines[1];
    EXPECT_EQ(clerk.transaction_id, clerk_session_);
    EXPECT_EQ(clerk.site_name, "Yard");
    EXPECT_FALSE(clerk.plate_number);
    EXPECT_EQ(clerk.department_name, "Office");
    EXPECT_EQ(clerk.wh, 1500);
    EXPECT_EQ(clerk.findings, 0) << "info is not counted";

    const auto january = energy().ledger_lines(fleet_, "2026-01-01", "2026-02-01");
    ASSERT_EQ(january.size(), 1U);
    EXPECT_EQ(january[0].wh, 2000);
    const auto host = energy().ledger_lines(host_, "2026-01-01", "2027-01-01");
    ASSERT_EQ(host.size(), 1U);
    EXPECT_EQ(host[0].transaction_id, stranger_session_);
    EXPECT_FALSE(host[0].department_name);
    EXPECT_TRUE(energy().ledger_lines(host_, "2026-01-01", "2026-04-01").empty());
}

TEST_F(EnergyRepositoryTest, FleetInventoryCountsVehiclesAtTheBoundariesAndChargersByRating) {
    // The period is the first quarter of 2026. The fixture's car (BEV, acquired 2025-03-01) is in service.
    add_vehicle_of(fleet_, "N1", "BEV", "2026-01-01");                   // added, in service
    add_vehicle_of(fleet_, "N2", "petrol", "2026-03-31");                // added, in service
    add_vehicle_of(fleet_, "N3", "PHEV", "2026-04-01");                  // after the period
    add_vehicle_of(fleet_, "R1", "petrol", "2020-01-01", "2026-01-01");  // retired in it
    add_vehicle_of(fleet_, "R2", "diesel", "2020-01-01", "2026-04-01");  // retired after it: in service
    add_vehicle_of(fleet_, "R3", "BEV", "2020-01-01", "2025-12-31");     // retired before it
    add_vehicle_of(host_, "H1", "BEV", "2026-02-01");                    // another institution's

    const auto inventory = energy().fleet_inventory(fleet_, "2026-01-01", "2026-04-01");
    using Counts = std::map<std::string, std::int64_t>;
    EXPECT_EQ(inventory.in_service_by_kind, (Counts{{"BEV", 2}, {"diesel", 1}, {"petrol", 1}}));
    EXPECT_EQ(inventory.added_by_kind, (Counts{{"BEV", 1}, {"petrol", 1}}));
    EXPECT_EQ(inventory.retired_by_kind, (Counts{{"petrol", 1}}));

    add_charger_at("CP-G2", garage_);
    add_charger_at("CP-G3", garage_);
    add_charger_at("CP-G4", add_site(fleet_, "Annex"));
    ASSERT_TRUE(energy().set_charger_rating("CP-G", std::string("AC"), 7));
    ASSERT_TRUE(energy().set_charger_rating("CP-G2", std::string("AC"), 7));
    ASSERT_TRUE(energy().set_charger_rating("CP-G3", std::string("DC"), 60));
    ASSERT_TRUE(energy().set_charger_rating("CP-Y", std::string("DC"), 120));  // Host's
    ASSERT_EQ(inventory.chargers.size(), 1U) << "CP-G, not rated then";
    EXPECT_EQ(inventory.chargers[0].count, 1);
    const auto chargers = energy().fleet_inventory(fleet_, "2026-01-01", "2026-04-01").chargers;
    ASSERT_EQ(chargers.size(), 3U);
    EXPECT_EQ(chargers[0].current_type, "");
    EXPECT_FALSE(chargers[0].rated_power_kw);
    EXPECT_EQ(chargers[0].count, 1);
    EXPECT_EQ(chargers[1].current_type, "AC");
    EXPECT_EQ(chargers[1].rated_power_kw, 7);
    EXPECT_EQ(chargers[1].count, 2);
    EXPECT_EQ(chargers[2].current_type, "DC");
    EXPECT_EQ(chargers[2].rated_power_kw, 60);
    EXPECT_EQ(chargers[2].count, 1);
}

TEST_F(EnergyRepositoryTest, VehicleEnergyListsTheVehiclesInServiceDuringThePeriod) {
    add_vehicle_of(fleet_, "A-late", "petrol", "2026-03-31");
    add_vehicle_of(fleet_, "B-after", "BEV", "2026-04-01");
    add_vehicle_of(fleet_, "C-gone", "BEV", "2020-01-01", "2026-01-01");
    const auto leaving = add_vehicle_of(fleet_, "D-leaving", "BEV", "2020-01-01", "2026-01-02");
    add_vehicle_of(host_, "E-host", "BEV", "2020-01-01");
    account_three_sessions();
    account(start("CP-G", "CAR1", 5000, 2), {part("2026-03-31", "flat", 10), part("2026-04-01", "flat", 20)});

    const auto vehicles = energy().vehicle_energy(fleet_, "2026-01-01", "2026-04-01");
    ASSERT_EQ(vehicles.size(), 3U);
    EXPECT_EQ(vehicles[0].plate_number, "A-late");
    EXPECT_EQ(vehicles[0].kind, "petrol");
    EXPECT_EQ(vehicles[0].acquired_date, "2026-03-31");
    EXPECT_EQ(vehicles[0].wh, 0);
    EXPECT_EQ(vehicles[0].sessions, 0);
    EXPECT_EQ(vehicles[1].vehicle_id, leaving);
    EXPECT_EQ(vehicles[1].retired_date, "2026-01-02");
    EXPECT_EQ(vehicles[2].vehicle_id, car_);
    EXPECT_EQ(vehicles[2].plate_number, "京A00001");
    EXPECT_EQ(vehicles[2].wh, 7010) << "both sessions' parts in the quarter";
    EXPECT_EQ(vehicles[2].sessions, 2);
    EXPECT_FALSE(vehicles[2].retired_date);
}

// ---- Data quality ----

TEST_F(EnergyRepositoryTest, UpsertingAFindingAgainKeepsOneRowItsIdAndFirstDetection) {
    auto record = finding("gap:42", "warning");
    record.transaction_id = 42;
    record.charger_id = "CP-G";
    record.connector_id = 2;
    record.vehicle_id = car_;
    record.department_id = pool_;
    record.site_id = garage_;
    record.institution_id = fleet_;
    record.period = "2026-03";
    record.local_date = "2026-03-05";
    EXPECT_TRUE(energy().upsert_finding(record));
    const auto first = energy().findings(FindingFilter{});
    ASSERT_EQ(first.items.size(), 1U);
    const auto id = first.items[0].id;

    record.severity = "error";
    record.message = "worse";
    record.evidence_json = R"({"reading":2})";
    record.detected_at = at_millis(9000);
    EXPECT_FALSE(energy().upsert_finding(record));
    EXPECT_FALSE(energy().upsert_finding(record));
    EXPECT_EQ(count_rows("data_quality_findings"), 1);
    const auto found = energy().find_finding(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->key, "gap:42");
    EXPECT_EQ(found->kind, "test");
    EXPECT_EQ(found->severity, "error");
    EXPECT_EQ(found->message, "worse");
    EXPECT_EQ(found->evidence_json, R"({"reading":2})");
    EXPECT_EQ(found->transaction_id, 42);
    EXPECT_EQ(found->charger_id, "CP-G");
    EXPECT_EQ(found->connector_id, 2);
    EXPECT_EQ(found->vehicle_id, car_);
    EXPECT_EQ(found->department_id, pool_);
    EXPECT_EQ(found->site_id, garage_);
    EXPECT_EQ(found->institution_id, fleet_);
    EXPECT_EQ(found->period, "2026-03");
    EXPECT_EQ(found->local_date, "2026-03-05");
    EXPECT_EQ(found->detected_at, at_millis(5000)) << "first detection kept";
    EXPECT_EQ(connection_.query_int("SELECT updated_at FROM data_quality_findings"), 9000);
    EXPECT_FALSE(energy().find_finding(id + 1));

    auto bare = finding("bare", "info");
    bare.evidence_json.clear();
    EXPECT_TRUE(energy().upsert_finding(bare));
    EXPECT_EQ(energy().findings(FindingFilter{.kind = "test", .severity = "info"}).items.at(0).evidence_json,
              "{}");
    expect_refused([&] { energy().upsert_finding(finding("bad", "fatal")); }, SQLITE_CONSTRAINT_CHECK);
    auto bad_period = finding("bad", "info");
    bad_period.period = "March";
    expect_refused([&] { energy().upsert_finding(bad_period); }, SQLITE_CONSTRAINT_CHECK);
}

TEST_F(EnergyRepositoryTest, FindingsFilterNewestFirst) {
    auto add = [&](std::string key, std::int64_t detected_at, auto change) {
        auto record = finding(std::move(key), "warning");
        record.detected_at = at_millis(detected_at);
        change(record);
        ASSERT_TRUE(energy().upsert_finding(record));
    };
    add("a", 100, [&](auto& r) {
        r.institution_id = fleet_;
        r.transaction_id = 7;
        r.charger_id = "CP-G";
        r.local_date = "2026-03-31";
    });
    add("b", 200, [&](auto& r) {
        r.institution_id = fleet_;
        r.kind = "meter";
        r.severity = "error";
        r.vehicle_id = car_;
        r.period = "2026-Q2";  // from 2026-04-01
    });
    add("c", 300, [&](auto& r) {
        r.institution_id = host_;
        r.period = "2026";  // from 2026-01-01
    });
    add("d", 400, [&](auto&) {});  // no institution: admins only; no date

    EXPECT_EQ(keys_of(FindingFilter{}), (std::vector<std::string>{"d", "c", "b", "a"}));
    EXPECT_EQ(keys_of(FindingFilter{.scope = std::vector{fleet_}}), (std::vector<std::string>{"b", "a"}));
    EXPECT_EQ(keys_of(FindingFilter{.scope = std::vector<std::int64_t>{}}), std::vector<std::string>{});
    EXPECT_EQ(keys_of(FindingFilter{.institution_id = host_}), std::vector<std::string>{"c"});
    EXPECT_EQ(keys_of(FindingFilter{.kind = "meter"}), std::vector<std::string>{"b"});
    EXPECT_EQ(keys_of(FindingFilter{.severity = "warning"}), (std::vector<std::string>{"d", "c", "a"}));
    EXPECT_EQ(keys_of(FindingFilter{.transaction_id = 7}), std::vector<std::string>{"a"});
    EXPECT_EQ(keys_of(FindingFilter{.charger_id = "CP-G"}), std::vector<std::string>{"a"});
    EXPECT_EQ(keys_of(FindingFilter{.vehicle_id = car_}), std::vector<std::string>{"b"});
    EXPECT_EQ(keys_of(FindingFilter{.from_date = "2026-04-01", .to_date = "2026-05-01"}),
              std::vector<std::string>{"b"});
    EXPECT_EQ(keys_of(FindingFilter{.from_date = "2026-03-31", .to_date = "2026-04-01"}),
              std::vector<std::string>{"a"});
    EXPECT_EQ(keys_of(FindingFilter{.from_date = "2026-04-02"}), std::vector<std::string>{});
    EXPECT_EQ(keys_of(FindingFilter{.to_date = "2026-03-31"}), std::vector<std::string>{"c"});

    const auto page = energy().findings(FindingFilter{.limit = 2, .offset = 1});
    EXPECT_EQ(page.total, 4U);
    ASSERT_EQ(page.items.size(), 2U);
    EXPECT_EQ(page.items[0].key, "c");
    EXPECT_EQ(page.items[1].key, "b");
}

TEST_F(EnergyRepositoryTest, QualityTallyCountsSessionsFlaggedSessionsAndInstitutionWarnings) {
    account_three_sessions();
    add_finding("car-error", "error", car_session_, fleet_, std::nullopt, "2026-01-31");
    add_finding("car-warning", "warning", car_session_, fleet_, std::nullopt, "2026-01-31");
    add_finding("clerk-info", "info", clerk_session_, fleet_, std::nullopt, "2026-02-10");
    add_finding("fleet-quarter", "warning", std::nullopt, fleet_, "2026-Q1", std::nullopt);
    add_finding("fleet-march", "error", std::nullopt, fleet_, std::nullopt, "2026-03-15");
    add_finding("fleet-info", "info", std::nullopt, fleet_, "2026-01", std::nullopt);
    add_finding("fleet-april", "warning", std::nullopt, fleet_, "2026-04", std::nullopt);
    add_finding("host-april", "warning", std::nullopt, host_, "2026-04", std::nullopt);

    const auto quarter = energy().quality_tally(fleet_, "2026-01-01", "2026-04-01");
    EXPECT_EQ(quarter.sessions, 2);
    EXPECT_EQ(quarter.flagged_sessions, 1) << "the car's, once; the clerk's info does not flag";
    EXPECT_EQ(quarter.institution_warnings, 2);
    const auto february = energy().quality_tally(fleet_, "2026-02-01", "2026-03-01");
    EXPECT_EQ(february.sessions, 1);
    EXPECT_EQ(february.flagged_sessions, 0);
    EXPECT_EQ(february.institution_warnings, 0);
    const auto host = energy().quality_tally(host_, "2026-04-01", "2026-05-01");
    EXPECT_EQ(host.sessions, 1);
    EXPECT_EQ(host.flagged_sessions, 0);
    EXPECT_EQ(host.institution_warnings, 1);
}

TEST_F(EnergyRepositoryTest, ConnectorSessionsActiveConnectorsAndOpenTransactions) {
    const auto first = start("CP-G", "CAR1", 1000);
    stop(first, 2000);
    const auto running = start("CP-G", "CAR1", 3000);
    const auto other_connector = start("CP-G", "CLERK", 1500, 2);
    stop(other_connector, 2500);
    const auto other_charger = start("CP-Y", "CLERK", 5000);
    stop(other_charger, 6000);

    const auto sessions = energy().connector_sessions("CP-G", 1, at_millis(1500), at_millis(3500));
    ASSERT_EQ(sessions.size(), 2U);
    EXPECT_EQ(sessions[0].transaction_id, first);
    EXPECT_EQ(sessions[0].id_tag, "CAR1");
    EXPECT_EQ(sessions[0].start_at, at_millis(1000));
    EXPECT_EQ(sessions[0].stop_at, at_millis(2000));
    EXPECT_EQ(sessions[0].meter_start, 0);
    EXPECT_EQ(sessions[0].meter_stop, 1000);
    EXPECT_EQ(sessions[1].transaction_id, running);
    EXPECT_FALSE(sessions[1].stop_at);
    EXPECT_FALSE(sessions[1].meter_stop);
    EXPECT_TRUE(energy().connector_sessions("CP-G", 1, at_millis(2000), at_millis(3000)).empty())
        << "half-open: touching is not overlapping";
    EXPECT_EQ(energy().connector_sessions("CP-G", 1, at_millis(9000), at_millis(9500)).size(), 1U);

    using Pairs = std::vector<std::pair<std::string, std::int32_t>>;
    EXPECT_EQ(energy().active_connectors(at_millis(1800), at_millis(2600)), (Pairs{{"CP-G", 1}, {"CP-G", 2}}))
        << "stopped in the range";
    EXPECT_EQ(energy().active_connectors(at_millis(2600), at_millis(5001)), (Pairs{{"CP-G", 1}, {"CP-Y", 1}}))
        << "started in the range";
    EXPECT_TRUE(energy().active_connectors(at_millis(6001), at_millis(7000)).empty());

    EXPECT_EQ(energy().open_transactions_started_before(at_millis(4000)), std::vector{running});
    EXPECT_TRUE(energy().open_transactions_started_before(at_millis(3000)).empty());
}

TEST_F(EnergyRepositoryTest, SessionEnergiesAndInstitutionsWithSessionsGoByStartDate) {
    account_three_sessions();
    using Energies = std::vector<std::pair<std::int32_t, std::int64_t>>;
    EXPECT_EQ(energy().session_energies("CP-Y", "2026-01-01", "2027-01-01"),
              (Energies{{clerk_session_, 1500}, {stranger_session_, 700}}));
    EXPECT_EQ(energy().session_energies("CP-G", "2026-01-31", "2026-02-01"),
              (Energies{{car_session_, 7000}}));
    EXPECT_TRUE(energy().session_energies("CP-G", "2026-02-01", "2026-03-01").empty());

    EXPECT_EQ(energy().institutions_with_sessions("2026-01-01", "2027-01-01"), (std::vector{fleet_, host_}));
    EXPECT_EQ(energy().institutions_with_sessions("2026-02-01", "2026-04-01"), std::vector{fleet_});
    EXPECT_TRUE(energy().institutions_with_sessions("2026-05-01", "2026-06-01").empty());
}

// ---- Factors ----

TEST_F(EnergyRepositoryTest, DefaultFactorsAreSeeded) {
    const auto defaults = energy().factors(std::nullopt);
    std::vector<std::string> listed;
    for (const auto& factor : defaults) {
        listed.push_back(factor.kind + " " + std::to_string(factor.year));
        EXPECT_FALSE(factor.institution_id);
        EXPECT_FALSE(factor.source.empty());
        EXPECT_EQ(factor.created_at, at_millis(0));
    }
    EXPECT_EQ(listed,
              (std::vector<std::string>{"coal_kgce_per_kwh 2020", "ev_reference_kwh_per_100km 2024",
                                        "grid_co2_kg_per_kwh 2021", "grid_co2_kg_per_kwh 2022",
                                        "grid_co2_kg_per_kwh 2023", "petrol_co2_kg_per_l 2006",
                                        "petrol_kgce_per_l 2020", "petrol_reference_l_per_100km 2024"}));
    ASSERT_EQ(defaults.size(), 8U);
    EXPECT_EQ(defaults[0].value, 0.1229);
    EXPECT_EQ(defaults[0].unit, "kgce/kWh");
    EXPECT_EQ(defaults[0].basis, "equivalent");
    EXPECT_EQ(defaults[4].value, 0.5306);
    EXPECT_FALSE(defaults[4].basis);
    EXPECT_EQ(defaults[6].value, 1.0888);
    EXPECT_EQ(defaults[7].source, "ParkGrid default for an official sedan; set the fleet's own figure");
    EXPECT_TRUE(energy().factors(fleet_).empty());
}

TEST_F(EnergyRepositoryTest, FactorsAreUniquePerOwnerKindAndYear) {
    EnergyFactorRecord grid{.kind = "grid_co2_kg_per_kwh",
                            .value = 0.6,
                            .unit = "kgCO2/kWh",
                            .year = 2023,
                            .source = "Provincial grid factor",
                            .created_at = at_millis(77)};
    EXPECT_FALSE(energy().insert_factor(grid)) << "the defaults have 2023";
    grid.institution_id = fleet_;
    const auto own = energy().insert_factor(grid);
    ASSERT_TRUE(own) << "an institution may override a default";
    EXPECT_FALSE(energy().insert_factor(grid));
    grid.year = 2024;
    EXPECT_TRUE(energy().insert_factor(grid));
    grid.institution_id = host_;
    EXPECT_TRUE(energy().insert_factor(grid));

    const auto fleet_factors = energy().factors(fleet_);
    ASSERT_EQ(fleet_factors.size(), 2U);
    EXPECT_EQ(fleet_factors[0].id, *own);
    EXPECT_EQ(fleet_factors[1].year, 2024);
    const auto found = energy().find_factor(*own);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->institution_id, fleet_);
    EXPECT_EQ(found->kind, "grid_co2_kg_per_kwh");
    EXPECT_EQ(found->value, 0.6);
    EXPECT_EQ(found->unit, "kgCO2/kWh");
    EXPECT_EQ(found->year, 2023);
    EXPECT_EQ(found->source, "Provincial grid factor");
    EXPECT_FALSE(found->basis);
    EXPECT_EQ(found->created_at, at_millis(77));
    EXPECT_EQ(energy().factors(std::nullopt).size(), 8U);

    EXPECT_TRUE(energy().remove_factor(*own));
    EXPECT_FALSE(energy().remove_factor(*own));
    EXPECT_FALSE(energy().find_factor(*own));
    EXPECT_EQ(energy().factors(fleet_).size(), 1U);

    // Only the coal factor has a basis, and it must.
    EnergyFactorRecord coal{.institution_id = fleet_,
                            .kind = "coal_kgce_per_kwh",
                            .value = 0.3,
                            .unit = "kgce/kWh",
                            .year = 2020,
                            .source = "GB/T 2589-2020"};
    expect_refused([&] { energy().insert_factor(coal); }, SQLITE_CONSTRAINT_CHECK);
    coal.basis = "equal_value";
    EXPECT_TRUE(energy().insert_factor(coal));
    grid.basis = "equivalent";
    grid.year = 2030;
    expect_refused([&] { energy().insert_factor(grid); }, SQLITE_CONSTRAINT_CHECK);
    grid.basis.reset();
    grid.value = 0;
    expect_refused([&] { energy().insert_factor(grid); }, SQLITE_CONSTRAINT_CHECK);
    grid.value = 1;
    grid.institution_id = 999;
    expect_refused([&] { energy().insert_factor(grid); }, SQLITE_CONSTRAINT_FOREIGNKEY);
}

// ---- Odometer ----

TEST_F(EnergyRepositoryTest, OdometerReadingsInReadOrderOnePerInstant) {
    OdometerReadingRecord reading{.vehicle_id = car_,
                                  .read_at = at_millis(3000),
                                  .odometer_km = 12345.6,
                                  .note = "service",
                                  .recorded_by = "user:fleet",
                                  .recorded_at = at_millis(3500)};
    const auto later = energy().insert_odometer_reading(reading);
    ASSERT_TRUE(later);
    EXPECT_FALSE(energy().insert_odometer_reading(reading)) << "same instant";
    reading.read_at = at_millis(1000);
    reading.odometer_km = 12000;
    reading.note.reset();
    const auto earlier = energy().insert_odometer_reading(reading);
    ASSERT_TRUE(earlier);
    const auto other = add_vehicle_of(fleet_, "N1", "BEV", "2026-01-01");
    reading.vehicle_id = other;
    EXPECT_TRUE(energy().insert_odometer_reading(reading)) << "another vehicle at the same instant";

    const auto readings = energy().odometer_readings(car_, std::nullopt, std::nullopt);
    ASSERT_EQ(readings.size(), 2U);
    EXPECT_EQ(readings[0].id, *earlier);
    EXPECT_FALSE(readings[0].note);
    EXPECT_EQ(readings[1].id, *later);
    EXPECT_EQ(readings[1].vehicle_id, car_);
    EXPECT_EQ(readings[1].read_at, at_millis(3000));
    EXPECT_EQ(readings[1].odometer_km, 12345.6);
    EXPECT_EQ(readings[1].note, "service");
    EXPECT_EQ(readings[1].recorded_by, "user:fleet");
    EXPECT_EQ(readings[1].recorded_at, at_millis(3500));
    EXPECT_EQ(energy().odometer_readings(car_, at_millis(1001), std::nullopt).size(), 1U);
    EXPECT_EQ(energy().odometer_readings(car_, std::nullopt, at_millis(3000)).size(), 1U);
    EXPECT_EQ(energy().odometer_readings(car_, at_millis(1000), at_millis(3001)).size(), 2U);

    EXPECT_FALSE(energy().remove_odometer_reading(other, *later)) << "not that vehicle's";
    EXPECT_TRUE(energy().remove_odometer_reading(car_, *later));
    EXPECT_FALSE(energy().remove_odometer_reading(car_, *later));
    EXPECT_EQ(energy().odometer_readings(car_, std::nullopt, std::nullopt).size(), 1U);

    reading.vehicle_id = 999;
    expect_refused([&] { energy().insert_odometer_reading(reading); }, SQLITE_CONSTRAINT_FOREIGNKEY);
    reading.vehicle_id = car_;
    reading.read_at = at_millis(5000);
    reading.odometer_km = -1;
    expect_refused([&] { energy().insert_odometer_reading(reading); }, SQLITE_CONSTRAINT_CHECK);
}

// ---- Charger ratings and site service fees ----

TEST_F(EnergyRepositoryTest, ChargerRatingIsReadWithTheCharger) {
    EXPECT_FALSE(repositories_.chargers().find("CP-G")->current_type);
    EXPECT_FALSE(repositories_.chargers().find("CP-G")->rated_power_kw);
    ASSERT_TRUE(energy().set_charger_rating("CP-G", std::string("DC"), 60.5));
    const auto charger = repositories_.chargers().find("CP-G");
    EXPECT_EQ(charger->current_type, "DC");
    EXPECT_EQ(charger->rated_power_kw, 60.5);
    EXPECT_EQ(repositories_.chargers().list().at(0).current_type, "DC");
    ASSERT_TRUE(energy().set_charger_rating("CP-G", std::nullopt, std::nullopt));
    EXPECT_FALSE(repositories_.chargers().find("CP-G")->current_type);
    EXPECT_FALSE(repositories_.chargers().find("CP-G")->rated_power_kw);
    EXPECT_FALSE(energy().set_charger_rating("CP-NONE", std::string("AC"), 7));
    expect_refused([&] { energy().set_charger_rating("CP-G", std::string("HV"), 7); },
                   SQLITE_CONSTRAINT_CHECK);
    expect_refused([&] { energy().set_charger_rating("CP-G", std::string("AC"), 0); },
                   SQLITE_CONSTRAINT_CHECK);
}

TEST_F(EnergyRepositoryTest, SiteServiceFeeIsWrittenAndRead) {
    EXPECT_EQ(repositories_.sites().find(garage_)->service_fee_per_kwh, 0);
    SiteRecord site;
    site.institution_id = fleet_;
    site.name = "Paid";
    site.service_fee_per_kwh = 0.8;
    const auto id = repositories_.sites().insert(site);
    ASSERT_TRUE(id);
    EXPECT_EQ(repositories_.sites().find(*id)->service_fee_per_kwh, 0.8);
    site.id = *id;
    site.service_fee_per_kwh = 1.25;
    ASSERT_EQ(repositories_.sites().update(site), UpdateResult::Updated);
    EXPECT_EQ(repositories_.sites().find(*id)->service_fee_per_kwh, 1.25);
    site.service_fee_per_kwh = -0.1;
    expect_refused([&] { repositories_.sites().update(site); }, SQLITE_CONSTRAINT_CHECK);
}

}  // namespace
}  // namespace parkgrid::storage
