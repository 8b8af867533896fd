#include "load/site_calendar.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::load {
namespace {

// 2026-11-25 (a Wednesday) 00:00 in Asia/Shanghai is 2026-11-24T16:00:00Z.
constexpr Seconds kWednesdayMidnightShanghai = 1'795'536'000;
constexpr Seconds kHour = 3600;

std::vector<storage::TariffPeriod> beijing_like() {
    return {
        {"valley", "23:00", "07:00", 0.3}, {"flat", "07:00", "10:00", 0.65}, {"peak", "10:00", "23:00", 1.0}};
}

TEST(SiteCalendarTest, ConvertsToTheSitesLocalTime) {
    const SiteCalendar calendar("Asia/Shanghai", {});
    const auto local = calendar.local(kWednesdayMidnightShanghai + 9 * kHour + 30 * 60);
    EXPECT_EQ(local.minute_of_day, 9 * 60 + 30);
    EXPECT_FALSE(local.weekend);
    EXPECT_TRUE(calendar.local(kWednesdayMidnightShanghai + 3 * 24 * kHour).weekend);  // Saturday
}

TEST(SiteCalendarTest, FindsThePriceOfPeriodsThatWrapPastMidnight) {
    const SiteCalendar calendar("Asia/Shanghai", beijing_like());
    EXPECT_DOUBLE_EQ(calendar.price_at(kWednesdayMidnightShanghai + 2 * kHour), 0.3);
    EXPECT_DOUBLE_EQ(calendar.price_at(kWednesdayMidnightShanghai + 23 * kHour + 59 * 60), 0.3);
    EXPECT_DOUBLE_EQ(calendar.price_at(kWednesdayMidnightShanghai + 7 * kHour), 0.65);
    EXPECT_DOUBLE_EQ(calendar.price_at(kWednesdayMidnightShanghai + 12 * kHour), 1.0);
    EXPECT_EQ(calendar.period_at(kWednesdayMidnightShanghai + 12 * kHour), "peak");
}

TEST(SiteCalendarTest, HasNoPriceWithoutATariff) {
    const SiteCalendar calendar("Asia/Shanghai", {});
    EXPECT_DOUBLE_EQ(calendar.price_at(kWednesdayMidnightShanghai), 0);
    EXPECT_EQ(calendar.period_at(kWednesdayMidnightShanghai), "");
}

TEST(SiteCalendarTest, FindsTheNextLocalTimeOfDay) {
    const SiteCalendar calendar("Asia/Shanghai", {});
    const auto evening = kWednesdayMidnightShanghai + 18 * kHour;
    EXPECT_EQ(calendar.next_local("07:30", evening),
              kWednesdayMidnightShanghai + 24 * kHour + 7 * kHour + 30 * 60);
    EXPECT_EQ(calendar.next_local("19:00", evening), kWednesdayMidnightShanghai + 19 * kHour);
    EXPECT_EQ(calendar.next_local("7:30", evening), std::nullopt);
}

TEST(SiteCalendarTest, FollowsDaylightSavingTimeWhereTheZoneHasIt) {
    const SiteCalendar berlin("Europe/Berlin", {});
    // 2026-07-01T10:00:00Z is 12:00 in summer time (UTC+2).
    EXPECT_EQ(berlin.local(1'782'900'000).minute_of_day, 12 * 60);
}

}  // namespace
}  // namespace parkgrid::server::load
