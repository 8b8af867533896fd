#include "phase_wiring.hpp"

#include <algorithm>
#include <array>

namespace parkgrid::server::api {

bool is_phase_wiring(std::int32_t phases, std::string_view wiring) {
    if (phases == 1) {
        return wiring == "L1" || wiring == "L2" || wiring == "L3";
    }
    if (phases != 3 || wiring.size() != 6) {
        return false;
    }
    std::array<std::string_view, 3> grid_phases{wiring.substr(0, 2), wiring.substr(2, 2),
                                                wiring.substr(4, 2)};
    std::sort(grid_phases.begin(), grid_phases.end());
    return grid_phases == std::array<std::string_view, 3>{"L1", "L2", "L3"};
}

std::string default_phase_wiring(std::int32_t phases) {
    return phases == 1 ? "L1" : "L1L2L3";
}

}  // namespace parkgrid::server::api
