#pragma once

// Parameters of the energy-statistics routes (reports, exports, data quality): reporting periods written as
// labels, local dates, the report's grouping, format and language. Each is a 422 naming the parameter or
// body field when malformed.

#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/storage/energy_records.hpp"
#include "reports/report_files.hpp"
#include "reports/standard_reports.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

// A period label of any kind, the kind told by its form: "2026" a year, "2026-Q1" a quarter, "2026-03" a
// month, "2026-03-31" a day. nullopt when it has none of these forms or names no real period.
std::optional<reporting::Period> parse_period_label(std::string_view label);

// The label in `text` (a query parameter or body field called `name`): required, any kind.
reporting::Period required_period(const std::optional<std::string>& text, const std::string& name);

// The label in `text`, which must be of `kind` (e.g. ?month=2026-03 for the monthly ledger).
reporting::Period required_period_of(const std::optional<std::string>& text, const std::string& name,
                                     reporting::PeriodKind kind);

// ?institutionId=&period=<label>, both required: the figures of one institution in one period.
struct InstitutionPeriod {
    std::int64_t institution_id = 0;
    reporting::Period period;
};
InstitutionPeriod institution_period_params(const ApiRequest& request);

// A local date YYYY-MM-DD in query parameter `name`; nullopt when absent.
std::optional<std::string> query_date(const ApiRequest& request, const std::string& name);

// The date range [from, to) of ?from=&to=: both required, from before to, and at most 366 days for daily
// figures (`daily`) or 20 years otherwise.
reporting::DateRange query_date_range(const ApiRequest& request, bool daily);

// ?groupBy=institution|site|department|vehicle|charger (default institution).
storage::ReportGroup group_param(const ApiRequest& request);
// ?period=day|month|quarter|year (default month).
storage::ReportPeriod report_period_param(const ApiRequest& request);

// ?lang=zh|en (default zh), and the same as a body field.
reports::Language language_param(const ApiRequest& request);
std::optional<reports::Language> parse_language(std::string_view text);
std::string_view language_name(reports::Language language);

// ?format=json|csv|xlsx (default json): nullopt for JSON, else the file format.
std::optional<reports::FileFormat> format_param(const ApiRequest& request);

// The standard reports by their API names: monthly-ledger, quarterly, annual.
std::optional<reports::StandardReport> parse_standard_report(std::string_view name);
std::string_view standard_report_name(reports::StandardReport report);

// The name a report file is downloaded as, e.g. "ledger-3-2026-03.csv" or "annual-3-2026.xlsx".
std::string report_file_name(reports::StandardReport report, std::int64_t institution_id,
                             const std::string& period_label, reports::FileFormat format);

}  // namespace parkgrid::server::api
