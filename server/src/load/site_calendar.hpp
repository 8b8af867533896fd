#pragma once

// A site's local time: its time-of-use tariff, the hour of its building-load profiles, and the next time a
// vehicle usually leaves. The tz database comes from the system (Debian's tzdata) through the date library.

#include <optional>
#include <string>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"
#include "parkgrid/storage/load_management_records.hpp"

namespace date {
class time_zone;
}

namespace parkgrid::server::load {

using scheduling::Seconds;

struct LocalTime {
    int minute_of_day = 0;  // 0..1439
    bool weekend = false;   // Saturday or Sunday
};

class SiteCalendar {
public:
    // An unknown zone name falls back to Asia/Shanghai (the API accepts known zones only).
    SiteCalendar(const std::string& time_zone, std::vector<storage::TariffPeriod> tariff);

    LocalTime local(Seconds at) const;
    // The price in force at `at`; 0 without a tariff.
    double price_at(Seconds at) const;
    // "valley", "flat", ...; empty without a tariff.
    std::string period_at(Seconds at) const;
    // The first instant after `after` whose local time of day is `hh_mm` (HH:MM).
    std::optional<Seconds> next_local(const std::string& hh_mm, Seconds after) const;

private:
    const storage::TariffPeriod* period_of(Seconds at) const;

    const date::time_zone* zone_;
    std::vector<storage::TariffPeriod> tariff_;
};

}  // namespace parkgrid::server::load
