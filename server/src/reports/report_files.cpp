#include "report_files.hpp"

#include <fstream>
#include <stdexcept>

#include "table_writers.hpp"

namespace parkgrid::server::reports {

std::string_view file_extension(FileFormat format) {
    return format == FileFormat::Csv ? "csv" : "xlsx";
}

std::string_view file_content_type(FileFormat format) {
    return format == FileFormat::Csv ? "text/csv; charset=utf-8"
                                     : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

void write_report_file(const Workbook& workbook, Language language, FileFormat format,
                       const std::filesystem::path& path) {
    if (format == FileFormat::Xlsx) {
        write_xlsx(workbook, language, path);
        return;
    }
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const auto text = to_csv(workbook, language);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
        throw std::runtime_error("cannot write " + path.string());
    }
}

}  // namespace parkgrid::server::reports
