#include "charger_load_settings.hpp"

#include "load_access.hpp"
#include "load_fields.hpp"
#include "organisation_access.hpp"
#include "phase_wiring.hpp"

namespace parkgrid::server::api {
namespace {

// Chargers in car parks are 7 kW single-phase to 22 kW three-phase (32 A), some up to 63 A; IEC 61851
// signals at most 80 A.
constexpr double kMinRatedCurrentA = 6;
constexpr double kMaxRatedCurrentA = 80;
constexpr double kMaxMinimumCurrentA = 32;
constexpr double kDefaultMinCurrentA = 6;  // below 6 A most vehicles stop charging (IEC 61851)

}  // namespace

ChargerLoadChange read_charger_load_change(const BodyReader& fields) {
    refuse_null(fields, "phases");
    refuse_null(fields, "phaseWiring");
    ChargerLoadChange change;
    change.change_circuit = fields.has("circuitId");
    change.circuit_id = optional_id(fields, "circuitId");
    change.change_max_current = fields.has("maxCurrentA");
    change.max_current_a = fields.optional_number("maxCurrentA", kMinRatedCurrentA, kMaxRatedCurrentA);
    change.change_min_current = fields.has("minCurrentA");
    change.min_current_a = fields.optional_number("minCurrentA", 1, kMaxMinimumCurrentA);
    change.phases = optional_phases(fields);
    change.phase_wiring = fields.optional_string("phaseWiring", 6);
    return change;
}

storage::ChargerLoadSettings apply_charger_load_change(storage::Repositories& repositories,
                                                       storage::ChargerLoadSettings settings,
                                                       const ChargerLoadChange& change) {
    if (change.change_circuit) {
        settings.circuit_id = change.circuit_id;
    }
    if (change.change_max_current) {
        settings.max_current_a = change.max_current_a;
    }
    if (change.change_min_current) {
        settings.min_current_a = change.min_current_a.value_or(kDefaultMinCurrentA);
    }
    if (change.phases && *change.phases != settings.phases) {
        settings.phases = *change.phases;
        settings.phase_wiring = default_phase_wiring(settings.phases);
    }
    if (change.phase_wiring) {
        settings.phase_wiring = *change.phase_wiring;
    }

    if (!is_phase_wiring(settings.phases, settings.phase_wiring)) {
        throw ApiError::invalid_field(
            "phaseWiring", settings.phases == 1
                               ? "a single-phase charger is on L1, L2 or L3"
                               : "a three-phase charger's wiring is a permutation of L1L2L3, e.g. L2L3L1");
    }
    if (settings.max_current_a && settings.min_current_a > *settings.max_current_a) {
        throw ApiError::invalid_field(change.change_min_current ? "minCurrentA" : "maxCurrentA",
                                      "minCurrentA must not exceed maxCurrentA");
    }
    if (!settings.circuit_id) {
        return settings;
    }
    // Only a circuit sent now can be wrong: a stored one was checked when it was set, and a move to another
    // site has cleared it.
    if (!settings.site_id) {
        throw ApiError::invalid_field("circuitId", "the charger is at no site; assign it to a site first");
    }
    const auto circuit =
        require_circuit_for_reference(repositories, *settings.site_id, *settings.circuit_id, "circuitId");
    if (circuit.phases == 1 && settings.phases == 3) {
        throw ApiError::invalid_field(
            change.phases ? "phases" : "circuitId",
            "a three-phase charger cannot be on single-phase circuit " + std::to_string(circuit.id));
    }
    if (circuit.phases == 1 && settings.phase_wiring != "L1") {
        throw ApiError::invalid_field(change.phase_wiring ? "phaseWiring" : "circuitId",
                                      "single-phase circuit " + std::to_string(circuit.id) + " has only L1");
    }
    return settings;
}

}  // namespace parkgrid::server::api
