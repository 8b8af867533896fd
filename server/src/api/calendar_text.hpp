#pragma once

#include <optional>
#include <string_view>

namespace parkgrid::server::api {

// A calendar date written YYYY-MM-DD that exists (no 2025-02-30), years 1900 to 2199.
bool is_calendar_date(std::string_view text);

// A local time of day written HH:MM, 00:00 to 23:59.
bool is_time_of_day(std::string_view text);

// Minutes after midnight of a time of day written HH:MM; nullopt unless is_time_of_day.
std::optional<int> minute_of_day(std::string_view text);

}  // namespace parkgrid::server::api
