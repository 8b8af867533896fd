#include "quality_monitor.hpp"

#include <boost/asio/post.hpp>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "parkgrid/server/log.hpp"
#include "quality_checks.hpp"
#include "time_conversion.hpp"

namespace parkgrid::server::reports {
namespace {

constexpr std::size_t kPendingBatch = 500;
// Between batches while catching up: lets the chargers' writes in between.
constexpr std::chrono::milliseconds kCatchUpDelay{200};
constexpr auto kPeriodCheckInterval = std::chrono::hours(1);
// Connectors are checked a little further back than the last run: a stop may commit just after it.
constexpr auto kConnectorOverlap = std::chrono::minutes(10);

struct RunState {
    std::optional<storage::Timestamp> last_run;
    bool period_checks = false;
};

// Returns whether transactions without a ledger are probably left (a full batch was accounted).
bool run_checks(storage::Repositories& repositories, const reporting::QualityLimits& limits,
                const RunState& state, storage::Timestamp now) {
    QualityRunSummary summary;
    account_pending(repositories, limits, now, kPendingBatch, summary);
    check_open_sessions(repositories, limits, now, summary);
    const auto from = state.last_run ? *state.last_run - kConnectorOverlap : now - std::chrono::days(1);
    check_connectors(repositories, limits, from, now, now, summary);
    if (state.period_checks) {
        const auto today = reporting::local_date_of(millis(now), kInstitutionZone);
        for (const auto kind :
             {reporting::PeriodKind::Month, reporting::PeriodKind::Quarter, reporting::PeriodKind::Year}) {
            const auto completed = reporting::previous_period(reporting::period_of(kind, today));
            for (const auto id : repositories.energy().institutions_with_sessions(completed.range.first,
                                                                                  completed.range.end)) {
                check_institution_period(repositories, id, completed, limits, now, summary);
            }
        }
    }
    if (summary.accounted > 0 || summary.new_findings > 0) {
        log::info("data-quality checks", {{"accounted", std::to_string(summary.accounted)},
                                          {"findings", std::to_string(summary.findings)},
                                          {"newFindings", std::to_string(summary.new_findings)}});
    }
    return summary.accounted >= kPendingBatch;
}

}  // namespace

void QualityMonitor::start() {
    run_once();
}

void QualityMonitor::stop() {
    timer_.cancel();
}

void QualityMonitor::schedule(std::chrono::milliseconds delay) {
    timer_.expires_after(delay);
    timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->run_once();
        }
    });
}

void QualityMonitor::run_once() {
    const auto now = ocpp::DateTime::now().instant();
    RunState state{last_run_, !last_period_checks_ || now - *last_period_checks_ >= kPeriodCheckInterval};
    if (state.period_checks) {
        last_period_checks_ = now;
    }
    last_run_ = now;
    // The next run is scheduled when this one has finished, so runs never pile up behind a slow one.
    storage::write(
        database_,
        [limits = limits_, state, now](storage::Repositories& repositories) {
            return run_checks(repositories, limits, state, now);
        },
        [weak = weak_from_this(), executor = timer_.get_executor()](storage::Outcome<bool> outcome) {
            if (!outcome.ok()) {
                log::error("data-quality checks failed");
            }
            // Transactions recorded before an upgrade are accounted batch after batch, not one batch per
            // period.
            const bool more_pending = outcome.ok() && outcome.value();
            boost::asio::post(executor, [weak, more_pending] {
                if (auto self = weak.lock()) {
                    self->schedule(more_pending ? kCatchUpDelay : self->interval_);
                }
            });
        });
}

}  // namespace parkgrid::server::reports
