#include "meter_reading.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <string>

namespace parkgrid::server::load {
namespace {

// A phase current this small is noise on an unused phase, not a vehicle drawing on it.
constexpr double kDrawingThresholdA = 1.0;

std::optional<double> number(const std::string& text) {
    double value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end ? std::optional(value) : std::nullopt;
}

std::string text_or(const nlohmann::json& object, const char* key, const char* fallback) {
    const auto found = object.find(key);
    return found != object.end() && found->is_string() ? found->get<std::string>() : fallback;
}

}  // namespace

MeterReading read_meter_values(const nlohmann::json& meter_values) {
    MeterReading reading;
    if (!meter_values.is_array()) {
        return reading;
    }
    for (const auto& meter_value : meter_values) {
        const auto samples = meter_value.find("sampledValue");
        if (samples == meter_value.end() || !samples->is_array()) {
            continue;
        }
        std::array<std::optional<double>, 3> per_phase{};
        std::optional<double> unphased;
        for (const auto& sample : *samples) {
            const auto value = number(text_or(sample, "value", ""));
            if (!value) {
                continue;
            }
            const auto measurand = text_or(sample, "measurand", "Energy.Active.Import.Register");
            const auto unit = text_or(sample, "unit", measurand == "SoC" ? "Percent" : "Wh");
            const auto phase = text_or(sample, "phase", "");
            if (measurand == "Current.Import") {
                // L1-N style phases name the same conductor as L1.
                const int index = phase.rfind("L1", 0) == 0   ? 0
                                  : phase.rfind("L2", 0) == 0 ? 1
                                  : phase.rfind("L3", 0) == 0 ? 2
                                                              : -1;
                if (index >= 0) {
                    per_phase[static_cast<std::size_t>(index)] = *value;
                } else if (phase.empty()) {
                    unphased = *value;
                }
            } else if (measurand == "SoC") {
                reading.soc_percent = std::clamp(*value, 0.0, 100.0);
            } else if (measurand == "Energy.Active.Import.Register" && phase.empty()) {
                reading.energy_wh = unit == "kWh" ? *value * 1000.0 : *value;
            }
        }
        int drawing = 0;
        bool phased = false;
        std::optional<double> highest = unphased;
        for (const auto& current : per_phase) {
            if (current) {
                phased = true;
                drawing += *current > kDrawingThresholdA ? 1 : 0;
                highest = std::max(highest.value_or(0.0), *current);
            }
        }
        if (highest) {
            reading.current_a = highest;
        }
        if (phased && drawing > 0) {
            reading.phases_drawing = drawing;
        }
    }
    return reading;
}

}  // namespace parkgrid::server::load
