#pragma once

// meter_values.samples: every SampledValueRecord of one MeterValue element as a compact JSON array, e.g.
//   [{"value":"12.5","context":"Sample.Periodic","format":"Raw","measurand":"Energy.Active.Import.Register",
//     "location":"Outlet","unit":"kWh","normalizedValue":12500.0,"normalizedUnit":"Wh"}]
// Keys are the OCPP field names; absent optional attributes are left out.

#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage {

std::string samples_to_json(const std::vector<SampledValueRecord>& samples);
// Throws std::runtime_error if `json` is not what samples_to_json() writes.
std::vector<SampledValueRecord> samples_from_json(std::string_view json);

}  // namespace parkgrid::storage
