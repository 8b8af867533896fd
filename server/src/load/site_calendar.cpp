#include "site_calendar.hpp"

#include <date/tz.h>

#include <chrono>

#include "api/calendar_text.hpp"

namespace parkgrid::server::load {
namespace {

const date::time_zone* find_zone(const std::string& name) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return date::locate_zone("Asia/Shanghai");
    }
}

bool contains(const storage::TariffPeriod& period, int minute) {
    const auto start = api::minute_of_day(period.start_time);
    const auto end = api::minute_of_day(period.end_time);
    if (!start || !end) {
        return false;
    }
    // A period such as 23:00-07:00 wraps past midnight; 00:00-00:00 is the whole day.
    return *start < *end ? minute >= *start && minute < *end : minute >= *start || minute < *end;
}

}  // namespace

SiteCalendar::SiteCalendar(const std::string& time_zone, std::vector<storage::TariffPeriod> tariff)
    : zone_(find_zone(time_zone)), tariff_(std::move(tariff)) {}

LocalTime SiteCalendar::local(Seconds at) const {
    const auto local = zone_->to_local(date::sys_seconds{std::chrono::seconds{at}});
    const auto day = date::floor<date::days>(local);
    const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    const date::weekday weekday{day};
    return {static_cast<int>(minutes), weekday == date::Saturday || weekday == date::Sunday};
}

const storage::TariffPeriod* SiteCalendar::period_of(Seconds at) const {
    const int minute = local(at).minute_of_day;
    for (const auto& period : tariff_) {
        if (contains(period, minute)) {
            return &period;
        }
    }
    return nullptr;
}

double SiteCalendar::price_at(Seconds at) const {
    const auto* period = period_of(at);
    return period ? period->price_per_kwh : 0.0;
}

std::string SiteCalendar::period_at(Seconds at) const {
    const auto* period = period_of(at);
    return period ? period->kind : std::string();
}

std::optional<Seconds> SiteCalendar::next_local(const std::string& hh_mm, Seconds after) const {
    const auto minutes = api::minute_of_day(hh_mm);
    if (!minutes) {
        return std::nullopt;
    }
    const auto local = zone_->to_local(date::sys_seconds{std::chrono::seconds{after}});
    auto day = date::floor<date::days>(local);
    for (int attempt = 0; attempt < 3; ++attempt, day += date::days{1}) {
        const auto candidate = day + std::chrono::minutes{*minutes};
        // A local time skipped or repeated by a clock change resolves to its earliest instant.
        const auto instant = zone_->to_sys(candidate, date::choose::earliest);
        if (instant.time_since_epoch().count() > after) {
            return std::chrono::duration_cast<std::chrono::seconds>(instant.time_since_epoch()).count();
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::load
