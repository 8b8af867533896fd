#include "parkgrid/reporting/periods.hpp"

#include <date/date.h>

#include <charconv>

namespace parkgrid::reporting {
namespace {

std::optional<int> number(std::string_view text) {
    int value = 0;
    if (text.empty()) {
        return std::nullopt;
    }
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::string date_text(date::year_month_day day) {
    return date::format("%F", date::sys_days{day});
}

std::optional<date::year_month_day> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return std::nullopt;
    }
    const auto year = number(text.substr(0, 4));
    const auto month = number(text.substr(5, 2));
    const auto day = number(text.substr(8, 2));
    if (!year || !month || !day || *year < 1970 || *month < 1 || *day < 1) {
        return std::nullopt;
    }
    const date::year_month_day result{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                      date::day{static_cast<unsigned>(*day)}};
    return result.ok() ? std::optional(result) : std::nullopt;
}

std::string quarter_label(int year, unsigned quarter) {
    return std::to_string(year) + "-Q" + std::to_string(quarter);
}

Period make(PeriodKind kind, date::year_month_day first) {
    const auto year = static_cast<int>(first.year());
    const auto month = static_cast<unsigned>(first.month());
    switch (kind) {
        case PeriodKind::Day:
            return {
                kind, date_text(first), {date_text(first), date_text(date::sys_days{first} + date::days{1})}};
        case PeriodKind::Month:
            return {
                kind, date_text(first).substr(0, 7), {date_text(first), date_text(first + date::months{1})}};
        case PeriodKind::Quarter:
            return {kind,
                    quarter_label(year, (month + 2) / 3),
                    {date_text(first), date_text(first + date::months{3})}};
        case PeriodKind::Year:
            return {kind, std::to_string(year), {date_text(first), date_text(first + date::years{1})}};
    }
    return {};
}

// The first day of the period of `kind` holding `day`.
date::year_month_day start_of(PeriodKind kind, date::year_month_day day) {
    const auto month = static_cast<unsigned>(day.month());
    switch (kind) {
        case PeriodKind::Day: return day;
        case PeriodKind::Month: return day.year() / day.month() / 1;
        case PeriodKind::Quarter: return day.year() / date::month{(month - 1) / 3 * 3 + 1} / 1;
        case PeriodKind::Year: return day.year() / 1 / 1;
    }
    return day;
}

}  // namespace

bool is_local_date(std::string_view text) {
    return parse_date(text).has_value();
}

std::string next_day(std::string_view local_date) {
    return date_text(date::sys_days{*parse_date(local_date)} + date::days{1});
}

std::optional<Period> parse_period(PeriodKind kind, std::string_view label) {
    std::string first;
    switch (kind) {
        case PeriodKind::Day: first = std::string(label); break;
        case PeriodKind::Month: first = std::string(label) + "-01"; break;
        case PeriodKind::Quarter: {
            if (label.size() != 7 || label.substr(4, 2) != "-Q") {
                return std::nullopt;
            }
            const auto quarter = number(label.substr(6, 1));
            if (!quarter || *quarter < 1 || *quarter > 4) {
                return std::nullopt;
            }
            constexpr const char* kFirstMonths[] = {"01", "04", "07", "10"};
            first = std::string(label.substr(0, 4)) + "-" + kFirstMonths[*quarter - 1] + "-01";
            break;
        }
        case PeriodKind::Year: first = std::string(label) + "-01-01"; break;
    }
    const auto day = parse_date(first);
    if (!day || (kind == PeriodKind::Month && label.size() != 7) ||
        (kind == PeriodKind::Year && label.size() != 4)) {
        return std::nullopt;
    }
    return make(kind, *day);
}

Period previous_period(const Period& period) {
    const auto first = *parse_date(period.range.first);
    switch (period.kind) {
        case PeriodKind::Day: return make(period.kind, date::sys_days{first} - date::days{1});
        case PeriodKind::Month: return make(period.kind, first - date::months{1});
        case PeriodKind::Quarter: return make(period.kind, first - date::months{3});
        case PeriodKind::Year: return make(period.kind, first - date::years{1});
    }
    return period;
}

Period period_of(PeriodKind kind, std::string_view local_date) {
    return make(kind, start_of(kind, *parse_date(local_date)));
}

}  // namespace parkgrid::reporting
