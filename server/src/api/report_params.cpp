#include "report_params.hpp"

#include <chrono>

#include "api_error.hpp"
#include "organisation_access.hpp"
#include "reports/report_names.hpp"

namespace parkgrid::server::api {
namespace {

constexpr long kMaxDailyDays = 366;
constexpr int kMaxYears = 20;

// The kind a label's form stands for; the label may still name no real period.
std::optional<reporting::PeriodKind> kind_of_label(std::string_view label) {
    switch (label.size()) {
        case 4: return reporting::PeriodKind::Year;
        case 7: return label[5] == 'Q' ? reporting::PeriodKind::Quarter : reporting::PeriodKind::Month;
        case 10: return reporting::PeriodKind::Day;
        default: return std::nullopt;
    }
}

std::chrono::sys_days days_of(const std::string& date) {
    // Only called with reporting::is_local_date() dates.
    const std::chrono::year_month_day day{
        std::chrono::year{std::stoi(date.substr(0, 4))},
        std::chrono::month{static_cast<unsigned>(std::stoi(date.substr(5, 2)))},
        std::chrono::day{static_cast<unsigned>(std::stoi(date.substr(8, 2)))}};
    return std::chrono::sys_days{day};
}

std::string_view kind_example(reporting::PeriodKind kind) {
    switch (kind) {
        case reporting::PeriodKind::Day: return "a day YYYY-MM-DD such as 2026-03-31";
        case reporting::PeriodKind::Month: return "a month YYYY-MM such as 2026-03";
        case reporting::PeriodKind::Quarter: return "a quarter YYYY-Qn such as 2026-Q1";
        case reporting::PeriodKind::Year: return "a year YYYY such as 2026";
    }
    return "";
}

}  // namespace

std::optional<reporting::Period> parse_period_label(std::string_view label) {
    const auto kind = kind_of_label(label);
    return kind ? reporting::parse_period(*kind, label) : std::nullopt;
}

InstitutionPeriod institution_period_params(const ApiRequest& request) {
    const auto institution_id = query_id(request, "institutionId");
    if (!institution_id) {
        throw ApiError::invalid_field("institutionId", "is required");
    }
    return {*institution_id, required_period(request.query("period"), "period")};
}

reporting::Period required_period(const std::optional<std::string>& text, const std::string& name) {
    if (!text) {
        throw ApiError::invalid_field(name,
                                      "is required: a period such as 2026, 2026-Q1, 2026-03 or 2026-03-31");
    }
    auto period = parse_period_label(*text);
    if (!period) {
        throw ApiError::invalid_field(
            name, "must be a year (2026), a quarter (2026-Q1), a month (2026-03) or a day (2026-03-31)");
    }
    return std::move(*period);
}

reporting::Period required_period_of(const std::optional<std::string>& text, const std::string& name,
                                     reporting::PeriodKind kind) {
    auto period = text ? reporting::parse_period(kind, *text) : std::nullopt;
    if (!period) {
        throw ApiError::invalid_field(
            name, (text ? "must be " : "is required: ") + std::string(kind_example(kind)));
    }
    return std::move(*period);
}

std::optional<std::string> query_date(const ApiRequest& request, const std::string& name) {
    auto text = request.query(name);
    if (text && !reporting::is_local_date(*text)) {
        throw ApiError::invalid_field(name, "must be a date written YYYY-MM-DD, such as 2026-03-01");
    }
    return text;
}

reporting::DateRange query_date_range(const ApiRequest& request, bool daily) {
    const auto from = query_date(request, "from");
    if (!from) {
        throw ApiError::invalid_field("from", "is required: the first local date, YYYY-MM-DD");
    }
    const auto to = query_date(request, "to");
    if (!to) {
        throw ApiError::invalid_field("to", "is required: the local date after the last one, YYYY-MM-DD");
    }
    if (*to <= *from) {  // YYYY-MM-DD: text order is date order
        throw ApiError::invalid_field("to", "must be after from (to is exclusive)");
    }
    const auto days = (days_of(*to) - days_of(*from)).count();
    if (daily && days > kMaxDailyDays) {
        throw ApiError::invalid_field("to", "daily figures cover at most " + std::to_string(kMaxDailyDays) +
                                                " days; ask for months, quarters or years");
    }
    if (!daily) {
        auto max_end = std::chrono::year_month_day{days_of(*from)} + std::chrono::years{kMaxYears};
        if (!max_end.ok()) {  // 29 February of a year that is not a leap year
            max_end = max_end.year() / max_end.month() / std::chrono::last;
        }
        if (days_of(*to) > std::chrono::sys_days{max_end}) {
            throw ApiError::invalid_field("to",
                                          "a report covers at most " + std::to_string(kMaxYears) + " years");
        }
    }
    return reporting::DateRange{*from, *to};
}

storage::ReportGroup group_param(const ApiRequest& request) {
    if (const auto group =
            reports::parse_name(reports::kGroupNames, request.query("groupBy").value_or("institution"))) {
        return *group;
    }
    throw ApiError::invalid_field("groupBy", "must be institution, site, department, vehicle or charger");
}

storage::ReportPeriod report_period_param(const ApiRequest& request) {
    if (const auto period =
            reports::parse_name(reports::kPeriodNames, request.query("period").value_or("month"))) {
        return *period;
    }
    throw ApiError::invalid_field("period", "must be day, month, quarter or year");
}

std::optional<reports::Language> parse_language(std::string_view text) {
    if (text == "zh") {
        return reports::Language::Chinese;
    }
    if (text == "en") {
        return reports::Language::English;
    }
    return std::nullopt;
}

std::string_view language_name(reports::Language language) {
    return language == reports::Language::Chinese ? "zh" : "en";
}

reports::Language language_param(const ApiRequest& request) {
    const auto language = parse_language(request.query("lang").value_or("zh"));
    if (!language) {
        throw ApiError::invalid_field("lang", "must be zh or en");
    }
    return *language;
}

std::optional<reports::FileFormat> format_param(const ApiRequest& request) {
    const auto text = request.query("format").value_or("json");
    if (text == "json") {
        return std::nullopt;
    }
    if (text == "csv") {
        return reports::FileFormat::Csv;
    }
    if (text == "xlsx") {
        return reports::FileFormat::Xlsx;
    }
    throw ApiError::invalid_field("format", "must be json, csv or xlsx");
}

std::optional<reports::StandardReport> parse_standard_report(std::string_view name) {
    if (name == "monthly-ledger") {
        return reports::StandardReport::MonthlyLedger;
    }
    if (name == "quarterly") {
        return reports::StandardReport::Quarterly;
    }
    if (name == "annual") {
        return reports::StandardReport::Annual;
    }
    return std::nullopt;
}

std::string_view standard_report_name(reports::StandardReport report) {
    switch (report) {
        case reports::StandardReport::MonthlyLedger: return "monthly-ledger";
        case reports::StandardReport::Quarterly: return "quarterly";
        case reports::StandardReport::Annual: return "annual";
    }
    return "monthly-ledger";
}

std::string report_file_name(reports::StandardReport report, std::int64_t institution_id,
                             const std::string& period_label, reports::FileFormat format) {
    const std::string_view stem =
        report == reports::StandardReport::MonthlyLedger ? "ledger" : standard_report_name(report);
    return std::string(stem) + "-" + std::to_string(institution_id) + "-" + period_label + "." +
           std::string(reports::file_extension(format));
}

}  // namespace parkgrid::server::api
