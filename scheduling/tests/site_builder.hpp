#pragma once

// Builds SiteStates for the scheduler tests: a grid connection, optional sub-boards, connectors.

#include <optional>
#include <string>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::scheduling::testing {

inline constexpr Seconds kHour = 3600;
// A Monday, 10:00 UTC; tests that care about prices set their own.
inline constexpr Seconds kStart = 1'795'000'000 - 1'795'000'000 % kHour;

class SiteBuilder {
public:
    explicit SiteBuilder(double root_limit_a, double margin_a = 0, int phases = 3) {
        site_.now = kStart;
        site_.circuits.push_back(Circuit{1, std::nullopt, root_limit_a, std::nullopt, phases, 230, margin_a});
        site_.building_load.push_back(PhaseCurrents{});
    }

    std::size_t board(std::size_t parent, double limit_a, double margin_a = 0) {
        site_.circuits.push_back(Circuit{static_cast<std::int64_t>(site_.circuits.size() + 1), parent,
                                         limit_a, std::nullopt, 3, 230, margin_a});
        site_.building_load.push_back(PhaseCurrents{});
        return site_.circuits.size() - 1;
    }

    // A charger with one connector; 1-phase ones sit on `grid_phase`.
    std::size_t charger(std::size_t circuit, int phases, double max_a, int grid_phase = 0) {
        Connector connector;
        connector.charger_id = "CP" + std::to_string(site_.connectors.size() + 1);
        connector.circuit = circuit;
        connector.phases = phases;
        connector.max_current_a = max_a;
        if (phases == 1) {
            connector.wiring = {grid_phase, (grid_phase + 1) % 3, (grid_phase + 2) % 3};
        }
        site_.connectors.push_back(connector);
        return site_.connectors.size() - 1;
    }

    // A session that started a minute ago with no limit sent yet.
    Session& session(std::size_t connector, double need_kwh, Seconds leaves_in, int priority = 5) {
        auto& c = site_.connectors[connector];
        c.session = Session{need_kwh, site_.now + leaves_in, priority, site_.now - 60, 0, std::nullopt};
        c.current_limit_a = c.max_current_a;
        c.current_limit_since = site_.now - 60;
        return *c.session;
    }

    SiteBuilder& building(std::size_t circuit, std::optional<PhaseCurrents> load) {
        site_.building_load[circuit] = load;
        return *this;
    }

    SiteState& site() { return site_; }
    Connector& connector(std::size_t i) { return site_.connectors[i]; }

private:
    SiteState site_;
};

}  // namespace parkgrid::scheduling::testing
