#include "parkgrid/reporting/accounting.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <stdexcept>

#include "session_curve.hpp"
#include "site_clock.hpp"

namespace parkgrid::reporting {
namespace {

// Sessions are accounted over at most this long after their start; energy reported later is put at its end.
constexpr Millis kLongestAccountedSession = 31LL * 24 * 3600 * 1000;

// Energy and time of one (local date, period) bucket before rounding.
struct Bucket {
    std::string local_date;
    const TouPeriod* period = nullptr;  // nullptr: unclassified
    double wh = 0;
    Millis ms = 0;
};

// The session's time split at every local midnight and tariff boundary, each piece classified.
struct Piece {
    Millis from = 0;
    Millis to = 0;
    std::size_t bucket = 0;
};

// One bucket per day and kind: a kind recurring within a day (flat in the morning and the afternoon) is one
// part; the tariff API gives each kind one price. Indexed, because a long session has many.
class Buckets {
public:
    std::size_t of(const std::string& local_date, const TouPeriod* period) {
        const std::string kind = period ? period->kind : std::string(kUnclassified);
        const auto [it, added] = index_.try_emplace({local_date, kind}, list_.size());
        if (added) {
            list_.push_back(Bucket{local_date, period, 0, 0});
        }
        return it->second;
    }
    std::vector<Bucket>& list() { return list_; }

private:
    std::vector<Bucket> list_;
    std::map<std::pair<std::string, std::string>, std::size_t> index_;
};

std::vector<Piece> split_time(Millis start, Millis stop, const SiteClock& clock, Buckets& buckets) {
    std::vector<Millis> cuts = clock.boundaries(start, stop);
    std::vector<Piece> pieces;
    Millis from = start;
    cuts.push_back(stop);
    for (const Millis to : cuts) {
        // Classified by the piece's midpoint: no boundary lies inside a piece, so any inner instant would do.
        const Millis middle = from + (to - from) / 2;
        const auto local = clock.local(middle);
        pieces.push_back(Piece{from, to, buckets.of(local.date, clock.period_at(local.minute_of_day))});
        from = to;
    }
    return pieces;
}

// Spreads each rise of the curve evenly over its interval, into the pieces it overlaps.
void spread_energy(const std::vector<CurvePoint>& curve, const std::vector<Piece>& pieces,
                   std::vector<Bucket>& buckets) {
    std::size_t first_piece = 0;
    for (std::size_t i = 1; i < curve.size(); ++i) {
        const auto& a = curve[i - 1];
        const auto& b = curve[i];
        const double rise = b.wh - a.wh;
        if (rise <= 0) {
            continue;  // a reset or a decrease adds nothing; the data-quality checks report it
        }
        while (first_piece + 1 < pieces.size() && pieces[first_piece].to <= a.at) {
            ++first_piece;
        }
        if (b.at == a.at) {  // a jump at one instant belongs to the piece holding it
            buckets[pieces[first_piece].bucket].wh += rise;
            continue;
        }
        const double per_ms = rise / static_cast<double>(b.at - a.at);
        for (std::size_t p = first_piece; p < pieces.size() && pieces[p].from < b.at; ++p) {
            const Millis overlap = std::min(b.at, pieces[p].to) - std::max(a.at, pieces[p].from);
            if (overlap > 0) {
                buckets[pieces[p].bucket].wh += per_ms * static_cast<double>(overlap);
            }
        }
    }
}

// Whole Wh that add up to the rounded total: floors, then the missing units to the largest remainders
// (earlier buckets first on ties).
std::vector<std::int64_t> round_to_total(const std::vector<Bucket>& buckets, std::int64_t total) {
    std::vector<std::int64_t> whole(buckets.size());
    std::vector<std::size_t> order(buckets.size());
    std::int64_t assigned = 0;
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        whole[i] = static_cast<std::int64_t>(std::floor(buckets[i].wh));
        assigned += whole[i];
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return buckets[a].wh - std::floor(buckets[a].wh) > buckets[b].wh - std::floor(buckets[b].wh);
    });
    for (std::size_t k = 0; assigned < total && k < order.size(); ++k, ++assigned) {
        ++whole[order[k]];
    }
    return whole;
}

}  // namespace

std::int64_t cost_fen(std::int64_t wh, double price_per_kwh) {
    // wh / 1000 kWh x price CNY x 100 fen = wh x price / 10 fen. In integers (micro-CNY per kWh) so that a
    // half fen always rounds up, whatever the binary representation of the price.
    const auto micro = static_cast<std::int64_t>(std::llround(price_per_kwh * 1e6));
    constexpr std::int64_t kDivisor = 10'000'000;
    const std::int64_t product = wh * micro;
    return product >= 0 ? (product + kDivisor / 2) / kDivisor : -((-product + kDivisor / 2) / kDivisor);
}

std::string local_date_of(Millis at, const std::string& time_zone) {
    return SiteClock(time_zone, {}).local(at).date;
}

Millis start_of_local_date(const std::string& local_date, const std::string& time_zone) {
    return SiteClock(time_zone, {}).start_of(local_date);
}

SessionAccount account_session(const MeterSession& session, const SiteTariff& tariff) {
    if (!session.stop_at || !session.meter_stop_wh) {
        throw std::invalid_argument("a running session cannot be accounted");
    }
    const SiteClock clock(tariff.time_zone, tariff.periods);
    const Millis start = session.start_at;
    // A stop before the start, or absurdly long after it (a charger clock set to 2099), is reported by the
    // data-quality checks, not spread over decades of days.
    const Millis stop = std::clamp(*session.stop_at, start, start + kLongestAccountedSession);

    SessionAccount account;
    const auto curve = session_curve(session, start, stop, account.source);
    Buckets index;
    const auto pieces = split_time(start, stop, clock, index);
    auto& buckets = index.list();
    spread_energy(curve, pieces, buckets);
    for (const auto& piece : pieces) {
        buckets[piece.bucket].ms += piece.to - piece.from;
    }

    double total = 0;
    for (const auto& bucket : buckets) {
        total += bucket.wh;
    }
    account.total_wh = std::llround(total);
    const auto whole = round_to_total(buckets, account.total_wh);
    for (std::size_t i = 0; i < buckets.size(); ++i) {
        const auto& bucket = buckets[i];
        if (whole[i] == 0 && bucket.ms == 0) {
            continue;
        }
        EnergyPart part;
        part.local_date = bucket.local_date;
        part.tou_kind = bucket.period ? bucket.period->kind : kUnclassified;
        part.wh = whole[i];
        part.seconds = (bucket.ms + 500) / 1000;
        part.price_per_kwh = bucket.period ? bucket.period->price_per_kwh : 0.0;
        part.cost_fen = cost_fen(part.wh, part.price_per_kwh);
        part.service_fee_fen = cost_fen(part.wh, tariff.service_fee_per_kwh);
        account.parts.push_back(std::move(part));
    }
    std::stable_sort(account.parts.begin(), account.parts.end(),
                     [](const EnergyPart& a, const EnergyPart& b) { return a.local_date < b.local_date; });
    return account;
}

}  // namespace parkgrid::reporting
