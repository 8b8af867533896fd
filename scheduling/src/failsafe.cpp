#include <algorithm>
#include <cmath>

#include "capacity_grid.hpp"
#include "parkgrid/scheduling/scheduler.hpp"
#include "site_geometry.hpp"

namespace parkgrid::scheduling {
namespace {

// A charger keeps its failsafe profile for as long as it is cut off from ParkGrid, so the building is
// assumed at its worst expected load of the coming week.
constexpr Seconds kFailsafeLookahead = 7 * 24 * 3600;
constexpr Seconds kForecastStep = 3600;

std::vector<std::optional<PhaseCurrents>> worst_building_load(const SiteState& site) {
    std::vector<std::optional<PhaseCurrents>> worst(site.circuits.size());
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        worst[c] = c < site.building_load.size() ? site.building_load[c] : std::nullopt;
        if (!site.building_load_forecast) {
            continue;
        }
        for (Seconds at = site.now; at < site.now + kFailsafeLookahead; at += kForecastStep) {
            const auto expected = site.building_load_forecast(c, at);
            if (!expected) {
                continue;
            }
            if (!worst[c]) {
                worst[c] = expected;
                continue;
            }
            for (std::size_t phase = 0; phase < kGridPhases; ++phase) {
                (*worst[c])[phase] = std::max((*worst[c])[phase], (*expected)[phase]);
            }
        }
    }
    return worst;
}

}  // namespace

std::vector<double> failsafe_limits(const SiteState& site) {
    const auto geometry = describe_connectors(site);
    CapacityGrid grid(site, {worst_building_load(site)});

    // Uncontrolled chargers draw their rating whatever happens; everybody else shares what is left.
    // Connectors sharing a circuit phase, counted per circuit and phase.
    std::vector<PhaseCurrents> sharing(site.circuits.size(), PhaseCurrents{});
    std::vector<double> sharing_kw(site.circuits.size(), 0.0);
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        const auto& where = geometry[i];
        if (connector.mode == ConnectorMode::Uncontrolled) {
            grid.reserve(0, where, where.all_phases, where.kw_per_a_all, connector.max_current_a);
            continue;
        }
        for (const auto circuit : where.path) {
            for (const int phase : where.all_phases) {
                if (phase >= 0 && phase < static_cast<int>(kGridPhases)) {
                    sharing[circuit][static_cast<std::size_t>(phase)] += 1;
                }
            }
            sharing_kw[circuit] += where.kw_per_a_all;
        }
    }

    std::vector<double> limits(site.connectors.size(), 0.0);
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        const auto& where = geometry[i];
        if (connector.mode == ConnectorMode::Uncontrolled || where.wired_to_missing_phase) {
            continue;
        }
        double share = connector.max_current_a;
        for (const auto circuit : where.path) {
            for (const int phase : where.all_phases) {
                const auto p = static_cast<std::size_t>(phase);
                share =
                    std::min(share, std::max(0.0, grid.phase_room(0, circuit, phase)) / sharing[circuit][p]);
            }
            // Power: every sharing connector at the same current.
            share = std::min(share, std::max(0.0, grid.kw_room(0, circuit)) / sharing_kw[circuit]);
        }
        share = std::floor(share * 10.0 + 1e-6) / 10.0;
        limits[i] = share >= connector.min_current_a ? share : 0.0;
    }
    return limits;
}

}  // namespace parkgrid::scheduling
