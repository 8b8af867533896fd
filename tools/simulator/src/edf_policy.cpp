#include "edf_policy.hpp"

#include <algorithm>
#include <numeric>

namespace parkgrid::simulator {

std::vector<double> EdfPolicy::plan(const ServerView& view) {
    auto room = charging_room(site_, view);
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < view.connectors.size(); ++i) {
        if (wants_energy(view.connectors[i])) {
            order.push_back(i);
        }
    }
    std::stable_sort(order.begin(), order.end(), [&view](std::size_t a, std::size_t b) {
        return view.connectors[a].departure < view.connectors[b].departure;
    });
    std::vector<double> limits(view.connectors.size(), 0.0);
    for (const auto i : order) {
        const auto& connector = site_.chargers[i].connector;
        const auto phases = phases_of(view, i);
        const double amps = std::min(connector.max_current_a, room_on(room, paths_[i], phases));
        if (amps >= connector.min_current_a) {
            limits[i] = amps;
            take(room, paths_[i], phases, amps);
        }
    }
    return limits;
}

}  // namespace parkgrid::simulator
