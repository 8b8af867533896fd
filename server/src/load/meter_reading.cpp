#include "meter_reading.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "meter_value_conversion.hpp"
#include "parkgrid/ocpp/types/meter_value.hpp"

namespace parkgrid::server::load {
namespace {

// A phase current this small is noise on an unused phase, not a vehicle drawing on it.
constexpr double kDrawingThresholdA = 1.0;

// L1, L1-N and L1-L2 all name the conductor L1; -1 for no phase or N.
int conductor(const std::optional<std::string>& phase) {
    if (!phase || phase->size() < 2 || (*phase)[0] != 'L') {
        return -1;
    }
    const int index = (*phase)[1] - '1';
    return index >= 0 && index < 3 ? index : -1;
}

}  // namespace

MeterReading read_meter_values(const std::vector<ocpp::MeterValue>& meter_values) {
    MeterReading reading;
    for (const auto& meter_value : meter_values) {
        std::array<std::optional<double>, 3> per_phase{};
        std::optional<double> unphased;
        for (const auto& sample : meter_value.sampled_value) {
            // The OCPP defaults made explicit, kWh in Wh: the same reading of a sample as storage gets.
            const auto record = to_record(sample);
            if (!record.normalized_value) {
                continue;
            }
            const double value = *record.normalized_value;
            if (record.measurand == "Current.Import") {
                if (const int index = conductor(record.phase); index >= 0) {
                    per_phase[static_cast<std::size_t>(index)] = value;
                } else if (!record.phase) {
                    unphased = value;
                }
            } else if (record.measurand == "SoC") {
                reading.soc_percent = std::clamp(value, 0.0, 100.0);
            } else if (record.measurand == "Energy.Active.Import.Register" && !record.phase) {
                reading.energy_wh = value;
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

namespace {

template <typename T>
void put(nlohmann::json& data, const char* key, const std::optional<T>& value) {
    if (value) {
        data[key] = *value;
    }
}

template <typename T>
std::optional<T> get(const nlohmann::json& data, const char* key) {
    const auto found = data.find(key);
    if (found == data.end() || !found->is_number()) {
        return std::nullopt;
    }
    return found->get<T>();
}

}  // namespace

nlohmann::json to_event_data(const MeterReading& reading) {
    nlohmann::json data = nlohmann::json::object();
    put(data, "currentA", reading.current_a);
    put(data, "phasesDrawing", reading.phases_drawing);
    put(data, "socPercent", reading.soc_percent);
    put(data, "energyWh", reading.energy_wh);
    return data;
}

MeterReading from_event_data(const nlohmann::json& data) {
    return MeterReading{.current_a = get<double>(data, "currentA"),
                        .phases_drawing = get<int>(data, "phasesDrawing"),
                        .soc_percent = get<double>(data, "socPercent"),
                        .energy_wh = get<double>(data, "energyWh")};
}

}  // namespace parkgrid::server::load
