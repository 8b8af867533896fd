#include <fstream>
#include <sstream>

#include "api_tokens.hpp"
#include "download_streams.hpp"
#include "energy_statistics_routes.hpp"
#include "organisation_access.hpp"
#include "report_params.hpp"
#include "reports/standard_reports.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

struct ReportRoute {
    reports::StandardReport report;
    const char* path;   // below /api/v1/reports/institutions/{id}/
    const char* param;  // the query parameter naming the period
};

constexpr ReportRoute kRoutes[] = {{reports::StandardReport::MonthlyLedger, "monthly-ledger", "month"},
                                   {reports::StandardReport::Quarterly, "quarterly", "quarter"},
                                   {reports::StandardReport::Annual, "annual", "year"}};

// The workbook, and for an XLSX download the file's bytes.
struct BuiltReport {
    std::shared_ptr<const reports::Workbook> workbook;
    std::string xlsx;
};

// A temporary file removed when it goes out of scope, whatever happened meanwhile.
class TemporaryFile {
public:
    explicit TemporaryFile(std::filesystem::path path) : path_(std::move(path)) {}
    ~TemporaryFile() {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

// libxlsxwriter writes files only; the file lives in the exports directory, whose clean-up also catches one a
// crash left behind.
std::string xlsx_bytes(const reports::Workbook& workbook, reports::Language language,
                       const std::filesystem::path& directory) {
    std::filesystem::create_directories(directory);
    const TemporaryFile file(directory / ("download-" + generate_token("").substr(0, 32) + ".xlsx"));
    reports::write_report_file(workbook, language, reports::FileFormat::Xlsx, file.path());
    std::ifstream input(file.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << input.rdbuf();
    if (!input) {
        throw std::runtime_error("cannot read back " + file.path().string());
    }
    return std::move(bytes).str();
}

void add_report_route(Router& router, storage::Database& database, const std::filesystem::path& exports_dir,
                      const ReportRoute& route) {
    router.add("GET", "/api/v1/reports/institutions/{id}/" + std::string(route.path),
               [&database, exports_dir, route](const ApiRequest& request, const HttpReply& reply) {
                   const auto institution_id = id_param(request, 0, "institution");
                   const auto period = required_period_of(request.query(route.param), route.param,
                                                          reports::period_kind(route.report));
                   const auto format = format_param(request);
                   const auto language = language_param(request);
                   read_then_reply(
                       database,
                       [=, principal = request.principal()](Repositories& repositories) {
                           require_visible_institution(repositories, principal, institution_id);
                           BuiltReport built;
                           built.workbook =
                               std::make_shared<const reports::Workbook>(reports::build_standard_report(
                                   repositories, route.report, institution_id, period));
                           if (format == reports::FileFormat::Xlsx) {
                               built.xlsx = xlsx_bytes(*built.workbook, language, exports_dir);
                           }
                           return built;
                       },
                       [=](BuiltReport& built) {
                           if (!format) {
                               return json_response(200, reports::workbook_json(*built.workbook, language));
                           }
                           auto response = attachment_response(
                               std::string(reports::file_content_type(*format)),
                               report_file_name(route.report, institution_id, period.label, *format));
                           if (*format == reports::FileFormat::Csv) {
                               response.stream = csv_stream(built.workbook, language);
                           } else {
                               response.body = std::move(built.xlsx);
                           }
                           return response;
                       },
                       reply);
               });
}

}  // namespace

void add_standard_report_routes(Router& router, storage::Database& database,
                                std::filesystem::path exports_dir) {
    for (const auto& route : kRoutes) {
        add_report_route(router, database, exports_dir, route);
    }
}

}  // namespace parkgrid::server::api
