#pragma once

#include <optional>
#include <vector>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage {

// The readings of one MeterValue element that energy and load queries need, extracted into columns of
// meter_values so those queries do not parse the samples JSON.
struct MeterReadings {
    std::optional<double> energy_import_wh;  // Energy.Active.Import.Register
    std::optional<double> power_import_w;    // Power.Active.Import
    std::optional<double> soc_percent;       // SoC
};

// For each measurand: among the numeric samples in the expected unit (after normalisation), those at the
// Outlet if there are any (the OCPP default location; an Inlet meter also counts the charger's own
// consumption), else all. Of these, the first sample without a phase is the reading; failing that, the
// sum of the L1, L2 and L3 samples (first of each); failing that, none.
MeterReadings extract_readings(const std::vector<SampledValueRecord>& samples);

}  // namespace parkgrid::storage
