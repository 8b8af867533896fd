#pragma once

// A report as tables of typed cells, independent of the file format: the standard reports (monthly ledger,
// quarterly and annual report) are built as a Workbook, then written as CSV or XLSX. Headings carry both
// languages; the writer picks one.

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace parkgrid::server::reports {

enum class Language { Chinese, English };

struct Text2 {
    std::string zh;
    std::string en;
    const std::string& in(Language language) const { return language == Language::Chinese ? zh : en; }
};

// An exact decimal: units / 10^decimals, e.g. {12345, 3} is 12.345 (Wh shown as kWh), {1999, 2} is 19.99
// (fen shown as CNY). Written exactly in CSV, as a number with that many decimals in XLSX.
struct Fixed {
    std::int64_t units = 0;
    int decimals = 0;
};

// Empty, text, a whole number, an exact decimal, or a floating-point figure shown with `decimals` digits
// (derived figures such as tce, whose exactness is that of their factor).
struct Real {
    double value = 0;
    int decimals = 2;
};
using Cell = std::variant<std::monostate, std::string, std::int64_t, Fixed, Real>;
using Row = std::vector<Cell>;

struct Sheet {
    std::string name;             // XLSX sheet name (ASCII, at most 31 characters)
    Text2 title;                  // first line of the sheet
    std::vector<Text2> notes;     // lines under the title: institution, period, factors used
    std::vector<Text2> headings;  // one per column
    std::vector<Row> rows;
    std::optional<Row> totals;  // written last, after the rows
};

struct Workbook {
    std::vector<Sheet> sheets;  // e.g. the report, then its data-quality appendix
};

}  // namespace parkgrid::server::reports
