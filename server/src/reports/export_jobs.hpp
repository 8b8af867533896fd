#pragma once

// Standard reports too large to wait for, built and written to a file in the background: an export job
// builds the workbook in a storage read job, reporting its progress, writes the CSV or XLSX file into the
// exports directory and is then done (or failed). Jobs are kept in memory and, with their files, for 24
// hours; a restart forgets them (their files are removed by the next job's clean-up).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/server/config.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/database.hpp"
#include "report_files.hpp"
#include "standard_reports.hpp"

namespace parkgrid::server::reports {

// Where export files go: --exports-dir, else "exports" next to the database.
std::filesystem::path exports_directory(const Config& config);

struct ExportRequest {
    std::string owner;  // the subject of the principal who asked; only it and admins see the job
    StandardReport report = StandardReport::MonthlyLedger;
    std::int64_t institution_id = 0;
    reporting::Period period{};
    FileFormat format = FileFormat::Csv;
    Language language = Language::Chinese;
};

enum class ExportStatus { Running, Done, Failed };

// A job as it is at one moment.
struct ExportSnapshot {
    std::string id;
    ExportRequest request;
    storage::Timestamp created_at{};
    ExportStatus status = ExportStatus::Running;
    std::size_t done = 0;   // rows built so far
    std::size_t total = 0;  // rows in all, once known
    std::optional<std::string> error{};
    std::filesystem::path file;  // complete once status is Done
};

class ExportJobs {
public:
    static constexpr std::size_t kMaxRunning = 4;
    static constexpr auto kRetention = std::chrono::hours(24);

    ExportJobs(storage::Database& database, std::filesystem::path directory)
        : database_(database), directory_(std::move(directory)) {}

    const std::filesystem::path& directory() const { return directory_; }

    // Removes jobs and files older than kRetention, then starts the job; nullopt when kMaxRunning jobs are
    // running already. Throws std::filesystem::filesystem_error when the directory cannot be made.
    std::optional<ExportSnapshot> start(ExportRequest request, storage::Timestamp now);

    // The job as `principal` may see it: nullopt when there is none or it is another's (admins see all).
    std::optional<ExportSnapshot> find(const std::string& id, const Principal& principal) const;

private:
    struct Job;

    void remove_expired(storage::Timestamp now);

    storage::Database& database_;
    std::filesystem::path directory_;
    mutable std::mutex mutex_;
    std::map<std::string, std::shared_ptr<Job>> jobs_;
};

}  // namespace parkgrid::server::reports
