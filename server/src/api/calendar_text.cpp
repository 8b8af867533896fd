#include "calendar_text.hpp"

#include <charconv>
#include <chrono>

namespace parkgrid::server::api {
namespace {

// Reads `text` as a decimal number of exactly its length; -1 when it is not one.
int digits(std::string_view text) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc() && end == text.data() + text.size() && text.front() != '+' &&
                   text.front() != '-'
               ? value
               : -1;
}

}  // namespace

bool is_calendar_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return false;
    }
    const int year = digits(text.substr(0, 4));
    const int month = digits(text.substr(5, 2));
    const int day = digits(text.substr(8, 2));
    if (year < 1900 || year > 2199 || month < 1 || day < 1) {
        return false;
    }
    return std::chrono::year_month_day(std::chrono::year(year),
                                       std::chrono::month(static_cast<unsigned>(month)),
                                       std::chrono::day(static_cast<unsigned>(day)))
        .ok();
}

bool is_time_of_day(std::string_view text) {
    return minute_of_day(text).has_value();
}

std::optional<int> minute_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') {
        return std::nullopt;
    }
    const int hours = digits(text.substr(0, 2));
    const int minutes = digits(text.substr(3, 2));
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
        return std::nullopt;
    }
    return hours * 60 + minutes;
}

}  // namespace parkgrid::server::api
