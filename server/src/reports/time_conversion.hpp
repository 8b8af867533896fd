#pragma once

#include <chrono>

#include "parkgrid/reporting/meter_session.hpp"
#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server::reports {

inline reporting::Millis millis(storage::Timestamp at) {
    return at.time_since_epoch().count();
}

inline storage::Timestamp timestamp(reporting::Millis at) {
    return storage::Timestamp{std::chrono::milliseconds{at}};
}

}  // namespace parkgrid::server::reports
