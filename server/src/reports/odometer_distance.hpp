#pragma once

// The distance a vehicle drove in a range of local dates, from its odometer readings: used by the fleet
// consumption check and by the energy report's vehicle rows (kWh per 100 km).

#include <cstdint>
#include <optional>

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/storage/energy_repository.hpp"

namespace parkgrid::server::reports {

// The last reading in [range.first, range.end) minus the last one before it (or, without one before, the
// first one in it); nullopt without two such readings. Dates are local to Asia/Shanghai, the zone of the
// institutions' reporting periods.
std::optional<double> odometer_distance_km(storage::EnergyRepository& energy, std::int64_t vehicle_id,
                                           const reporting::DateRange& range);

}  // namespace parkgrid::server::reports
