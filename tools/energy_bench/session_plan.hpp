#pragma once

// The charging sessions of the generated year, planned before anything is written: per charger about one
// session a day (overnight ones crossing the 23:00 valley boundary and midnight, office-hours ones, and some
// at any time), 1 to 10 hours plugged in, charging until the battery has what it needed and idle after that.
// The register of each charger carries on from one session to the next, as a real meter's would.

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

#include "bench_options.hpp"
#include "organisation_generator.hpp"
#include "parkgrid/reporting/meter_session.hpp"

namespace parkgrid::energy_bench {

using reporting::Millis;

struct SessionPlan {
    std::uint32_t charger = 0;  // index into Organisation::chargers
    std::uint32_t vehicle = 0;  // index into that charger's vehicles
    Millis start_at = 0;
    Millis stop_at = 0;
    Millis charging_ms = 0;  // from the start; plugged in but idle after that
    double power_w = 0;      // while charging
    std::int64_t meter_start_wh = 0;
    // The charger was offline: its meter values reach the central system after the stop (a late upload the
    // data-quality checks report, as they would for some sessions of any real year).
    bool late_upload = false;
};

struct SessionSchedule {
    std::vector<SessionPlan> sessions;  // by start
    Millis sample_interval_ms = 0;
    std::size_t meter_rows = 0;  // MeterValues the interval yields over all sessions
};

SessionSchedule plan_sessions(const Organisation& organisation, const BenchOptions& options,
                              std::mt19937_64& rng);

// The register (Wh, as the charger reports it: whole Wh) at an instant of the session.
std::int64_t register_at(const SessionPlan& session, Millis at);
inline std::int64_t meter_stop_wh(const SessionPlan& session) {
    return register_at(session, session.stop_at);
}
// The charger's instantaneous power (W) at an instant of the session.
double power_at(const SessionPlan& session, Millis at);

// MeterValues of a session: one every interval after the start, before the stop.
inline std::size_t sample_count(const SessionPlan& session, Millis interval_ms) {
    return static_cast<std::size_t>((session.stop_at - session.start_at - 1) / interval_ms);
}
inline Millis sample_at(const SessionPlan& session, std::size_t k, Millis interval_ms) {
    return session.start_at + static_cast<Millis>(k) * interval_ms;  // k = 1 .. sample_count
}

}  // namespace parkgrid::energy_bench
