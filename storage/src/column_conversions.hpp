#pragma once

// Conversions between storage types and SQL values, applied where statements are bound and read so the
// SQLite layer itself stays unaware of storage types. Timestamps are INTEGER Unix milliseconds.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>

#include "parkgrid/storage/timestamp.hpp"
#include "sqlite/statement.hpp"

namespace parkgrid::storage {

inline std::optional<std::int64_t> to_optional_millis(const std::optional<Timestamp>& timestamp) {
    return timestamp ? std::optional(to_unix_millis(*timestamp)) : std::nullopt;
}

inline Timestamp timestamp_column(const sqlite::Statement& statement, int index) {
    return from_unix_millis(statement.column<std::int64_t>(index));
}

inline std::optional<Timestamp> optional_timestamp_column(const sqlite::Statement& statement, int index) {
    const auto millis = statement.column<std::optional<std::int64_t>>(index);
    return millis ? std::optional(from_unix_millis(*millis)) : std::nullopt;
}

// LIMIT and OFFSET take a signed 64-bit value; a larger count means "no limit" anyway.
inline std::int64_t to_sql_count(std::size_t count) {
    constexpr auto max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
    return static_cast<std::int64_t>(count < max ? count : max);
}

}  // namespace parkgrid::storage
