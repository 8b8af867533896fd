#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "table_writers.hpp"

namespace parkgrid::server::reports {
namespace {

// Excel's limit for decimals in a number format; the same cells are also written as XLSX.
constexpr int kMaxDecimals = 30;
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kLineEnd = "\r\n";

void check_decimals(int decimals) {
    if (decimals < 0 || decimals > kMaxDecimals) {
        throw std::invalid_argument("report cell has " + std::to_string(decimals) +
                                    " decimals; allowed are 0 to " + std::to_string(kMaxDecimals));
    }
}

std::string fixed_text(const Fixed& fixed) {
    check_decimals(fixed.decimals);
    // Through the unsigned magnitude, so that INT64_MIN has one too.
    const std::uint64_t magnitude = fixed.units < 0
                                        ? std::uint64_t{0} - static_cast<std::uint64_t>(fixed.units)
                                        : static_cast<std::uint64_t>(fixed.units);
    std::string text = std::to_string(magnitude);
    const auto decimals = static_cast<std::size_t>(fixed.decimals);
    if (text.size() <= decimals) {
        text.insert(0, decimals + 1 - text.size(), '0');
    }
    if (decimals > 0) {
        text.insert(text.size() - decimals, 1, '.');
    }
    if (fixed.units < 0) {
        text.insert(0, 1, '-');
    }
    return text;
}

std::string real_text(const Real& real) {
    check_decimals(real.decimals);
    if (!std::isfinite(real.value)) {
        // A NaN or infinity in an official report is a bug upstream, not something to print.
        throw std::invalid_argument("report cell is not a finite number");
    }
    // Enough for DBL_MAX in fixed notation (309 digits), the sign, the point and kMaxDecimals decimals.
    char buffer[400];
    const auto result = std::to_chars(std::begin(buffer), std::end(buffer), real.value,
                                      std::chars_format::fixed, real.decimals);
    if (result.ec != std::errc{}) {
        throw std::invalid_argument("report cell cannot be formatted");
    }
    std::string text(buffer, result.ptr);
    // A small negative value rounds to "-0.00", which reads as a different figure from "0.00".
    if (text.front() == '-' && text.find_first_not_of("0.", 1) == std::string::npos) {
        text.erase(0, 1);
    }
    return text;
}

// Spreadsheets run a field starting with one of these as a formula (OWASP, "CSV Injection"); an apostrophe
// in front makes them show it as text. Applied to text only: a negative number must stay a number.
std::string guarded(std::string_view text) {
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) {
        return "'" + std::string(text);
    }
    return std::string(text);
}

// RFC 4180: quoted only when needed, so that plain figures stay plain for tools reading the file naively.
std::string quoted(const std::string& field) {
    if (field.find_first_of(",\"\r\n") == std::string::npos) {
        return field;
    }
    std::string out = "\"";
    for (const char c : field) {
        if (c == '"') {
            out += '"';
        }
        out += c;
    }
    out += '"';
    return out;
}

std::string line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            out += ',';
        }
        out += quoted(fields[i]);
    }
    out += kLineEnd;
    return out;
}

std::string csv_cell(const Cell& cell) {
    if (const auto* text = std::get_if<std::string>(&cell)) {
        return guarded(*text);
    }
    return cell_text(cell);
}

}  // namespace

std::string cell_text(const Cell& cell) {
    return std::visit(
        [](const auto& value) -> std::string {
            using T = std::decay_t<decltype(value)>;
            if constexpr (std::is_same_v<T, std::monostate>) {
                return {};
            } else if constexpr (std::is_same_v<T, std::string>) {
                return value;
            } else if constexpr (std::is_same_v<T, std::int64_t>) {
                return std::to_string(value);
            } else if constexpr (std::is_same_v<T, Fixed>) {
                return fixed_text(value);
            } else {
                static_assert(std::is_same_v<T, Real>);
                return real_text(value);
            }
        },
        cell);
}

std::string CsvWriter::begin() {
    return std::string(kByteOrderMark);
}

std::string CsvWriter::sheet_head(const Sheet& sheet) {
    std::string out;
    if (!first_sheet_) {
        out += kLineEnd;
    }
    first_sheet_ = false;
    out += line({guarded(sheet.title.in(language_))});
    for (const Text2& note : sheet.notes) {
        out += line({guarded(note.in(language_))});
    }
    std::vector<std::string> headings;
    headings.reserve(sheet.headings.size());
    for (const Text2& heading : sheet.headings) {
        headings.push_back(guarded(heading.in(language_)));
    }
    out += line(headings);
    return out;
}

std::string CsvWriter::row(const Row& row) const {
    std::vector<std::string> fields;
    fields.reserve(row.size());
    for (const Cell& cell : row) {
        fields.push_back(csv_cell(cell));
    }
    return line(fields);
}

std::string to_csv(const Workbook& workbook, Language language) {
    CsvWriter writer(language);
    std::string out = CsvWriter::begin();
    for (const Sheet& sheet : workbook.sheets) {
        out += writer.sheet_head(sheet);
        for (const Row& row : sheet.rows) {
            out += writer.row(row);
        }
        if (sheet.totals) {
            out += writer.row(*sheet.totals);
        }
    }
    return out;
}

}  // namespace parkgrid::server::reports
