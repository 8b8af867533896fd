#pragma once

#include <chrono>

#include "parkgrid/reporting/meter_session.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server::reports {

// The zone of what has no site of its own: an institution's reporting periods (odometer distances, the
// monitor's last completed month, ledger times) and chargers without a site. ParkGrid's institutions are
// Chinese, so China's single zone.
inline constexpr const char* kInstitutionZone = "Asia/Shanghai";

inline reporting::Millis millis(storage::Timestamp at) {
    return at.time_since_epoch().count();
}

inline storage::Timestamp timestamp(reporting::Millis at) {
    return storage::Timestamp{std::chrono::milliseconds{at}};
}

}  // namespace parkgrid::server::reports
