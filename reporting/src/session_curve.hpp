#pragma once

#include <vector>

#include "parkgrid/reporting/accounting.hpp"

namespace parkgrid::reporting {

// A point of the session's meter register over time.
struct CurvePoint {
    Millis at = 0;
    double wh = 0;
};

// The register curve accounting spreads: the Energy.Active.Import.Register samples in time order, clamped to
// [start, stop], with meterStart and meterStop as end points where they agree with the samples; or just
// meterStart and meterStop without samples. Sets `source` to what the curve came from.
std::vector<CurvePoint> session_curve(const MeterSession& session, Millis start, Millis stop,
                                      EnergySource& source);

}  // namespace parkgrid::reporting
