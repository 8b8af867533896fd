#include "tariff_coverage.hpp"

#include <array>
#include <cstdio>

#include "calendar_text.hpp"

namespace parkgrid::server::api {
namespace {

constexpr int kMinutesPerDay = 24 * 60;

std::string time_text(int minute) {
    char text[16];  // room for any int, which keeps -Wformat-truncation quiet
    std::snprintf(text, sizeof text, "%02d:%02d", (minute / 60) % 24, minute % 60);
    return text;
}

std::string describe(const std::vector<storage::TariffPeriod>& periods, int index) {
    const auto& period = periods[static_cast<std::size_t>(index)];
    return "periods[" + std::to_string(index) + "] (" + period.start_time + "-" + period.end_time + ")";
}

}  // namespace

std::optional<std::string> tariff_coverage_problem(const std::vector<storage::TariffPeriod>& periods) {
    if (periods.empty()) {
        return std::nullopt;
    }
    // Energy statistics report one figure per kind and day (尖峰平谷), priced at that kind's price.
    for (std::size_t i = 0; i < periods.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
            if (periods[i].kind == periods[j].kind && periods[i].price_per_kwh != periods[j].price_per_kwh) {
                return describe(periods, static_cast<int>(j)) + " and " +
                       describe(periods, static_cast<int>(i)) + " are both " + periods[i].kind +
                       " at different prices; a kind has one price";
            }
        }
    }
    // Which period each minute of the day lies in; a day has few enough minutes to just mark them.
    std::array<int, kMinutesPerDay> owner;
    owner.fill(-1);
    for (int index = 0; index < static_cast<int>(periods.size()); ++index) {
        const auto& period = periods[static_cast<std::size_t>(index)];
        // The API checked both times (is_time_of_day) before asking.
        const int start = minute_of_day(period.start_time).value_or(0);
        const int length =
            (minute_of_day(period.end_time).value_or(0) - start + kMinutesPerDay) % kMinutesPerDay;
        for (int offset = 0; offset < (length == 0 ? kMinutesPerDay : length); ++offset) {
            auto& minute = owner[static_cast<std::size_t>((start + offset) % kMinutesPerDay)];
            if (minute != -1) {
                return describe(periods, minute) + " and " + describe(periods, index) + " overlap at " +
                       time_text((start + offset) % kMinutesPerDay);
            }
            minute = index;
        }
    }
    const auto uncovered = [&](int minute) {
        return owner[static_cast<std::size_t>((minute + kMinutesPerDay) % kMinutesPerDay)] == -1;
    };
    for (int minute = 0; minute < kMinutesPerDay; ++minute) {
        if (!uncovered(minute)) {
            continue;
        }
        // Widen to the whole gap, which may run across midnight.
        int first = minute;
        while (uncovered(first - 1)) {
            --first;
        }
        int end = minute;
        while (uncovered(end)) {
            ++end;
        }
        return "no period covers " + time_text((first + kMinutesPerDay) % kMinutesPerDay) + "-" +
               time_text(end % kMinutesPerDay) + "; the periods must cover the whole day, each minute once";
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::api
