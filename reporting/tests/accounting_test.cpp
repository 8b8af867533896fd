#include "parkgrid/reporting/accounting.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>

namespace parkgrid::reporting {
namespace {

// Asia/Shanghai local time (UTC+8, no daylight saving) as Unix milliseconds.
Millis shanghai(int year, unsigned month, unsigned day, int hour, int minute, int second = 0) {
    const auto local = date::local_days{date::year{year} / date::month{month} / date::day{day}} +
                       std::chrono::hours{hour} + std::chrono::minutes{minute} + std::chrono::seconds{second};
    const auto utc = date::locate_zone("Asia/Shanghai")->to_sys(local);
    return std::chrono::duration_cast<std::chrono::milliseconds>(utc.time_since_epoch()).count();
}

TouPeriod period(const char* kind, int start_hour, int end_hour, double price) {
    return TouPeriod{kind, start_hour * 60, end_hour * 60, price};
}

// A typical provincial time-of-use tariff (尖峰平谷) with a service fee.
SiteTariff tariff() {
    SiteTariff tariff;
    tariff.time_zone = "Asia/Shanghai";
    tariff.periods = {period("valley", 23, 7, 0.30),      period("flat", 7, 10, 0.65),
                      period("peak", 10, 15, 1.00),       period("flat", 15, 18, 0.65),
                      period("sharp_peak", 18, 20, 1.20), period("peak", 20, 23, 1.00)};
    tariff.service_fee_per_kwh = 0.40;
    return tariff;
}

MeterSample reading(Millis at, double wh) {
    MeterSample sample;
    sample.at = at;
    sample.received_at = at;
    sample.energy_wh = wh;
    return sample;
}

MeterSession session(Millis start, std::int64_t meter_start, Millis stop, std::int64_t meter_stop,
                     std::vector<MeterSample> samples = {}) {
    MeterSession result;
    result.start_at = start;
    result.start_received_at = start;
    result.meter_start_wh = meter_start;
    result.stop_at = stop;
    result.stop_received_at = stop;
    result.meter_stop_wh = meter_stop;
    result.samples = std::move(samples);
    return result;
}

void expect_part(const EnergyPart& part, const std::string& date, const std::string& kind, std::int64_t wh,
                 std::int64_t seconds, std::int64_t cost, std::int64_t fee) {
    EXPECT_EQ(part.local_date, date);
    EXPECT_EQ(part.tou_kind, kind);
    EXPECT_EQ(part.wh, wh) << date << " " << kind;
    EXPECT_EQ(part.seconds, seconds) << date << " " << kind;
    EXPECT_EQ(part.cost_fen, cost) << date << " " << kind;
    EXPECT_EQ(part.service_fee_fen, fee) << date << " " << kind;
}

TEST(CostTest, RoundsHalfAFenUpWhateverTheBinaryPrice) {
    EXPECT_EQ(cost_fen(5, 1.0), 1);        // 0.5 fen
    EXPECT_EQ(cost_fen(50, 0.3), 2);       // 1.5 fen; 0.3 is not exact in binary
    EXPECT_EQ(cost_fen(15, 0.1), 0);       // 0.15 fen
    EXPECT_EQ(cost_fen(667, 0.3), 20);     // 20.01 fen
    EXPECT_EQ(cost_fen(1333, 0.3), 40);    // 39.99 fen
    EXPECT_EQ(cost_fen(7350, 0.65), 478);  // 477.75 fen
    EXPECT_EQ(cost_fen(0, 1.2), 0);
}

// 22:00 to 23:30: the reading interval 22:40-23:20 crosses the peak/valley boundary at 23:00 and is split
// by linear interpolation: 4000 Wh over 40 minutes, 20 of them in each period.
TEST(AccountingTest, SplitsAReadingIntervalAcrossThePeakValleyBoundary) {
    const auto s = session(
        shanghai(2026, 3, 10, 22, 0), 10'000, shanghai(2026, 3, 10, 23, 30), 19'000,
        {reading(shanghai(2026, 3, 10, 22, 0), 10'000), reading(shanghai(2026, 3, 10, 22, 40), 14'000),
         reading(shanghai(2026, 3, 10, 23, 20), 18'000), reading(shanghai(2026, 3, 10, 23, 30), 19'000)});
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.source, EnergySource::Register);
    EXPECT_EQ(account.total_wh, 9'000);
    ASSERT_EQ(account.parts.size(), 2U);
    // peak: 4000 + 2000 Wh, 6 kWh x 1.00 = 6.00 CNY, fee 6 x 0.40 = 2.40 CNY; valley: 2000 + 1000 Wh.
    expect_part(account.parts[0], "2026-03-10", "peak", 6'000, 3'600, 600, 240);
    expect_part(account.parts[1], "2026-03-10", "valley", 3'000, 1'800, 90, 120);
}

// 23:50 on 31 March to 00:20 on 1 April, one reading interval of 2000 Wh: a third falls on 31 March
// (666.67 Wh) and two thirds on 1 April (1333.33 Wh); rounding keeps the total.
TEST(AccountingTest, SplitsASessionAcrossMidnightAtMonthEnd) {
    const auto s = session(
        shanghai(2026, 3, 31, 23, 50), 50'000, shanghai(2026, 4, 1, 0, 20), 52'000,
        {reading(shanghai(2026, 3, 31, 23, 50), 50'000), reading(shanghai(2026, 4, 1, 0, 20), 52'000)});
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.total_wh, 2'000);
    ASSERT_EQ(account.parts.size(), 2U);
    // 667 Wh x 0.30 = 20.01 fen -> 20; fee 26.68 -> 27. 1333 Wh x 0.30 = 39.99 -> 40; fee 53.32 -> 53.
    expect_part(account.parts[0], "2026-03-31", "valley", 667, 600, 20, 27);
    expect_part(account.parts[1], "2026-04-01", "valley", 1'333, 1'200, 40, 53);
}

TEST(AccountingTest, SplitsAtYearEndAndKeepsDaysApartWithinOnePeriod) {
    // Valley from 23:00 to 07:00 spans two local days: the parts are per day.
    const auto s = session(shanghai(2026, 12, 31, 23, 0), 0, shanghai(2027, 1, 1, 1, 0), 14'000);
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.source, EnergySource::MeterStop);
    ASSERT_EQ(account.parts.size(), 2U);
    expect_part(account.parts[0], "2026-12-31", "valley", 7'000, 3'600, 210, 280);
    expect_part(account.parts[1], "2027-01-01", "valley", 7'000, 3'600, 210, 280);
}

TEST(AccountingTest, FallsBackToMeterStopMinusMeterStartWithoutRegisterSamples) {
    const auto s = session(shanghai(2026, 3, 10, 8, 0), 120'000, shanghai(2026, 3, 10, 9, 0), 127'350);
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.source, EnergySource::MeterStop);
    ASSERT_EQ(account.parts.size(), 1U);
    expect_part(account.parts[0], "2026-03-10", "flat", 7'350, 3'600, 478, 294);
}

TEST(AccountingTest, MergesTheSameKindTwiceInADay) {
    // 09:00-16:00 evenly, 7000 Wh: flat 09-10 and 15-16 (2000 Wh), peak 10-15 (5000 Wh).
    const auto s = session(shanghai(2026, 5, 4, 9, 0), 0, shanghai(2026, 5, 4, 16, 0), 7'000);
    const auto account = account_session(s, tariff());
    ASSERT_EQ(account.parts.size(), 2U);
    expect_part(account.parts[0], "2026-05-04", "flat", 2'000, 7'200, 130, 80);
    expect_part(account.parts[1], "2026-05-04", "peak", 5'000, 18'000, 500, 200);
}

TEST(AccountingTest, AnchorsPeriodicSamplesAtMeterStartAndMeterStop) {
    // Samples only every 10 minutes inside the session; the energy before the first and after the last
    // comes from meterStart and meterStop.
    const auto s =
        session(shanghai(2026, 3, 10, 8, 0), 1'000, shanghai(2026, 3, 10, 8, 30), 4'000,
                {reading(shanghai(2026, 3, 10, 8, 10), 2'000), reading(shanghai(2026, 3, 10, 8, 20), 3'000)});
    EXPECT_EQ(account_session(s, tariff()).total_wh, 3'000);
}

TEST(AccountingTest, IgnoresMeterStartAndStopOnAnotherBasisThanTheRegister) {
    // meterStart 0 and meterStop 3000 while the register stands at 52,000 kWh: only the register counts.
    const auto s = session(shanghai(2026, 3, 10, 8, 0), 0, shanghai(2026, 3, 10, 8, 30), 3'000,
                           {reading(shanghai(2026, 3, 10, 8, 0), 52'000'000),
                            reading(shanghai(2026, 3, 10, 8, 30), 52'002'500)});
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.source, EnergySource::Register);
    EXPECT_EQ(account.total_wh, 2'500);
}

TEST(AccountingTest, ARegisterResetAddsNoEnergy) {
    // 1000 -> 3000 (2000 Wh), reset to 0, then 0 -> 500: 2500 Wh.
    const auto s =
        session(shanghai(2026, 3, 10, 8, 0), 1'000, shanghai(2026, 3, 10, 8, 30), 500,
                {reading(shanghai(2026, 3, 10, 8, 0), 1'000), reading(shanghai(2026, 3, 10, 8, 10), 3'000),
                 reading(shanghai(2026, 3, 10, 8, 20), 0), reading(shanghai(2026, 3, 10, 8, 30), 500)});
    EXPECT_EQ(account_session(s, tariff()).total_wh, 2'500);
}

TEST(AccountingTest, WithoutATariffEverythingIsUnclassifiedAndUnpriced) {
    SiteTariff none;
    const auto s = session(shanghai(2026, 3, 10, 22, 0), 0, shanghai(2026, 3, 11, 1, 0), 9'000);
    const auto account = account_session(s, none);
    ASSERT_EQ(account.parts.size(), 2U);
    expect_part(account.parts[0], "2026-03-10", kUnclassified, 6'000, 7'200, 0, 0);
    expect_part(account.parts[1], "2026-03-11", kUnclassified, 3'000, 3'600, 0, 0);
}

TEST(AccountingTest, RoundedPartsAlwaysAddUpToTheTotal) {
    // 1000 Wh over 7 hours of six periods: thirds and sevenths everywhere.
    const auto s = session(shanghai(2026, 3, 10, 17, 0), 0, shanghai(2026, 3, 11, 0, 0), 1'000);
    const auto account = account_session(s, tariff());
    std::int64_t sum = 0;
    for (const auto& part : account.parts) {
        sum += part.wh;
    }
    EXPECT_EQ(account.total_wh, 1'000);
    EXPECT_EQ(sum, 1'000);
    ASSERT_EQ(account.parts.size(), 4U);  // flat, sharp peak, peak, valley
    EXPECT_EQ(account.parts[0].wh, 143);  // 1/7 = 142.86
    EXPECT_EQ(account.parts[1].wh, 286);  // 2/7 = 285.71
    EXPECT_EQ(account.parts[2].wh, 428);  // 3/7 = 428.57
    EXPECT_EQ(account.parts[3].wh, 143);  // 1/7 = 142.86
}

TEST(AccountingTest, AJumpAtOneInstantBelongsToThePeriodHoldingIt) {
    const auto at = shanghai(2026, 3, 10, 22, 59);
    const auto s = session(shanghai(2026, 3, 10, 22, 0), 0, shanghai(2026, 3, 10, 23, 30), 1'000,
                           {reading(shanghai(2026, 3, 10, 22, 0), 0), reading(at, 0), reading(at, 1'000),
                            reading(shanghai(2026, 3, 10, 23, 30), 1'000)});
    const auto account = account_session(s, tariff());
    ASSERT_EQ(account.parts.size(), 2U);
    EXPECT_EQ(account.parts[0].tou_kind, "peak");
    EXPECT_EQ(account.parts[0].wh, 1'000);
    EXPECT_EQ(account.parts[1].wh, 0);
}

TEST(AccountingTest, UsesTheSitesOwnZone) {
    SiteTariff utc;
    utc.time_zone = "UTC";
    // 2026-03-10 23:30 in Shanghai is 15:30 UTC: one UTC day.
    const auto s = session(shanghai(2026, 3, 10, 23, 30), 0, shanghai(2026, 3, 11, 0, 30), 100);
    const auto account = account_session(s, utc);
    ASSERT_EQ(account.parts.size(), 1U);
    EXPECT_EQ(account.parts[0].local_date, "2026-03-10");
}

TEST(AccountingTest, AStopDecadesLateIsAccountedOverThirtyOneDaysAtMost) {
    // A charger clock set to 2099: the energy is kept, but not spread over 73 years of daily parts.
    const auto s = session(shanghai(2026, 3, 10, 8, 0), 0, shanghai(2099, 1, 1, 0, 0), 10'000);
    const auto account = account_session(s, tariff());
    EXPECT_EQ(account.total_wh, 10'000);
    EXPECT_LE(account.parts.size(), 32U * 4);
    EXPECT_EQ(account.parts.back().local_date, "2026-04-10");
}

TEST(AccountingTest, ConvertsLocalDatesAndInstants) {
    EXPECT_EQ(start_of_local_date("2026-04-01", "Asia/Shanghai"), shanghai(2026, 4, 1, 0, 0));
    EXPECT_EQ(local_date_of(shanghai(2026, 3, 31, 23, 59, 59), "Asia/Shanghai"), "2026-03-31");
    EXPECT_EQ(local_date_of(shanghai(2026, 4, 1, 0, 0), "Asia/Shanghai"), "2026-04-01");
}

TEST(AccountingTest, RefusesARunningSessionAndAnUnknownZone) {
    auto running = session(0, 0, 1, 1);
    running.stop_at.reset();
    running.meter_stop_wh.reset();
    EXPECT_THROW(account_session(running, tariff()), std::invalid_argument);
    SiteTariff bad;
    bad.time_zone = "Mars/Olympus_Mons";
    EXPECT_THROW(account_session(session(0, 0, 1, 1), bad), std::invalid_argument);
}

}  // namespace
}  // namespace parkgrid::reporting
