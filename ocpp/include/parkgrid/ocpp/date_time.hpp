#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::ocpp {

// An instant with millisecond precision. Parsed from any RFC 3339 date-time (offsets, fractional seconds),
// always held and written as UTC: mixing local and UTC time is a classic source of wrong reports.
class DateTime {
public:
    using Clock = std::chrono::system_clock;
    using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

    DateTime() = default;
    explicit DateTime(TimePoint instant) : instant_(instant) {}

    static DateTime now();
    // Returns nullopt unless `text` is an RFC 3339 "date-time" (section 5.6) with a valid calendar date.
    static std::optional<DateTime> parse(std::string_view text);
    static DateTime from_unix_millis(std::int64_t millis) {
        return DateTime(TimePoint(std::chrono::milliseconds(millis)));
    }

    TimePoint instant() const { return instant_; }
    std::int64_t unix_millis() const { return instant_.time_since_epoch().count(); }
    DateTime truncated_to_seconds() const;

    // "2026-11-25T21:29:28Z", or with ".123" milliseconds when they are not zero.
    std::string to_rfc3339() const;

    friend bool operator==(const DateTime&, const DateTime&) = default;
    friend auto operator<=>(const DateTime&, const DateTime&) = default;

private:
    TimePoint instant_{};
};

}  // namespace parkgrid::ocpp
