#include "meter_readings.hpp"

#include <array>
#include <string_view>

namespace parkgrid::storage {
namespace {

bool is_candidate(const SampledValueRecord& sample, std::string_view measurand, std::string_view unit) {
    // normalized_unit is absent for non-numeric values (e.g. SignedData), which normalized_value also is.
    return sample.measurand == measurand && sample.normalized_value &&
           sample.normalized_unit.value_or(sample.unit) == unit;
}

std::optional<double> reading(const std::vector<SampledValueRecord>& samples, std::string_view measurand,
                              std::string_view unit) {
    bool any_at_outlet = false;
    for (const SampledValueRecord& sample : samples) {
        any_at_outlet =
            any_at_outlet || (is_candidate(sample, measurand, unit) && sample.location == "Outlet");
    }
    const auto counts = [&](const SampledValueRecord& sample) {
        return is_candidate(sample, measurand, unit) && (!any_at_outlet || sample.location == "Outlet");
    };

    for (const SampledValueRecord& sample : samples) {
        if (counts(sample) && !sample.phase) {
            return sample.normalized_value;
        }
    }

    std::optional<double> sum;
    for (const std::string_view phase : std::array<std::string_view, 3>{"L1", "L2", "L3"}) {
        for (const SampledValueRecord& sample : samples) {
            if (counts(sample) && sample.phase == phase) {
                sum = sum.value_or(0.0) + *sample.normalized_value;
                break;
            }
        }
    }
    return sum;
}

}  // namespace

MeterReadings extract_readings(const std::vector<SampledValueRecord>& samples) {
    return MeterReadings{
        .energy_import_wh = reading(samples, "Energy.Active.Import.Register", "Wh"),
        .power_import_w = reading(samples, "Power.Active.Import", "W"),
        .soc_percent = reading(samples, "SoC", "Percent"),
    };
}

}  // namespace parkgrid::storage
