#include "session_plan.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "parkgrid/reporting/accounting.hpp"

namespace parkgrid::energy_bench {
namespace {

constexpr Millis kMinute = 60'000;
constexpr Millis kHour = 60 * kMinute;
constexpr double kLateUploadShare = 0.005;
constexpr double kPhevBatteryKwh = 30;  // below this a vehicle is a plug-in hybrid with a 3.3 kW charger

std::string local_date(int day) {
    using namespace std::chrono;
    const year_month_day date{sys_days{year{2025} / January / 1} + days{day}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return text;
}

// When the car arrives (hours after local midnight) and how long it stays plugged in (hours).
struct Arrival {
    double hour = 0;
    double hours = 0;
};

Arrival draw_arrival(std::mt19937_64& rng) {
    std::uniform_real_distribution<double> unit(0, 1);
    const double kind = unit(rng);
    if (kind < 0.45) {
        // Overnight: plugged in after work, across the 23:00 valley boundary and midnight.
        return {17 + 6.5 * unit(rng), 6 + 4 * unit(rng)};
    }
    if (kind < 0.80) {
        // Office hours: across the flat, sharp peak and peak periods.
        return {7.5 + 2.5 * unit(rng), 2 + 7 * unit(rng)};
    }
    return {24 * unit(rng), 1 + 5 * unit(rng)};
}

}  // namespace

std::int64_t register_at(const SessionPlan& session, Millis at) {
    const Millis charging = std::clamp<Millis>(at - session.start_at, 0, session.charging_ms);
    return session.meter_start_wh +
           std::llround(session.power_w * static_cast<double>(charging) / static_cast<double>(kHour));
}

double power_at(const SessionPlan& session, Millis at) {
    return at - session.start_at < session.charging_ms ? session.power_w : 0.0;
}

SessionSchedule plan_sessions(const Organisation& organisation, const BenchOptions& options,
                              std::mt19937_64& rng) {
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<Millis> day_starts;
    for (int day = 0; day <= options.days; ++day) {
        day_starts.push_back(reporting::start_of_local_date(local_date(day), kTimeZone));
    }
    const Millis end = day_starts.back();

    SessionSchedule schedule;
    Millis plugged_ms = 0;
    for (std::size_t c = 0; c < organisation.chargers.size(); ++c) {
        const auto& charger = organisation.chargers[c];
        auto meter_wh = static_cast<std::int64_t>(1'000'000 + 20'000'000 * unit(rng));
        Millis free_at = day_starts.front();
        for (int day = 0; day < options.days; ++day) {
            const auto arrival = draw_arrival(rng);
            // A car still plugged in from the day before delays the next one.
            const Millis gap = static_cast<Millis>((10 + 50 * unit(rng)) * static_cast<double>(kMinute));
            const Millis start = std::max(day_starts[static_cast<std::size_t>(day)] +
                                              static_cast<Millis>(arrival.hour * static_cast<double>(kHour)),
                                          free_at + gap);
            if (start >= end) {
                break;
            }
            SessionPlan session;
            session.charger = static_cast<std::uint32_t>(c);
            session.vehicle =
                static_cast<std::uint32_t>(unit(rng) * static_cast<double>(charger.vehicles.size()));
            const auto& vehicle = charger.vehicles[session.vehicle];
            session.start_at = start;
            session.stop_at = start + static_cast<Millis>(arrival.hours * static_cast<double>(kHour));
            const double onboard_kw = vehicle.battery_kwh < kPhevBatteryKwh ? 3.3 : 6.6;
            const double power_kw =
                charger.dc ? 25 + 25 * unit(rng)
                           : std::min(charger.rated_power_kw, onboard_kw) * (0.9 + 0.1 * unit(rng));
            session.power_w = power_kw * 1000;
            const double needed_kwh = vehicle.battery_kwh * (0.15 + 0.6 * unit(rng));
            session.charging_ms =
                std::min(session.stop_at - start,
                         static_cast<Millis>(needed_kwh / power_kw * static_cast<double>(kHour)));
            session.meter_start_wh = meter_wh;
            session.late_upload = unit(rng) < kLateUploadShare;
            meter_wh = meter_stop_wh(session);
            free_at = session.stop_at;
            plugged_ms += session.stop_at - session.start_at;
            schedule.sessions.push_back(session);
        }
    }
    std::stable_sort(schedule.sessions.begin(), schedule.sessions.end(),
                     [](const SessionPlan& a, const SessionPlan& b) { return a.start_at < b.start_at; });

    // Each session has about duration / interval - 1/2 samples.
    const double wanted =
        static_cast<double>(options.samples) + 0.5 * static_cast<double>(schedule.sessions.size());
    schedule.sample_interval_ms =
        std::max<Millis>(1000, static_cast<Millis>(static_cast<double>(plugged_ms) / wanted));
    for (const auto& session : schedule.sessions) {
        schedule.meter_rows += sample_count(session, schedule.sample_interval_ms);
    }
    return schedule;
}

}  // namespace parkgrid::energy_bench
