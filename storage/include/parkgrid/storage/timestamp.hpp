#pragma once

#include <chrono>
#include <cstdint>

namespace parkgrid::storage {

// All instants are UTC with millisecond precision; stored as Unix milliseconds.
using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

inline std::int64_t to_unix_millis(Timestamp t) {
    return t.time_since_epoch().count();
}
inline Timestamp from_unix_millis(std::int64_t millis) {
    return Timestamp(std::chrono::milliseconds(millis));
}

}  // namespace parkgrid::storage
