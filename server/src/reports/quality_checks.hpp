#pragma once

// The data-quality checks that look across sessions, run by the quality monitor every few minutes and by
// the API on demand, inside one unit of work. (Per-session checks run when a session is accounted.)

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/reporting/quality.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::reports {

struct QualityRunSummary {
    std::size_t accounted = 0;     // transactions accounted that had no ledger yet
    std::size_t findings = 0;      // findings reported by this run, known ones included
    std::size_t new_findings = 0;  // of those, not stored before
};

// Accounts up to `limit` finished transactions that have no ledger (recorded before energy statistics
// existed, or whose accounting failed).
void account_pending(storage::Repositories& repositories, const reporting::QualityLimits& limits,
                     storage::Timestamp now, std::size_t limit, QualityRunSummary& summary);

// [3] running transactions open longer than the limit.
void check_open_sessions(storage::Repositories& repositories, const reporting::QualityLimits& limits,
                         storage::Timestamp now, QualityRunSummary& summary);

// How far around a window or session its connector's neighbours are looked for: an overlap with, or the
// register continuity after, a session that started before it.
inline constexpr auto kNeighbourWindow = std::chrono::days(2);

// [5] [8] the findings about the sessions of one connector overlapping [from, to).
std::vector<reporting::Finding> connector_history_findings(storage::Repositories& repositories,
                                                           const std::string& charger_id,
                                                           std::int32_t connector_id, storage::Timestamp from,
                                                           storage::Timestamp to,
                                                           const reporting::QualityLimits& limits);

// [5] [8] sessions of every connector with a transaction started or stopped in [from, to).
void check_connectors(storage::Repositories& repositories, const reporting::QualityLimits& limits,
                      storage::Timestamp from, storage::Timestamp to, storage::Timestamp now,
                      QualityRunSummary& summary);

// [9] [10] [11 repeated values] for one institution and period.
void check_institution_period(storage::Repositories& repositories, std::int64_t institution_id,
                              const reporting::Period& period, const reporting::QualityLimits& limits,
                              storage::Timestamp now, QualityRunSummary& summary);

// Everything above for one period: pending accounting, open sessions, the connectors active in the period
// and the period checks of each institution with sessions in it (or only `institution_id`).
QualityRunSummary run_quality_checks(storage::Repositories& repositories, const reporting::Period& period,
                                     std::optional<std::int64_t> institution_id,
                                     const reporting::QualityLimits& limits, storage::Timestamp now);

}  // namespace parkgrid::server::reports
