#pragma once

// A standard report written as a file, in the format the caller asked for: for the XLSX download and the
// export jobs, which write the same files.

#include <filesystem>
#include <string_view>

#include "report_table.hpp"

namespace parkgrid::server::reports {

enum class FileFormat { Csv, Xlsx };

// "csv", "xlsx".
std::string_view file_extension(FileFormat format);
// The MIME type of the file (CSV in UTF-8).
std::string_view file_content_type(FileFormat format);

// Writes the workbook to `path` (replacing it); throws std::runtime_error when that fails.
void write_report_file(const Workbook& workbook, Language language, FileFormat format,
                       const std::filesystem::path& path);

}  // namespace parkgrid::server::reports
