#pragma once

#include "parkgrid/reporting/quality.hpp"
#include "parkgrid/server/config.hpp"

namespace parkgrid::server::reports {

// The data-quality limits: the checks' defaults, with what the configuration sets.
inline reporting::QualityLimits quality_limits(const Config& config) {
    reporting::QualityLimits limits;
    limits.open_session_limit_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(config.open_session_limit).count();
    limits.clock_skew_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(config.future_timestamp_tolerance).count();
    return limits;
}

}  // namespace parkgrid::server::reports
