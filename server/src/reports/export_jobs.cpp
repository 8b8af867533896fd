#include "export_jobs.hpp"

#include <algorithm>

#include "api/api_tokens.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::reports {

// Read by snapshots on network threads while the storage thread reports progress and the outcome.
struct ExportJobs::Job {
    Job(std::string job_id, ExportRequest job_request, storage::Timestamp at, std::filesystem::path path)
        : id(std::move(job_id)), request(std::move(job_request)), created_at(at), file(std::move(path)) {}

    ExportSnapshot snapshot() const {
        const std::lock_guard lock(mutex);
        return ExportSnapshot{id, request, created_at, status, done, total, error, file};
    }
    bool running() const {
        const std::lock_guard lock(mutex);
        return status == ExportStatus::Running;
    }
    void progress(std::size_t rows_done, std::size_t rows_total) {
        const std::lock_guard lock(mutex);
        done = rows_done;
        total = rows_total;
    }
    void finish(std::optional<std::string> failure) {
        const std::lock_guard lock(mutex);
        status = failure ? ExportStatus::Failed : ExportStatus::Done;
        error = std::move(failure);
        if (!error) {
            done = total = std::max(done, total);  // reports without a ledger report no progress on the way
        }
    }

    const std::string id;
    const ExportRequest request;
    const storage::Timestamp created_at;
    const std::filesystem::path file;
    mutable std::mutex mutex;
    ExportStatus status = ExportStatus::Running;
    std::size_t done = 0;
    std::size_t total = 0;
    std::optional<std::string> error;
};

namespace {

// 128 bits: job ids are the only thing keeping one admin's export from another admin's guess.
constexpr std::size_t kIdHexDigits = 32;

std::string failure_text(const std::exception_ptr& error) {
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        return e.what();
    } catch (...) {
        return "unknown error";
    }
}

}  // namespace

std::filesystem::path exports_directory(const Config& config) {
    if (!config.exports_dir.empty()) {
        return config.exports_dir;
    }
    return std::filesystem::path(config.db_path).parent_path() / "exports";
}

void ExportJobs::remove_expired(storage::Timestamp now) {
    for (auto it = jobs_.begin(); it != jobs_.end();) {
        // A running job keeps its entry: its storage job still writes the file.
        if (it->second->created_at + kRetention <= now && !it->second->running()) {
            it = jobs_.erase(it);
        } else {
            ++it;
        }
    }
    // Files by age, so that those of jobs a restart forgot go too (and XLSX downloads a crash left behind).
    std::error_code error;
    const auto cutoff = std::filesystem::file_time_type::clock::now() - kRetention;
    for (const auto& entry : std::filesystem::directory_iterator(directory_, error)) {
        std::error_code ignored;
        if (entry.is_regular_file(ignored) && entry.last_write_time(ignored) < cutoff) {
            std::filesystem::remove(entry.path(), ignored);
        }
    }
}

std::optional<ExportSnapshot> ExportJobs::start(ExportRequest request, storage::Timestamp now) {
    std::filesystem::create_directories(directory_);
    std::shared_ptr<Job> job;
    {
        const std::lock_guard lock(mutex_);
        remove_expired(now);
        const auto running = std::count_if(jobs_.begin(), jobs_.end(),
                                           [](const auto& entry) { return entry.second->running(); });
        if (static_cast<std::size_t>(running) >= kMaxRunning) {
            return std::nullopt;
        }
        auto id = api::generate_token("").substr(0, kIdHexDigits);
        auto file = directory_ / (id + "." + std::string(file_extension(request.format)));
        job = std::make_shared<Job>(id, std::move(request), now, std::move(file));
        jobs_.emplace(std::move(id), job);
    }
    // Taken before the work is queued, so that the answer always shows the job running.
    auto started = job->snapshot();
    storage::read(
        database_,
        [job](storage::Repositories& repositories) {
            const auto& asked = job->request;
            const auto workbook = build_standard_report(
                repositories, asked.report, asked.institution_id, asked.period,
                [job](std::size_t done, std::size_t total) { job->progress(done, total); });
            write_report_file(workbook, asked.language, asked.format, job->file);
        },
        [job](const storage::Outcome<storage::detail::Unit>& outcome) {
            if (outcome.ok()) {
                job->finish(std::nullopt);
                return;
            }
            const auto reason = failure_text(outcome.error());
            log::error("report export failed", {{"export", job->id}, {"error", reason}});
            std::error_code ignored;
            std::filesystem::remove(job->file, ignored);
            job->finish("the report could not be built or written: " + reason);
        });
    return started;
}

std::optional<ExportSnapshot> ExportJobs::find(const std::string& id, const Principal& principal) const {
    const std::lock_guard lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end() || (!principal.is_admin() && it->second->request.owner != principal.subject)) {
        return std::nullopt;
    }
    return it->second->snapshot();
}

}  // namespace parkgrid::server::reports
