#pragma once

// Reporting periods as text: a day "2026-03-31", a month "2026-03", a quarter "2026-Q1" or a year "2026",
// each the range of local dates [first, end).

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::reporting {

enum class PeriodKind { Day, Month, Quarter, Year };

struct DateRange {
    std::string first;  // YYYY-MM-DD, inclusive
    std::string end;    // YYYY-MM-DD, exclusive
};

struct Period {
    PeriodKind kind = PeriodKind::Month;
    std::string label;
    DateRange range;
};

// nullopt when `label` is not a valid period of that kind (e.g. "2026-13", "2026-Q5", "2026-02-30").
std::optional<Period> parse_period(PeriodKind kind, std::string_view label);
// The period before, of the same kind.
Period previous_period(const Period& period);
// The period of `kind` holding a local date (YYYY-MM-DD, assumed valid).
Period period_of(PeriodKind kind, std::string_view local_date);
// A valid calendar date YYYY-MM-DD.
bool is_local_date(std::string_view text);
// The day after a valid date.
std::string next_day(std::string_view local_date);

}  // namespace parkgrid::reporting
