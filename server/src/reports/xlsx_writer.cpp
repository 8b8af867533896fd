#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "table_writers.hpp"

namespace parkgrid::server::reports {
namespace {

// Column widths in Excel's units (about one Latin character of the default font).
constexpr double kMinNumberColumnWidth = 10;
constexpr double kMinTextColumnWidth = 14;
constexpr double kMaxColumnWidth = 60;
constexpr double kColumnPadding = 2;
constexpr double kTitleFontSize = 14;

void check(lxw_error error, std::string_view what) {
    if (error != LXW_NO_ERROR) {
        throw std::runtime_error("XLSX " + std::string(what) + ": " + lxw_strerror(error));
    }
}

// workbook_close() writes the file and frees the workbook; until then an exception must free it instead.
struct WorkbookFree {
    void operator()(lxw_workbook* workbook) const { lxw_workbook_free(workbook); }
};
using WorkbookHandle = std::unique_ptr<lxw_workbook, WorkbookFree>;

// libxlsxwriter's own check runs only when the worksheet is added, and then just prints a warning and
// returns null; checked up front so the caller gets the reason. "History" is reserved by Excel.
void validate_sheet_name(lxw_workbook* workbook, const std::string& name) {
    std::string lower = name;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.empty() || lower == "history") {
        throw std::invalid_argument("XLSX sheet name \"" + name + "\" is not allowed");
    }
    if (const lxw_error error = workbook_validate_sheet_name(workbook, name.c_str()); error != LXW_NO_ERROR) {
        throw std::invalid_argument("XLSX sheet name \"" + name + "\": " + lxw_strerror(error));
    }
}

// Display width of UTF-8 text: East Asian wide characters (CJK, Hangul, full-width forms) take two columns.
double display_width(std::string_view text) {
    double width = 0;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        char32_t code = length == 1 ? lead : lead & (0x7F >> length);
        for (std::size_t k = 1; k < length && i + k < text.size(); ++k) {
            code = (code << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        }
        const bool wide = (code >= 0x1100 && code <= 0x115F) || (code >= 0x2E80 && code <= 0xA4CF) ||
                          (code >= 0xAC00 && code <= 0xD7A3) || (code >= 0xF900 && code <= 0xFAFF) ||
                          (code >= 0xFE30 && code <= 0xFE4F) || (code >= 0xFF00 && code <= 0xFF60) ||
                          (code >= 0xFFE0 && code <= 0xFFE6) || (code >= 0x20000 && code <= 0x3FFFD);
        width += wide ? 2 : 1;
        i += length;
    }
    return width;
}

// `shown` is cell_text(cell), which has already checked the cell (finite, decimals in range).
double number_value(const Cell& cell, const std::string& shown) {
    if (const auto* whole = std::get_if<std::int64_t>(&cell)) {
        return static_cast<double>(*whole);
    }
    if (const auto* real = std::get_if<Real>(&cell)) {
        return real->value;
    }
    // A Fixed is parsed from its exact decimal text: that gives the nearest double, which
    // units / 10^decimals computed in doubles need not be.
    double value = 0;
    const auto result = std::from_chars(shown.data(), shown.data() + shown.size(), value);
    if (result.ec != std::errc{}) {
        throw std::invalid_argument("report cell " + shown + " is not a number");
    }
    return value;
}

int decimals_of(const Cell& cell) {
    if (const auto* fixed = std::get_if<Fixed>(&cell)) {
        return fixed->decimals;
    }
    if (const auto* real = std::get_if<Real>(&cell)) {
        return real->decimals;
    }
    return 0;
}

bool is_number(const Cell& cell) {
    return std::holds_alternative<std::int64_t>(cell) || std::holds_alternative<Fixed>(cell) ||
           std::holds_alternative<Real>(cell);
}

// Formats belong to the workbook (freed with it); one per kind, so that the file has few styles.
class Formats {
public:
    explicit Formats(lxw_workbook* workbook) : workbook_(workbook) {
        title_ = add();
        format_set_bold(title_);
        format_set_font_size(title_, kTitleFontSize);
        bold_ = add();
        format_set_bold(bold_);
        heading_ = add();
        format_set_bold(heading_);
        format_set_bottom(heading_, LXW_BORDER_THIN);
    }

    lxw_format* title() const { return title_; }
    lxw_format* heading() const { return heading_; }
    lxw_format* text(bool bold) const { return bold ? bold_ : nullptr; }

    lxw_format* number(int decimals, bool bold) {
        auto [it, added] = numbers_.try_emplace({decimals, bold}, nullptr);
        if (added) {
            it->second = add();
            const std::string pattern =
                decimals > 0 ? "0." + std::string(static_cast<std::size_t>(decimals), '0') : "0";
            format_set_num_format(it->second, pattern.c_str());
            if (bold) {
                format_set_bold(it->second);
            }
        }
        return it->second;
    }

private:
    lxw_format* add() {
        lxw_format* format = workbook_add_format(workbook_);
        if (format == nullptr) {
            check(LXW_ERROR_MEMORY_MALLOC_FAILED, "format");
        }
        return format;
    }

    lxw_workbook* workbook_;
    lxw_format* title_ = nullptr;
    lxw_format* bold_ = nullptr;
    lxw_format* heading_ = nullptr;
    std::map<std::pair<int, bool>, lxw_format*> numbers_;
};

class SheetWriter {
public:
    SheetWriter(lxw_worksheet* worksheet, Formats& formats) : worksheet_(worksheet), formats_(formats) {}

    void write(const Sheet& sheet, Language language) {
        check(
            worksheet_write_string(worksheet_, row_++, 0, sheet.title.in(language).c_str(), formats_.title()),
            "title");
        for (const Text2& note : sheet.notes) {
            check(worksheet_write_string(worksheet_, row_++, 0, note.in(language).c_str(), nullptr), "note");
        }
        for (std::size_t column = 0; column < sheet.headings.size(); ++column) {
            const std::string& heading = sheet.headings[column].in(language);
            measure(column, display_width(heading), false);
            check(worksheet_write_string(worksheet_, row_, to_column(column), heading.c_str(),
                                         formats_.heading()),
                  "heading");
        }
        // Long ledgers scroll under their headings.
        worksheet_freeze_panes(worksheet_, ++row_, 0);
        for (const Row& row : sheet.rows) {
            write_row(row, false);
        }
        if (sheet.totals) {
            write_row(*sheet.totals, true);
        }
        set_widths();
    }

private:
    static lxw_col_t to_column(std::size_t column) {
        if (column >= LXW_COL_MAX) {
            check(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE, "column");
        }
        return static_cast<lxw_col_t>(column);
    }

    void write_row(const Row& row, bool bold) {
        for (std::size_t column = 0; column < row.size(); ++column) {
            const Cell& cell = row[column];
            const lxw_col_t col = to_column(column);
            if (is_number(cell)) {
                const std::string shown = cell_text(cell);
                measure(column, display_width(shown), false);
                check(worksheet_write_number(worksheet_, row_, col, number_value(cell, shown),
                                             formats_.number(decimals_of(cell), bold)),
                      "number");
            } else if (const auto* text = std::get_if<std::string>(&cell)) {
                measure(column, display_width(*text), true);
                check(worksheet_write_string(worksheet_, row_, col, text->c_str(), formats_.text(bold)),
                      "text");
            } else if (bold) {
                check(worksheet_write_blank(worksheet_, row_, col, formats_.text(bold)), "blank");
            }
        }
        ++row_;
    }

    void measure(std::size_t column, double width, bool text) {
        if (widths_.size() <= column) {
            widths_.resize(column + 1);
        }
        widths_[column].first = std::max(widths_[column].first, width);
        widths_[column].second = widths_[column].second || text;
    }

    void set_widths() {
        for (std::size_t column = 0; column < widths_.size(); ++column) {
            const auto [content, text] = widths_[column];
            const double width =
                std::clamp(content + kColumnPadding, text ? kMinTextColumnWidth : kMinNumberColumnWidth,
                           kMaxColumnWidth);
            check(worksheet_set_column(worksheet_, to_column(column), to_column(column), width, nullptr),
                  "width");
        }
    }

    lxw_worksheet* worksheet_;
    Formats& formats_;
    lxw_row_t row_ = 0;
    std::vector<std::pair<double, bool>> widths_;  // content width, whether the column holds text
};

// Written beside the target and renamed over it, so that a failure never leaves a truncated file there.
std::filesystem::path partial_path(const std::filesystem::path& path) {
    std::random_device random;
    return path.parent_path() /
           (path.filename().string() + ".partial-" + std::to_string(random()) + std::to_string(random()));
}

}  // namespace

void write_xlsx(const Workbook& workbook, Language language, const std::filesystem::path& path) {
    const std::filesystem::path partial = partial_path(path);
    WorkbookHandle handle(workbook_new(partial.c_str()));
    if (!handle) {
        check(LXW_ERROR_MEMORY_MALLOC_FAILED, "workbook");
    }
    Formats formats(handle.get());
    for (const Sheet& sheet : workbook.sheets) {
        validate_sheet_name(handle.get(), sheet.name);
        lxw_worksheet* worksheet = workbook_add_worksheet(handle.get(), sheet.name.c_str());
        if (worksheet == nullptr) {
            check(LXW_ERROR_MEMORY_MALLOC_FAILED, "worksheet " + sheet.name);
        }
        SheetWriter(worksheet, formats).write(sheet, language);
    }
    if (const lxw_error error = workbook_close(handle.release()); error != LXW_NO_ERROR) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw std::runtime_error("XLSX " + path.string() + ": " + lxw_strerror(error));
    }
    try {
        std::filesystem::rename(partial, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);
        throw;
    }
}

}  // namespace parkgrid::server::reports
