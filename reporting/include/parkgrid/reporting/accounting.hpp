#pragma once

// Energy accounting of one finished charging session: how much energy it took, split into the site-local days
// and time-of-use periods it fell in, priced at the site's tariff.
//
// The energy comes from the meter register (Energy.Active.Import.Register samples, anchored at meterStart and
// meterStop where those agree with them), or from meterStop - meterStart when the charger sent no register
// samples. Between two readings energy is assumed to flow evenly, so a reading interval that crosses a
// period or day boundary is split at it by linear interpolation. A drop of the register (a reset) adds no
// energy; the data-quality checks report it.
//
// Rounding is exact and reproducible by hand: the parts are rounded to whole Wh by the largest-remainder
// method so that they always add up to the session total; each part's cost is
// round_half_up(wh * price_in_micro_cny_per_kwh / 10^7) fen, computed in integers.

#include <cstdint>
#include <string>
#include <vector>

#include "parkgrid/reporting/meter_session.hpp"

namespace parkgrid::reporting {

// One time-of-use period of a site's tariff, repeating daily in the site's zone.
struct TouPeriod {
    std::string kind;          // "sharp_peak", "peak", "flat", "valley"
    int start_minute = 0;      // minute of the local day, inclusive
    int end_minute = 0;        // exclusive; below start wraps past midnight; equal to start is the whole day
    double price_per_kwh = 0;  // CNY
};

struct SiteTariff {
    std::string time_zone = "Asia/Shanghai";  // IANA name
    std::vector<TouPeriod> periods{};         // may be empty or leave gaps: that energy is unclassified
    double service_fee_per_kwh = 0;           // CNY, charged on top of the energy price
};

// Energy that fell outside every tariff period.
inline constexpr const char* kUnclassified = "unclassified";

struct EnergyPart {
    std::string local_date;  // YYYY-MM-DD in the site's zone
    std::string tou_kind;    // a TouPeriod kind, or kUnclassified
    std::int64_t wh = 0;
    std::int64_t seconds = 0;  // time the session was plugged in within this part
    double price_per_kwh = 0;
    std::int64_t cost_fen = 0;         // energy at price_per_kwh
    std::int64_t service_fee_fen = 0;  // energy at the service fee
};

enum class EnergySource { Register, MeterStop };

struct SessionAccount {
    std::int64_t total_wh = 0;
    EnergySource source = EnergySource::MeterStop;
    std::vector<EnergyPart> parts;  // by local date, then period start; wh adds up to total_wh
};

// Cost in fen of `wh` at `price_per_kwh` CNY, rounded half up (the rule every report figure follows).
std::int64_t cost_fen(std::int64_t wh, double price_per_kwh);

// The local date (YYYY-MM-DD) of an instant in a zone; throws std::invalid_argument for an unknown zone.
std::string local_date_of(Millis at, const std::string& time_zone);

// The instant a local date begins in a zone (its first local midnight).
Millis start_of_local_date(const std::string& local_date, const std::string& time_zone);

// Accounts a finished session (stop_at and meter_stop_wh set); throws std::invalid_argument otherwise, or for
// an unknown time zone.
SessionAccount account_session(const MeterSession& session, const SiteTariff& tariff);

}  // namespace parkgrid::reporting
