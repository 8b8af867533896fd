#pragma once

// A site's local calendar for accounting: local dates, and where the days and tariff periods begin.

#include <string>
#include <vector>

#include "parkgrid/reporting/accounting.hpp"

namespace date {
class time_zone;
}

namespace parkgrid::reporting {

struct LocalInstant {
    std::string date;  // YYYY-MM-DD
    int minute_of_day = 0;
};

class SiteClock {
public:
    // Throws std::invalid_argument for an unknown zone.
    SiteClock(const std::string& time_zone, const std::vector<TouPeriod>& periods);

    LocalInstant local(Millis at) const;
    // The first instant of a local date (YYYY-MM-DD, assumed valid).
    Millis start_of(const std::string& local_date) const;
    // The period covering a local minute; nullptr when none does.
    const TouPeriod* period_at(int minute_of_day) const;
    // Every local midnight and period boundary strictly inside (from, to), ascending.
    std::vector<Millis> boundaries(Millis from, Millis to) const;

private:
    const date::time_zone* zone_;
    std::vector<TouPeriod> periods_;
    std::vector<int> boundary_minutes_;  // 0 and every period start and end, ascending, unique
};

}  // namespace parkgrid::reporting
