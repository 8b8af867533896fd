#pragma once

// Writes a Workbook as CSV or XLSX.
//
// CSV is UTF-8 with a byte-order mark, so that Excel (which assumes the ANSI code page otherwise) shows
// Chinese text correctly; fields are quoted per RFC 4180 when needed, lines end in CRLF. Sheets follow each
// other, separated by an empty line. CsvWriter produces it piece by piece, for streamed downloads.
//
// XLSX is written with libxlsxwriter: one worksheet per sheet, headings in bold, numbers as numbers with
// their decimals as the cell format.

#include <filesystem>
#include <string>

#include "report_table.hpp"

namespace parkgrid::server::reports {

class CsvWriter {
public:
    explicit CsvWriter(Language language) : language_(language) {}

    // The byte-order mark; call once, first.
    static std::string begin();
    // Title, notes and the heading line of a sheet (preceded by an empty line unless it is the first).
    std::string sheet_head(const Sheet& sheet);
    std::string row(const Row& row) const;

private:
    Language language_;
    bool first_sheet_ = true;
};

std::string to_csv(const Workbook& workbook, Language language);

// Throws std::runtime_error when the file cannot be written.
void write_xlsx(const Workbook& workbook, Language language, const std::filesystem::path& path);

// The text of a cell as CSV shows it (without quoting): exact decimals, "" for empty.
std::string cell_text(const Cell& cell);

}  // namespace parkgrid::server::reports
