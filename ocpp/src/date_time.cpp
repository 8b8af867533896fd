#include "parkgrid/ocpp/date_time.hpp"

#include <charconv>
#include <cstdio>

namespace parkgrid::ocpp {
namespace {

using namespace std::chrono;

// Reads exactly `digits` decimal digits at `pos`.
bool read_number(std::string_view text, std::size_t& pos, int digits, int& out) {
    if (pos + static_cast<std::size_t>(digits) > text.size()) {
        return false;
    }
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = text[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(digits);
    out = value;
    return true;
}

bool expect(std::string_view text, std::size_t& pos, char c) {
    if (pos < text.size() && text[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

}  // namespace

DateTime DateTime::now() {
    return DateTime(time_point_cast<milliseconds>(Clock::now()));
}

DateTime DateTime::truncated_to_seconds() const {
    return DateTime(time_point_cast<milliseconds>(floor<seconds>(instant_)));
}

std::optional<DateTime> DateTime::parse(std::string_view text) {
    // full-date "T" partial-time time-offset; "t", "z" and a space separator are accepted as RFC 3339 allows.
    std::size_t pos = 0;
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (!read_number(text, pos, 4, year) || !expect(text, pos, '-') || !read_number(text, pos, 2, month) ||
        !expect(text, pos, '-') || !read_number(text, pos, 2, day)) {
        return std::nullopt;
    }
    if (!(expect(text, pos, 'T') || expect(text, pos, 't') || expect(text, pos, ' '))) {
        return std::nullopt;
    }
    if (!read_number(text, pos, 2, hour) || !expect(text, pos, ':') || !read_number(text, pos, 2, minute) ||
        !expect(text, pos, ':') || !read_number(text, pos, 2, second)) {
        return std::nullopt;
    }
    int millis = 0;
    if (expect(text, pos, '.')) {
        int digits = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
            if (digits < 3) {
                millis = millis * 10 + (text[pos] - '0');
            }
            ++digits;
            ++pos;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int i = digits; i < 3; ++i) {
            millis *= 10;
        }
    }
    int offset_minutes = 0;
    if (expect(text, pos, 'Z') || expect(text, pos, 'z')) {
        // UTC
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int offset_hours = 0, offset_mins = 0;
        if (!read_number(text, pos, 2, offset_hours) || !expect(text, pos, ':') ||
            !read_number(text, pos, 2, offset_mins) || offset_hours > 23 || offset_mins > 59) {
            return std::nullopt;
        }
        offset_minutes = sign * (offset_hours * 60 + offset_mins);
    } else {
        return std::nullopt;
    }
    if (pos != text.size()) {
        return std::nullopt;
    }
    const year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                              std::chrono::day(static_cast<unsigned>(day))};
    // A leap second (hh:mm:60) is folded into the last millisecond-representable second.
    if (!date.ok() || hour > 23 || minute > 59 || second > 60) {
        return std::nullopt;
    }
    second = std::min(second, 59);
    const auto instant = sys_days(date) + hours(hour) + minutes(minute) + seconds(second) +
                         milliseconds(millis) - minutes(offset_minutes);
    return DateTime(time_point_cast<milliseconds>(instant));
}

std::string DateTime::to_rfc3339() const {
    const auto day_point = floor<days>(instant_);
    const year_month_day date{day_point};
    const hh_mm_ss<milliseconds> time{instant_ - day_point};
    char buffer[40];
    const auto millis = static_cast<int>(time.subseconds().count());
    const int written =
        std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                      static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                      static_cast<int>(time.seconds().count()));
    std::string out(buffer, static_cast<std::size_t>(written));
    if (millis != 0) {
        std::snprintf(buffer, sizeof buffer, ".%03d", millis);
        out += buffer;
    }
    out += 'Z';
    return out;
}

}  // namespace parkgrid::ocpp
