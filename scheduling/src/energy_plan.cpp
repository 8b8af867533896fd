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

void EnergyPlan::plan_deadlines(std::vector<PlannedSession>& sessions, Seconds slot_length) const {
    const Seconds now = timeline_.start(0);
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

    for (std::size_t first = 0; first < ranked.size();) {
        std::size_t last = first + 1;
        while (last < ranked.size() && ranked[last].first.priority == ranked[first].first.priority &&
               ranked[last].first.urgency == ranked[first].first.urgency) {
            ++last;
        }
        std::vector<PlannedSession*> group;
        for (std::size_t i = first; i < last; ++i) {
            group.push_back(ranked[i].second);
        }
        for (std::size_t slot = 0; slot < timeline_.size(); ++slot) {
            fill_slot_evenly(group, slot);
        }
        first = last;
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
        const double for_remaining = remaining / (session->where->kw_per_a * hours);
        // Charging at the minimum may overshoot a small remainder; the vehicle simply stops when full.
        const double cap = std::min(session->rate_a, std::max(for_remaining, session->min_a));
        if (cap + kNegligibleA < session->min_a) {
            continue;
        }
        // Everybody who can get the minimum gets it before anybody gets more.
        if (grid_.room(slot, *session->where) + kNegligibleA < session->min_a) {
            continue;
        }
        grid_.reserve(slot, *session->where, session->min_a);
        session->amps[slot] = session->min_a;
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

void EnergyPlan::shift_to_cheaper_slots(std::vector<PlannedSession>& sessions) const {
    for (auto& session : sessions) {
        if (!std::isinf(session.need_kwh)) {
            shift_session(session);
        }
    }
}

void EnergyPlan::shift_session(PlannedSession& session) const {
    std::vector<std::size_t> slots;
    for (std::size_t slot = session.frozen_now ? 1 : 0; slot < timeline_.size(); ++slot) {
        if (timeline_.hours_before(slot, session.departure) > 0) {
            slots.push_back(slot);
        }
    }
    // Sources: dearest first, and among equal prices the latest (energy early in the stay is the safest).
    auto sources = slots;
    std::stable_sort(sources.begin(), sources.end(), [this](std::size_t a, std::size_t b) {
        return std::tuple(-timeline_.price(a), -static_cast<double>(a)) <
               std::tuple(-timeline_.price(b), -static_cast<double>(b));
    });
    // Targets: cheapest first, and among equal prices the earliest.
    auto targets = slots;
    std::stable_sort(targets.begin(), targets.end(), [this](std::size_t a, std::size_t b) {
        return timeline_.price(a) < timeline_.price(b);
    });

    const double kw_per_a = session.where->kw_per_a;
    for (const auto source : sources) {
        const double source_hours = timeline_.hours_before(source, session.departure);
        for (const auto target : targets) {
            if (session.amps[source] <= kNegligibleA || timeline_.price(target) >= timeline_.price(source)) {
                break;
            }
            const double target_hours = timeline_.hours_before(target, session.departure);
            auto& to = session.amps[target];
            const double room = std::min(session.rate_a - to, grid_.room(target, *session.where));
            const double whole_source_kwh = energy_in(session, source);
            // Move the whole source slot if it fits, else as much as leaves the source at its minimum.
            double moved_kwh = std::min(whole_source_kwh, room * kw_per_a * target_hours);
            if (moved_kwh < whole_source_kwh - kNegligibleKwh) {
                moved_kwh =
                    std::min(moved_kwh, (session.amps[source] - session.min_a) * kw_per_a * source_hours);
            }
            const double added_a = moved_kwh / (kw_per_a * target_hours);
            if (moved_kwh <= kNegligibleKwh || to + added_a + kNegligibleA < session.min_a) {
                continue;
            }
            const double removed_a = std::min(session.amps[source], moved_kwh / (kw_per_a * source_hours));
            grid_.release(source, *session.where, removed_a);
            session.amps[source] -= removed_a;
            if (session.amps[source] < kNegligibleA) {
                session.amps[source] = 0;
            }
            grid_.reserve(target, *session.where, added_a);
            to += added_a;
        }
    }
}

}  // namespace parkgrid::scheduling
