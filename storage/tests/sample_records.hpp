#pragma once

#include <optional>
#include <string>
#include <utility>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage::testing {

// A periodic Raw reading at the outlet, the kind csms records most.
inline SampledValueRecord periodic_sample(std::string value, std::string measurand,
                                          std::optional<std::string> phase, std::string unit,
                                          std::optional<double> normalized,
                                          std::optional<std::string> normalized_unit) {
    return SampledValueRecord{.value = std::move(value),
                              .context = "Sample.Periodic",
                              .format = "Raw",
                              .measurand = std::move(measurand),
                              .phase = std::move(phase),
                              .location = "Outlet",
                              .unit = std::move(unit),
                              .normalized_value = normalized,
                              .normalized_unit = std::move(normalized_unit)};
}

}  // namespace parkgrid::storage::testing
