#pragma once

// The standard outputs for energy offices, built as Workbooks (then written as JSON, CSV or XLSX):
// - the monthly ledger (月度台账): every session of the institution in the month, with totals;
// - the quarterly and the annual report: per month energy, time-of-use split, cost, standard coal and CO2,
//   the fleet inventory (vehicles by kind, the new-energy share of those added, chargers by AC/DC and rated
//   power), and the quality score;
// each with the data-quality appendix: every finding of the institution in the period.

#include <functional>
#include <nlohmann/json.hpp>

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/storage/repositories.hpp"
#include "report_table.hpp"

namespace parkgrid::server::reports {

enum class StandardReport { MonthlyLedger, Quarterly, Annual };

// The period kind of a report (month, quarter, year).
reporting::PeriodKind period_kind(StandardReport report);

// Called with (rows done, rows in all) while a large report is built; may be empty.
using Progress = std::function<void(std::size_t done, std::size_t total)>;

// Throws std::out_of_range when the institution does not exist.
Workbook build_standard_report(storage::Repositories& repositories, StandardReport report,
                               std::int64_t institution_id, const reporting::Period& period,
                               const Progress& progress = {});

// The workbook as JSON for the API: {"sheets": [{"name", "title", "notes", "headings", "rows", "totals"}]},
// text in the given language, numbers as JSON numbers (exact decimals as written in CSV).
nlohmann::json workbook_json(const Workbook& workbook, Language language);

}  // namespace parkgrid::server::reports
