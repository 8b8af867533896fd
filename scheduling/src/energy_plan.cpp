#include "energy_plan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <tuple>

namespace parkgrid::scheduling {
namespace {

// Below this, an amount of current or energy is rounding noise.
constexpr double kNegligibleA = 1e-6;
constexpr double kNegligibleKwh = 1e-6;
// Even sharing stops refining once nobody would get more than this in a round.
constexpr double kSharingResolutionA = 0.05;

double laxity_seconds(const PlannedSession& session, Seconds now) {
    const double full_power_kw = session.rate_a * session.where->kw_per_a;
    if (std::isinf(session.need_kwh) || full_power_kw <= 0) {
        return std::numeric_limits<double>::infinity();
    }
    return static_cast<double>(session.departure - now) - session.need_kwh / full_power_kw * 3600.0;
}

}  // namespace

double EnergyPlan::energy_in(const PlannedSession& session, std::size_t slot) const {
    return session.amps[slot] * session.where->kw_per_a * timeline_.hours_before(slot, session.departure);
}

double EnergyPlan::energy_kwh(const PlannedSession& session) const {
    double total = 0;
    for (std::size_t slot = 0; slot < session.amps.size(); ++slot) {
        total += energy_in(session, slot);
    }
    return total;
}

std::vector<PlannedSession*> EnergyPlan::plan_deadlines(std::vector<PlannedSession>& sessions) const {
    const Seconds now = timeline_.start(0);
    const Seconds slot_length = options_.slot_length;
    // Sessions whose laxity lies within one slot of each other count as equally urgent and share evenly.
    struct Rank {
        int priority;
        double urgency;
        Seconds departure;
    };
    std::vector<std::pair<Rank, PlannedSession*>> ranked;
    for (auto& session : sessions) {
        const double laxity = laxity_seconds(session, now);
        const double bucket =
            std::isinf(laxity) ? laxity : std::floor(laxity / static_cast<double>(slot_length));
        ranked.push_back({Rank{session.priority, bucket, session.departure}, &session});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return std::tuple(-a.first.priority, a.first.urgency) <
               std::tuple(-b.first.priority, b.first.urgency);
    });

    // Within a priority class, least laxity first, each session gets the average current that finishes its
    // need by its departure; what is left is shared evenly, up to what finishes each need soonest.
    for (std::size_t first = 0; first < ranked.size();) {
        std::size_t last = first + 1;
        while (last < ranked.size() && ranked[last].first.priority == ranked[first].first.priority) {
            ++last;
        }
        std::vector<PlannedSession*> group;
        for (std::size_t i = first; i < last; ++i) {
            group.push_back(ranked[i].second);
        }
        for (std::size_t slot = 0; slot < timeline_.size(); ++slot) {
            keep_on_track(group, slot);
            fill_slot_evenly(group, slot);
        }
        first = last;
    }
    std::vector<PlannedSession*> order;
    for (const auto& [rank, session] : ranked) {
        order.push_back(session);
    }
    return order;
}

void EnergyPlan::keep_on_track(std::vector<PlannedSession*>& group, std::size_t slot) const {
    for (auto* session : group) {
        const double hours = timeline_.hours_before(slot, session->departure);
        const double remaining = session->need_kwh - energy_kwh(*session);
        if (hours <= 0 || (slot == 0 && session->frozen_now) || remaining <= kNegligibleKwh) {
            continue;
        }
        auto& amps = session->amps[slot];
        const double hours_left = static_cast<double>(session->departure - timeline_.start(slot)) / 3600.0;
        const double on_track = amps + remaining / (session->where->kw_per_a * hours_left);
        if (on_track > session->rate_a) {
            continue;  // it cannot finish anyway: it shares like everybody, rather than starve those who can
        }
        const double cap = std::min(session->rate_a, std::max(on_track, session->min_a));
        const double add = std::min(cap - amps, grid_.room(slot, *session->where));
        if (amps + add + kNegligibleA < session->min_a) {
            continue;
        }
        if (add > kNegligibleA) {
            grid_.reserve(slot, *session->where, add);
            amps += add;
        }
    }
}

void EnergyPlan::fill_slot_evenly(std::vector<PlannedSession*>& group, std::size_t slot) const {
    struct Share {
        PlannedSession* session;
        double cap;
    };
    std::vector<Share> shares;
    for (auto* session : group) {
        const double hours = timeline_.hours_before(slot, session->departure);
        if (hours <= 0 || (slot == 0 && session->frozen_now)) {
            continue;
        }
        const double remaining = session->need_kwh - energy_kwh(*session);
        if (remaining <= kNegligibleKwh) {
            continue;
        }
        auto& amps = session->amps[slot];
        // Charging at the minimum may overshoot a small remainder; the vehicle simply stops when full.
        const double more = remaining / (session->where->kw_per_a * hours);
        const double cap = std::min(session->rate_a, std::max(amps + more, session->min_a));
        if (cap + kNegligibleA < session->min_a) {
            continue;
        }
        if (amps <= 0) {
            // Everybody who can get the minimum gets it before anybody gets more.
            if (grid_.room(slot, *session->where) + kNegligibleA < session->min_a) {
                continue;
            }
            grid_.reserve(slot, *session->where, session->min_a);
            amps = session->min_a;
        }
        shares.push_back({session, cap});
    }

    for (bool progress = true; progress;) {
        progress = false;
        std::vector<double> rooms;
        std::size_t active = 0;
        for (const auto& share : shares) {
            rooms.push_back(grid_.room(slot, *share.session->where));
            active += share.session->amps[slot] + kNegligibleA < share.cap ? 1 : 0;
        }
        // Nobody takes more than an even part of the room it saw at the start of the round: sessions on a
        // shared circuit grow alike, and together they never take more than the room there was.
        for (std::size_t i = 0; i < shares.size(); ++i) {
            auto& amps = shares[i].session->amps[slot];
            const double add = std::min(shares[i].cap - amps,
                                        rooms[i] / static_cast<double>(std::max<std::size_t>(active, 1)));
            if (add > kNegligibleA) {
                grid_.reserve(slot, *shares[i].session->where, add);
                amps += add;
                progress = progress || add > kSharingResolutionA;
            }
        }
    }
}

void EnergyPlan::shift_to_cheaper_slots(const std::vector<PlannedSession*>& order) const {
    for (auto* session : order) {
        if (!std::isinf(session->need_kwh)) {
            shift_session(*session);
        }
    }
}

void EnergyPlan::shift_session(PlannedSession& session) const {
    const Seconds now = timeline_.start(0);
    const Seconds buffer = std::max(options_.shift_departure_buffer, (session.departure - now) / 10);
    std::vector<std::size_t> sources;
    std::vector<std::size_t> targets;
    for (std::size_t slot = session.frozen_now ? 1 : 0; slot < timeline_.size(); ++slot) {
        if (timeline_.hours_before(slot, session.departure) <= 0) {
            continue;
        }
        sources.push_back(slot);
        if (timeline_.end(slot) <= session.departure - buffer) {
            targets.push_back(slot);
        }
    }
    // Sources: dearest first, and among equal prices the latest (energy early in the stay is the safest).
    std::stable_sort(sources.begin(), sources.end(), [this](std::size_t a, std::size_t b) {
        return std::tuple(-timeline_.price(a), -static_cast<double>(a)) <
               std::tuple(-timeline_.price(b), -static_cast<double>(b));
    });
    // Targets: cheapest first, and among equal prices the earliest.
    std::stable_sort(targets.begin(), targets.end(), [this](std::size_t a, std::size_t b) {
        return timeline_.price(a) < timeline_.price(b);
    });

    const double cap = std::max(session.min_a, session.rate_a * options_.shift_rate_share);
    for (const auto source : sources) {
        for (const auto target : targets) {
            if (session.amps[source] <= kNegligibleA || timeline_.price(target) >= timeline_.price(source)) {
                break;
            }
            move_energy(session, source, target, cap);
        }
    }
}

void EnergyPlan::use_room_now(const std::vector<PlannedSession*>& order) const {
    for (auto* session : order) {
        const double hours = timeline_.hours_before(0, session->departure);
        if (session->frozen_now || hours <= 0) {
            continue;
        }
        auto& now = session->amps[0];
        const double room = std::min(session->rate_a - now, grid_.room(0, *session->where));
        const double short_kwh = session->need_kwh - energy_kwh(*session);
        if (short_kwh > kNegligibleKwh && room > kNegligibleA) {
            double add = std::min(room, short_kwh / (session->where->kw_per_a * hours));
            if (now + add < session->min_a) {
                add = room + now >= session->min_a ? session->min_a - now : 0.0;
            }
            if (add > kNegligibleA) {
                grid_.reserve(0, *session->where, add);
                now += add;
            }
        }
        // Energy planned later at no lower price is better delivered now: nothing is lost if the vehicle
        // leaves early, or if others arrive.
        for (std::size_t source = timeline_.size() - 1; source > 0; --source) {
            if (session->amps[source] > kNegligibleA && timeline_.price(source) >= timeline_.price(0)) {
                move_energy(*session, source, 0, session->rate_a);
            }
        }
    }
}

void EnergyPlan::move_energy(PlannedSession& session, std::size_t source, std::size_t target,
                             double target_cap_a) const {
    const double kw_per_a = session.where->kw_per_a;
    const double source_hours = timeline_.hours_before(source, session.departure);
    const double target_hours = timeline_.hours_before(target, session.departure);
    auto& from = session.amps[source];
    auto& to = session.amps[target];
    const double room = std::min(target_cap_a - to, grid_.room(target, *session.where));
    if (room <= kNegligibleA || target_hours <= 0) {
        return;
    }
    const double whole_source_kwh = energy_in(session, source);
    // Move the whole source slot if it fits, else as much as leaves the source at its minimum.
    double moved_kwh = std::min(whole_source_kwh, room * kw_per_a * target_hours);
    if (moved_kwh < whole_source_kwh - kNegligibleKwh) {
        moved_kwh = std::min(moved_kwh, (from - session.min_a) * kw_per_a * source_hours);
    }
    const double added_a = moved_kwh / (kw_per_a * target_hours);
    if (moved_kwh <= kNegligibleKwh || to + added_a + kNegligibleA < session.min_a) {
        return;
    }
    const double removed_a = std::min(from, moved_kwh / (kw_per_a * source_hours));
    grid_.release(source, *session.where, removed_a);
    from -= removed_a;
    if (from < kNegligibleA) {
        from = 0;
    }
    grid_.reserve(target, *session.where, added_a);
    to += added_a;
}

}  // namespace parkgrid::scheduling
