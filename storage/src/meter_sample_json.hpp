#pragma once

// meter_values.samples: every SampledValueRecord of one MeterValue element as a compact JSON array. Keys are
// the OCPP field names; what a reader can tell without it is left out, because this column is most of what
// a busy server writes to disk (one row of a three-phase charger shrank from ~2 KB, one row per database
// page, to ~0.6 KB; docs/performance.md):
//   - context, format, measurand, location and unit when they hold OCPP's default (Sample.Periodic, Raw,
//     Energy.Active.Import.Register, Outlet, Wh);
//   - normalizedValue and normalizedUnit when they are the Raw value read as a number, in its own unit.
//     "normalizedValue":null says there is none although the value reads as a number.
// So a voltage reading is {"value":"230.1","measurand":"Voltage","phase":"L1-N","unit":"V"}, and an energy
// register in Wh is {"value":"12345"}. Rows written before this (every attribute spelled out) read the same.

#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage {

std::string samples_to_json(const std::vector<SampledValueRecord>& samples);
// Throws std::runtime_error if `json` is not what samples_to_json() writes.
std::vector<SampledValueRecord> samples_from_json(std::string_view json);

}  // namespace parkgrid::storage
