#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace parkgrid::server::api {

// How a charger's phases are connected to the grid's, as stored (migration 0007): for a single-phase
// charger the grid phase it is on ("L1", "L2", "L3"); for a three-phase charger the grid phase of each of its
// phases in order, a permutation of L1L2L3 such as "L2L3L1".
bool is_phase_wiring(std::int32_t phases, std::string_view wiring);

// The wiring assumed when none is given: straight through, or L1 for a single-phase charger.
std::string default_phase_wiring(std::int32_t phases);

}  // namespace parkgrid::server::api
