#pragma once

// Time-of-use electricity prices, Beijing-like (CNY/kWh). This table is the only place prices live: the
// scheduler's price function, the LP's cost term and the cost metric all read it.

#include <array>
#include <string_view>

#include "parkgrid/scheduling/site_model.hpp"

namespace parkgrid::simulator {

struct TariffBand {
    int from_minute = 0;  // local time of day, inclusive
    int to_minute = 0;    // exclusive
    std::string_view name{};
    double cny_per_kwh = 0;
};

// Covers the day without gaps or overlaps; the sharp peak (11:00-13:00) is carved out of the morning peak.
inline constexpr std::array<TariffBand, 9> kTariff{{
    {0, 7 * 60, "valley", 0.30},
    {7 * 60, 10 * 60, "flat", 0.65},
    {10 * 60, 11 * 60, "peak", 1.00},
    {11 * 60, 13 * 60, "sharp", 1.30},
    {13 * 60, 15 * 60, "peak", 1.00},
    {15 * 60, 18 * 60, "flat", 0.65},
    {18 * 60, 21 * 60, "peak", 1.00},
    {21 * 60, 23 * 60, "flat", 0.65},
    {23 * 60, 24 * 60, "valley", 0.30},
}};

// Simulated time 0 is midnight, local time, of the first day.
const TariffBand& tariff_band_at(scheduling::Seconds at);
double price_at(scheduling::Seconds at);

}  // namespace parkgrid::simulator
