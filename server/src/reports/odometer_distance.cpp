#include "odometer_distance.hpp"

#include "parkgrid/reporting/accounting.hpp"
#include "time_conversion.hpp"

namespace parkgrid::server::reports {
std::optional<double> odometer_distance_km(storage::EnergyRepository& energy, std::int64_t vehicle_id,
                                           const reporting::DateRange& range) {
    const auto start = timestamp(reporting::start_of_local_date(range.first, kInstitutionZone));
    const auto end = timestamp(reporting::start_of_local_date(range.end, kInstitutionZone));
    std::optional<double> baseline;
    std::optional<double> last;
    std::size_t in_period = 0;
    for (const auto& reading : energy.odometer_readings(vehicle_id, std::nullopt, end)) {
        if (reading.read_at < start) {
            baseline = reading.odometer_km;
        } else {
            if (!baseline && in_period == 0) {
                baseline = reading.odometer_km;
            } else {
                last = reading.odometer_km;
            }
            ++in_period;
        }
    }
    if (!baseline || !last) {
        return std::nullopt;
    }
    return *last - *baseline;
}

}  // namespace parkgrid::server::reports
