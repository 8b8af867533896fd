// Parameters of the energy-statistics routes: period labels by their form, the date range of a report, and
// the names of report files.

#include "api/report_params.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::api {
namespace {

ApiRequest request_with(std::multimap<std::string, std::string> query) {
    return ApiRequest(HttpRequest{}, Principal{}, {}, std::move(query));
}

// The field a 422 names, or "" when `run` does not throw one.
template <typename Run>
std::string invalid_field(Run run) {
    try {
        run();
    } catch (const ApiError& error) {
        return error.status() == 422 ? error.field().value_or("")
                                     : "status " + std::to_string(error.status());
    }
    return "";
}

TEST(ReportParamsTest, APeriodLabelsFormTellsItsKind) {
    const auto year = parse_period_label("2026");
    ASSERT_TRUE(year);
    EXPECT_EQ(year->kind, reporting::PeriodKind::Year);
    EXPECT_EQ(year->range.first, "2026-01-01");
    EXPECT_EQ(year->range.end, "2027-01-01");
    const auto quarter = parse_period_label("2026-Q1");
    ASSERT_TRUE(quarter);
    EXPECT_EQ(quarter->kind, reporting::PeriodKind::Quarter);
    EXPECT_EQ(quarter->range.end, "2026-04-01");
    const auto month = parse_period_label("2026-02");
    ASSERT_TRUE(month);
    EXPECT_EQ(month->kind, reporting::PeriodKind::Month);
    EXPECT_EQ(month->range.end, "2026-03-01");
    const auto day = parse_period_label("2026-03-31");
    ASSERT_TRUE(day);
    EXPECT_EQ(day->kind, reporting::PeriodKind::Day);
    EXPECT_EQ(day->range.end, "2026-04-01");
    for (const char* label :
         {"", "26", "2026-13", "2026-Q5", "2026-Q0", "2026-02-30", "2026-W10", "March", "2026-3"}) {
        EXPECT_FALSE(parse_period_label(label)) << label;
    }
}

TEST(ReportParamsTest, ARequiredPeriodOfAKindNamesItsParameter) {
    EXPECT_EQ(required_period_of(std::string("2026-Q2"), "quarter", reporting::PeriodKind::Quarter).label,
              "2026-Q2");
    EXPECT_EQ(invalid_field([] {
                  required_period_of(std::string("2026-04"), "quarter", reporting::PeriodKind::Quarter);
              }),
              "quarter");
    EXPECT_EQ(invalid_field([] { required_period_of(std::nullopt, "month", reporting::PeriodKind::Month); }),
              "month");
    EXPECT_EQ(invalid_field([] { required_period(std::nullopt, "period"); }), "period");
}

TEST(ReportParamsTest, TheDateRangeIsBoundedByThePeriodKind) {
    const auto range = query_date_range(request_with({{"from", "2026-03-01"}, {"to", "2026-04-01"}}), true);
    EXPECT_EQ(range.first, "2026-03-01");
    EXPECT_EQ(range.end, "2026-04-01");
    EXPECT_EQ(invalid_field([] { query_date_range(request_with({{"to", "2026-04-01"}}), false); }), "from");
    EXPECT_EQ(invalid_field([] { query_date_range(request_with({{"from", "2026-04-01"}}), false); }), "to");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2026-4-1"}, {"to", "2026-05-01"}}), false);
              }),
              "from");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2026-04-01"}, {"to", "2026-04-01"}}), false);
              }),
              "to");
    // 366 days of daily figures (a leap year), 20 years otherwise; 29 February plus 20 years is 28 February
    // when that year is no leap year.
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2028-01-01"}, {"to", "2029-01-01"}}), true);
              }),
              "");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2028-01-01"}, {"to", "2029-01-02"}}), true);
              }),
              "to");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2006-01-01"}, {"to", "2026-01-01"}}), false);
              }),
              "");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2006-01-01"}, {"to", "2026-01-02"}}), false);
              }),
              "to");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2080-02-29"}, {"to", "2100-02-28"}}), false);
              }),
              "");
    EXPECT_EQ(invalid_field([] {
                  query_date_range(request_with({{"from", "2080-02-29"}, {"to", "2100-03-01"}}), false);
              }),
              "to");
}

TEST(ReportParamsTest, GroupPeriodFormatAndLanguageHaveDefaults) {
    const auto none = request_with({});
    EXPECT_EQ(group_param(none), storage::ReportGroup::Institution);
    EXPECT_EQ(report_period_param(none), storage::ReportPeriod::Month);
    EXPECT_EQ(format_param(none), std::nullopt);
    EXPECT_EQ(language_param(none), reports::Language::Chinese);
    EXPECT_EQ(group_param(request_with({{"groupBy", "charger"}})), storage::ReportGroup::Charger);
    EXPECT_EQ(format_param(request_with({{"format", "xlsx"}})), reports::FileFormat::Xlsx);
    EXPECT_EQ(invalid_field([] { group_param(request_with({{"groupBy", "Site"}})); }), "groupBy");
    EXPECT_EQ(invalid_field([] { report_period_param(request_with({{"period", "week"}})); }), "period");
    EXPECT_EQ(invalid_field([] { format_param(request_with({{"format", "pdf"}})); }), "format");
    EXPECT_EQ(invalid_field([] { language_param(request_with({{"lang", "zh-CN"}})); }), "lang");
}

TEST(ReportParamsTest, ReportFilesAreNamedByReportInstitutionAndPeriod) {
    EXPECT_EQ(
        report_file_name(reports::StandardReport::MonthlyLedger, 3, "2026-03", reports::FileFormat::Csv),
        "ledger-3-2026-03.csv");
    EXPECT_EQ(report_file_name(reports::StandardReport::Quarterly, 3, "2026-Q1", reports::FileFormat::Xlsx),
              "quarterly-3-2026-Q1.xlsx");
    EXPECT_EQ(report_file_name(reports::StandardReport::Annual, 12, "2026", reports::FileFormat::Csv),
              "annual-12-2026.csv");
    for (const auto report : {reports::StandardReport::MonthlyLedger, reports::StandardReport::Quarterly,
                              reports::StandardReport::Annual}) {
        EXPECT_EQ(parse_standard_report(standard_report_name(report)), report);
    }
    EXPECT_EQ(parse_standard_report("ledger"), std::nullopt);
}

}  // namespace
}  // namespace parkgrid::server::api
