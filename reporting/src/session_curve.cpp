#include "session_curve.hpp"

#include <algorithm>

namespace parkgrid::reporting {
namespace {

// meterStart or meterStop is taken as an end point of the register curve only if reaching the nearest sample
// from it needs no more than this power: a charger whose transaction values use another basis than its
// register (e.g. meterStart 0 against a register at 52,000 kWh) must not add the whole register as energy.
constexpr double kMaxPlausiblePowerW = 400'000;  // above the fastest DC chargers in service
constexpr double kSlackWh = 1;                   // rounding between the two readings

bool plausible_rise(double from_wh, double to_wh, Millis from, Millis to) {
    const double rise = to_wh - from_wh;
    const double hours = static_cast<double>(std::max<Millis>(to - from, 0)) / 3'600'000.0;
    return rise >= 0 && rise <= kMaxPlausiblePowerW * hours + kSlackWh;
}

}  // namespace

std::vector<CurvePoint> session_curve(const MeterSession& session, Millis start, Millis stop,
                                      EnergySource& source) {
    std::vector<CurvePoint> register_points;
    for (const auto& sample : session.samples) {
        if (sample.energy_wh) {
            register_points.push_back({std::clamp(sample.at, start, stop), *sample.energy_wh});
        }
    }
    const auto meter_start = static_cast<double>(session.meter_start_wh);
    const auto meter_stop = static_cast<double>(*session.meter_stop_wh);
    if (register_points.empty()) {
        source = EnergySource::MeterStop;
        return {{start, meter_start}, {stop, meter_stop}};
    }

    source = EnergySource::Register;
    std::stable_sort(register_points.begin(), register_points.end(),
                     [](const CurvePoint& a, const CurvePoint& b) { return a.at < b.at; });
    std::vector<CurvePoint> curve;
    const auto& first = register_points.front();
    if (plausible_rise(meter_start, first.wh, start, first.at)) {
        curve.push_back({start, meter_start});
    }
    curve.insert(curve.end(), register_points.begin(), register_points.end());
    const auto& last = register_points.back();
    if (plausible_rise(last.wh, meter_stop, last.at, stop)) {
        curve.push_back({stop, meter_stop});
    }
    return curve;
}

}  // namespace parkgrid::reporting
