#include "meter.hpp"

#include <algorithm>

namespace parkgrid::loadgen {
namespace {

constexpr double kNominalVolts = 230.0;
constexpr double kBatteryWh = 60000.0;

}  // namespace

SimulatedMeter::SimulatedMeter(int phases, std::uint64_t seed)
    : phases_(phases),
      random_(seed),
      offered_a_(phases == 3 ? 16.0 : 32.0),
      draw_ratio_(random_.between(0.85, 0.98)),
      start_soc_(random_.between(20.0, 60.0)) {
    power_w_ = kNominalVolts * offered_a_ * draw_ratio_ * phases_;
}

void SimulatedMeter::advance(std::chrono::steady_clock::time_point now) {
    if (last_ != std::chrono::steady_clock::time_point{} && now > last_) {
        const double hours = std::chrono::duration<double, std::ratio<3600>>(now - last_).count();
        energy_wh_ += power_w_ * hours;
    }
    if (now > last_) {
        last_ = now;
    }
}

MeterSample SimulatedMeter::read(std::chrono::steady_clock::time_point now) {
    advance(now);
    MeterSample sample;
    sample.power_w = 0;
    for (int phase = 0; phase < phases_; ++phase) {
        sample.voltage_v[phase] = kNominalVolts + random_.between(-3.0, 3.0);
        sample.current_a[phase] = offered_a_ * draw_ratio_ + random_.between(-0.2, 0.2);
        sample.power_w += sample.voltage_v[phase] * sample.current_a[phase];
    }
    power_w_ = sample.power_w;
    sample.energy_wh = static_cast<std::int64_t>(energy_wh_);
    sample.current_offered_a = offered_a_;
    sample.power_offered_w = offered_a_ * kNominalVolts * phases_;
    sample.soc_percent = static_cast<int>(std::min(100.0, start_soc_ + 100.0 * energy_wh_ / kBatteryWh));
    sample.temperature_c = 25.0 + power_w_ / 1000.0 + random_.between(-0.5, 0.5);
    return sample;
}

std::int64_t SimulatedMeter::register_wh(std::chrono::steady_clock::time_point now) {
    advance(now);
    return static_cast<std::int64_t>(energy_wh_);
}

}  // namespace parkgrid::loadgen
