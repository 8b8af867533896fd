#include "equal_share_policy.hpp"

#include <algorithm>
#include <limits>

namespace parkgrid::simulator {

namespace {

constexpr scheduling::Seconds kRotationPeriod = 300;
constexpr double kEpsilon = 1e-9;

struct Share {
    std::size_t connector = 0;
    const std::vector<std::size_t>* path = nullptr;
    std::vector<int> phases{};
    double cap_a = 0;
    double amps = 0;
};

// Progressive filling: everyone rises together until their cap or a full circuit phase stops them.
void fill(std::vector<Share*>& shares, std::vector<scheduling::PhaseCurrents> room) {
    std::vector<bool> frozen(shares.size(), false);
    for (auto* share : shares) {
        share->amps = 0;
    }
    while (true) {
        std::vector<scheduling::PhaseCurrents> users(room.size(), scheduling::PhaseCurrents{});
        double step = std::numeric_limits<double>::infinity();
        bool any = false;
        for (std::size_t s = 0; s < shares.size(); ++s) {
            if (frozen[s]) {
                continue;
            }
            any = true;
            step = std::min(step, shares[s]->cap_a - shares[s]->amps);
            for (const auto c : *shares[s]->path) {
                for (const int p : shares[s]->phases) {
                    users[c][static_cast<std::size_t>(p)] += 1;
                }
            }
        }
        if (!any) {
            return;
        }
        for (std::size_t c = 0; c < room.size(); ++c) {
            for (std::size_t p = 0; p < scheduling::kGridPhases; ++p) {
                if (users[c][p] > 0) {
                    step = std::min(step, room[c][p] / users[c][p]);
                }
            }
        }
        step = std::max(step, 0.0);
        for (std::size_t s = 0; s < shares.size(); ++s) {
            if (!frozen[s]) {
                shares[s]->amps += step;
                take(room, *shares[s]->path, shares[s]->phases, step);
            }
        }
        for (std::size_t s = 0; s < shares.size(); ++s) {
            if (!frozen[s] && (shares[s]->amps >= shares[s]->cap_a - kEpsilon ||
                               room_on(room, *shares[s]->path, shares[s]->phases) <= kEpsilon)) {
                frozen[s] = true;
            }
        }
    }
}

}  // namespace

std::vector<double> EqualSharePolicy::plan(const ServerView& view) {
    const auto room = charging_room(site_, view);
    std::vector<Share> shares;
    for (std::size_t i = 0; i < view.connectors.size(); ++i) {
        if (wants_energy(view.connectors[i])) {
            shares.push_back(
                {i, &paths_[i], phases_of(view, i), site_.chargers[i].connector.max_current_a, 0});
        }
    }
    const std::size_t count = site_.chargers.size();
    const auto rotation =
        static_cast<std::size_t>(view.now / kRotationPeriod) % std::max<std::size_t>(count, 1);
    // Last in the rotation is paused first.
    const auto rank = [&](std::size_t connector) { return (connector + count - rotation) % count; };

    std::vector<Share*> running;
    for (auto& share : shares) {
        running.push_back(&share);
    }
    while (true) {
        fill(running, room);
        Share* pause = nullptr;
        for (auto* share : running) {
            const double minimum = site_.chargers[share->connector].connector.min_current_a;
            if (share->amps < minimum - kEpsilon &&
                (!pause || rank(share->connector) > rank(pause->connector))) {
                pause = share;
            }
        }
        if (!pause) {
            break;
        }
        pause->amps = 0;
        running.erase(std::find(running.begin(), running.end(), pause));
    }

    std::vector<double> limits(count, 0.0);
    for (const auto* share : running) {
        limits[share->connector] = share->amps;
    }
    return limits;
}

}  // namespace parkgrid::simulator
