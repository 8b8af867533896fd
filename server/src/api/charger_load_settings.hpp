#pragma once

// The electrical settings of a charger in PATCH /api/v1/chargers/{id}: its circuit, rated and minimum
// current, phases and phase wiring (load management).

#include <cstdint>
#include <optional>
#include <string>

#include "body_reader.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::api {

// What a PATCH changes (body fields circuitId, maxCurrentA, minCurrentA, phases, phaseWiring); each only when
// sent. null clears circuitId and maxCurrentA (the charger is then not
// managed) and restores the default minCurrentA.
struct ChargerLoadChange {
    bool change_circuit = false;
    std::optional<std::int64_t> circuit_id;
    bool change_max_current = false;
    std::optional<double> max_current_a;
    bool change_min_current = false;
    std::optional<double> min_current_a;
    std::optional<std::int32_t> phases;
    std::optional<std::string> phase_wiring;

    bool any() const {
        return change_circuit || change_max_current || change_min_current || phases || phase_wiring;
    }
};

// 422 naming the field for a malformed value or one out of range.
ChargerLoadChange read_charger_load_change(const BodyReader& fields);

// `settings` (of a charger already at its new site, if the PATCH moved it) with `change` applied, checked as
// a whole: the wiring matches the phases, the minimum current is not above the maximum, and the circuit is
// one of the charger's site that the charger fits on (a three-phase charger needs a three-phase circuit, and
// a single-phase circuit has only L1). 422 naming the field sent that breaks a rule.
storage::ChargerLoadSettings apply_charger_load_change(storage::Repositories& repositories,
                                                       storage::ChargerLoadSettings settings,
                                                       const ChargerLoadChange& change);

}  // namespace parkgrid::server::api
