#include "site_clock.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>

namespace parkgrid::reporting {
namespace {

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw std::invalid_argument("unknown time zone '" + name + "'");
    }
}

bool covers(const TouPeriod& period, int minute) {
    if (period.start_minute == period.end_minute) {
        return true;  // the whole day
    }
    return period.start_minute < period.end_minute
               ? minute >= period.start_minute && minute < period.end_minute
               : minute >= period.start_minute || minute < period.end_minute;  // wraps past midnight
}

}  // namespace

SiteClock::SiteClock(const std::string& time_zone, const std::vector<TouPeriod>& periods)
    : zone_(find_zone(time_zone)), periods_(periods) {
    boundary_minutes_.push_back(0);
    for (const auto& period : periods) {
        boundary_minutes_.push_back(period.start_minute);
        boundary_minutes_.push_back(period.end_minute);
    }
    std::sort(boundary_minutes_.begin(), boundary_minutes_.end());
    boundary_minutes_.erase(std::unique(boundary_minutes_.begin(), boundary_minutes_.end()),
                            boundary_minutes_.end());
}

LocalInstant SiteClock::local(Millis at) const {
    const auto local =
        zone_->to_local(date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{at}});
    const auto day = date::floor<date::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    return {date::format("%F", day), static_cast<int>(minutes)};
}

Millis SiteClock::start_of(const std::string& local_date) const {
    std::istringstream input(local_date);
    date::local_days day{};
    input >> date::parse("%F", day);
    const auto instant =
        zone_->to_sys(date::local_time<std::chrono::milliseconds>{day}, date::choose::earliest);
    return instant.time_since_epoch().count();
}

const TouPeriod* SiteClock::period_at(int minute_of_day) const {
    for (const auto& period : periods_) {
        if (covers(period, minute_of_day)) {
            return &period;
        }
    }
    return nullptr;
}

std::vector<Millis> SiteClock::boundaries(Millis from, Millis to) const {
    std::vector<Millis> cuts;
    const auto first_day = date::floor<date::days>(
        zone_->to_local(date::sys_time<std::chrono::milliseconds>{std::chrono::milliseconds{from}}));
    for (auto day = first_day;; day += date::days{1}) {
        bool past_end = false;
        for (const int minute : boundary_minutes_) {
            // A local time skipped or repeated by a clock change resolves to its earliest instant.
            const auto instant = zone_->to_sys(day + std::chrono::minutes{minute}, date::choose::earliest);
            const Millis at =
                std::chrono::duration_cast<std::chrono::milliseconds>(instant.time_since_epoch()).count();
            if (at >= to) {
                past_end = true;
                break;
            }
            if (at > from) {
                cuts.push_back(at);
            }
        }
        if (past_end) {
            break;
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    return cuts;
}

}  // namespace parkgrid::reporting
