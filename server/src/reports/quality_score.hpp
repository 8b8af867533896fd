#pragma once

#include <optional>

#include "parkgrid/storage/energy_records.hpp"

namespace parkgrid::server::reports {

// The data-quality score of an institution's period, 0 to 100: the share of its sessions without a warning
// or error finding, less 5 points for each warning or error about the period as a whole (e.g. a change of
// more than 10% against the previous period); nullopt without sessions.
inline std::optional<int> quality_score(const storage::QualityTally& tally) {
    if (tally.sessions == 0) {
        return std::nullopt;
    }
    constexpr std::int64_t kPointsPerPeriodFinding = 5;
    const auto clean = tally.sessions - tally.flagged_sessions;
    const auto share = (clean * 100 + tally.sessions / 2) / tally.sessions;  // rounded to a whole point
    const auto score = share - kPointsPerPeriodFinding * tally.institution_warnings;
    return static_cast<int>(score < 0 ? 0 : score);
}

}  // namespace parkgrid::server::reports
