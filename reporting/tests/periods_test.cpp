#include "parkgrid/reporting/periods.hpp"

#include <gtest/gtest.h>

namespace parkgrid::reporting {
namespace {

TEST(PeriodTest, ParsesEachKindIntoItsDateRange) {
    const auto month = parse_period(PeriodKind::Month, "2024-02");
    ASSERT_TRUE(month);
    EXPECT_EQ(month->range.first, "2024-02-01");
    EXPECT_EQ(month->range.end, "2024-03-01");
    const auto quarter = parse_period(PeriodKind::Quarter, "2026-Q4");
    ASSERT_TRUE(quarter);
    EXPECT_EQ(quarter->range.first, "2026-10-01");
    EXPECT_EQ(quarter->range.end, "2027-01-01");
    const auto year = parse_period(PeriodKind::Year, "2026");
    ASSERT_TRUE(year);
    EXPECT_EQ(year->range.end, "2027-01-01");
    const auto day = parse_period(PeriodKind::Day, "2024-02-29");
    ASSERT_TRUE(day);
    EXPECT_EQ(day->range.end, "2024-03-01");
}

TEST(PeriodTest, RefusesWhatIsNotAPeriod) {
    EXPECT_FALSE(parse_period(PeriodKind::Month, "2026-13"));
    EXPECT_FALSE(parse_period(PeriodKind::Month, "2026-3"));
    EXPECT_FALSE(parse_period(PeriodKind::Quarter, "2026-Q5"));
    EXPECT_FALSE(parse_period(PeriodKind::Quarter, "2026-Q0"));
    EXPECT_FALSE(parse_period(PeriodKind::Day, "2026-02-29"));
    EXPECT_FALSE(parse_period(PeriodKind::Year, "26"));
    EXPECT_FALSE(parse_period(PeriodKind::Year, "2026x"));
    EXPECT_FALSE(is_local_date("2026-04-31"));
    EXPECT_TRUE(is_local_date("2026-04-30"));
}

TEST(PeriodTest, FindsThePreviousPeriodAndThePeriodOfADate) {
    EXPECT_EQ(previous_period(*parse_period(PeriodKind::Month, "2026-01")).label, "2025-12");
    EXPECT_EQ(previous_period(*parse_period(PeriodKind::Quarter, "2026-Q1")).label, "2025-Q4");
    EXPECT_EQ(previous_period(*parse_period(PeriodKind::Year, "2026")).label, "2025");
    EXPECT_EQ(previous_period(*parse_period(PeriodKind::Day, "2026-03-01")).label, "2026-02-28");
    EXPECT_EQ(period_of(PeriodKind::Quarter, "2026-08-15").label, "2026-Q3");
    EXPECT_EQ(period_of(PeriodKind::Month, "2026-08-15").range.first, "2026-08-01");
    EXPECT_EQ(next_day("2026-12-31"), "2027-01-01");
}

}  // namespace
}  // namespace parkgrid::reporting
