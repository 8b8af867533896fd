#include <map>

#include "body_fields.hpp"
#include "body_reader.hpp"
#include "load_access.hpp"
#include "load_fields.hpp"
#include "load_management_routes.hpp"
#include "load_views.hpp"
#include "organisation_access.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::CircuitRecord;
using storage::Repositories;

const std::initializer_list<std::string_view> kFields = {"name",   "parentId", "limitA",  "limitKw",
                                                         "phases", "voltageV", "marginA", "hasBuildingLoad"};
constexpr std::size_t kMaxNameLength = 200;
constexpr double kMaxLimitA = 10000;
constexpr double kMaxLimitKw = 100000;
constexpr double kMinVoltageV = 100;  // phase-to-neutral: 220/230/240 V grids, with room for odd boards
constexpr double kMaxVoltageV = 400;

std::string what(std::int64_t id) {
    return "circuit " + std::to_string(id);
}

// The fields of a POST or PATCH; each only when sent (PATCH), null meaning "clear" where that is allowed.
struct CircuitFields {
    std::optional<std::string> name;
    bool change_parent = false;
    std::optional<std::int64_t> parent_id;
    std::optional<double> limit_a;
    bool change_limit_kw = false;
    std::optional<double> limit_kw;
    std::optional<std::int32_t> phases;
    std::optional<double> voltage_v;
    std::optional<double> margin_a;
    std::optional<bool> has_building_load;
};

CircuitFields read_fields(const nlohmann::json& body) {
    const BodyReader fields(body, kFields);
    CircuitFields out;
    out.name = fields.optional_string("name", kMaxNameLength);
    out.change_parent = fields.has("parentId");
    out.parent_id = optional_id(fields, "parentId");
    out.limit_a = optional_positive_number(fields, "limitA", kMaxLimitA);
    out.change_limit_kw = fields.has("limitKw");
    out.limit_kw = optional_positive_number(fields, "limitKw", kMaxLimitKw);
    out.phases = optional_phases(fields);
    out.voltage_v = fields.optional_number("voltageV", kMinVoltageV, kMaxVoltageV);
    out.margin_a = fields.optional_number("marginA", 0, kMaxLimitA);
    out.has_building_load = optional_bool(body, "hasBuildingLoad");
    return out;
}

void apply(const CircuitFields& fields, CircuitRecord& circuit) {
    circuit.name = fields.name.value_or(circuit.name);
    if (fields.change_parent) {
        circuit.parent_id = fields.parent_id;
    }
    circuit.limit_a = fields.limit_a.value_or(circuit.limit_a);
    if (fields.change_limit_kw) {
        circuit.limit_kw = fields.limit_kw;
    }
    circuit.phases = fields.phases.value_or(circuit.phases);
    circuit.voltage_v = fields.voltage_v.value_or(circuit.voltage_v);
    circuit.margin_a = fields.margin_a.value_or(circuit.margin_a);
    circuit.has_building_load = fields.has_building_load.value_or(circuit.has_building_load);
}

// The margin is kept free out of the limit: a margin that leaves nothing is a typo, not a setting.
void check_margin(const CircuitRecord& circuit, const CircuitFields& fields) {
    if (circuit.margin_a >= circuit.limit_a) {
        throw ApiError::invalid_field(fields.margin_a || !fields.limit_a ? "marginA" : "limitA",
                                      "marginA must stay below limitA");
    }
}

// Where `circuit` sits in its site's tree (`circuits`, which may hold the circuit itself as stored): the
// first circuit of a site is its grid connection, every later one hangs below it, the parent chain never
// loops, and a circuit has no more phases than its parent.
void check_place_in_tree(const CircuitRecord& circuit, const std::vector<CircuitRecord>& circuits,
                         const CircuitFields& fields) {
    std::map<std::int64_t, const CircuitRecord*> by_id;
    for (const auto& other : circuits) {
        by_id[other.id] = &other;
    }
    const auto root = grid_connection(circuits);
    if (!circuit.parent_id) {
        if (root && root->id != circuit.id) {
            throw ApiError(409, "conflict",
                           "site " + std::to_string(circuit.site_id) + " has a grid connection already (" +
                               what(root->id) + " '" + root->name + "'); give parentId",
                           "parentId");
        }
        return;
    }
    const auto parent = by_id.find(*circuit.parent_id);
    if (parent == by_id.end()) {
        throw ApiError::invalid_field(
            "parentId", circuits.empty()
                            ? "the first circuit of a site is its grid connection and has no parent"
                            : "no circuit " + std::to_string(*circuit.parent_id) + " at site " +
                                  std::to_string(circuit.site_id));
    }
    // Walk up from the new parent: meeting the circuit itself means it would hang below its own subtree. The
    // step count only guards against a loop stored by other means.
    std::size_t steps = 0;
    for (auto ancestor = parent->second; ancestor && steps <= circuits.size(); ++steps) {
        if (ancestor->id == circuit.id) {
            throw ApiError::invalid_field("parentId",
                                          what(*circuit.parent_id) + " is " + what(circuit.id) +
                                              " itself or lies below it; the tree would form a loop");
        }
        const auto next = ancestor->parent_id ? by_id.find(*ancestor->parent_id) : by_id.end();
        ancestor = next == by_id.end() ? nullptr : next->second;
    }
    // A new circuit's phases default to 3, so they are what to fix; a circuit moved below a parent with fewer
    // phases is refused for the move.
    const bool moved_without_phases = circuit.id != 0 && fields.change_parent && !fields.phases;
    if (circuit.phases > parent->second->phases) {
        throw ApiError::invalid_field(moved_without_phases ? "parentId" : "phases",
                                      "a circuit cannot have more phases than its parent " +
                                          what(parent->second->id) + " (" +
                                          std::to_string(parent->second->phases) + ")");
    }
}

void check_name_free(const CircuitRecord& circuit, const std::vector<CircuitRecord>& circuits) {
    for (const auto& other : circuits) {
        if (other.id != circuit.id && other.name == circuit.name) {
            throw ApiError(409, "conflict",
                           "site " + std::to_string(circuit.site_id) + " has a circuit named '" +
                               circuit.name + "' already",
                           "name");
        }
    }
}

// What hangs below a circuit whose phases change must still fit: sub-circuits and chargers with more phases
// than it, and single-phase chargers on a grid phase it does not have.
void check_below(Repositories& repositories, const CircuitRecord& circuit,
                 const std::vector<CircuitRecord>& circuits) {
    for (const auto& child : circuits) {
        if (child.parent_id == circuit.id && child.phases > circuit.phases) {
            throw ApiError::invalid_field(
                "phases", what(child.id) + " below it has " + std::to_string(child.phases) + " phases");
        }
    }
    if (circuit.phases == 3) {
        return;
    }
    for (const auto& charger : repositories.load_management().chargers_of_site(circuit.site_id)) {
        if (charger.circuit_id == circuit.id && (charger.phases != 1 || charger.phase_wiring != "L1")) {
            throw ApiError::invalid_field("phases", "charger '" + charger.charger_id + "' on it is wired " +
                                                        charger.phase_wiring +
                                                        "; a single-phase circuit has only L1");
        }
    }
}

}  // namespace

void add_circuit_routes(Router& router, storage::Database& database, EventBus& events) {
    router.add(
        "POST", "/api/v1/sites/{id}/circuits",
        [&database, &events](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto site_id = id_param(request, 0, "site");
            const auto body = request.json_body();
            const auto fields = read_fields(body);
            if (!fields.name) {
                throw ApiError::invalid_field("name", "is required");
            }
            if (!fields.limit_a) {
                throw ApiError::invalid_field("limitA", "is required");
            }
            CircuitRecord circuit;
            circuit.site_id = site_id;
            apply(fields, circuit);
            check_margin(circuit, fields);
            circuit.created_at = circuit.updated_at = now();
            write_then_reply(
                database,
                [circuit, fields, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, circuit.site_id);
                    const auto circuits = repositories.load_management().circuits_of_site(circuit.site_id);
                    check_place_in_tree(circuit, circuits, fields);
                    check_name_free(circuit, circuits);
                    const auto id = repositories.load_management().insert_circuit(circuit);
                    if (!id) {
                        throw ApiError::conflict("site " + std::to_string(circuit.site_id) +
                                                 " has a circuit of that name or a grid connection already");
                    }
                    return *repositories.load_management().find_circuit(*id);
                },
                [&events](const CircuitRecord& created) {
                    publish_load_config_changed(events, created.site_id);
                    return json_response(201, circuit_json(created));
                },
                reply);
        });

    router.add(
        "GET", "/api/v1/sites/{id}/circuits", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto site_id = id_param(request, 0, "site");
            read_then_reply(
                database,
                [site_id, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, site_id);
                    return repositories.load_management().circuits_of_site(site_id);
                },
                [](const std::vector<CircuitRecord>& circuits) {
                    return json_response(
                        200, {{"items", array_of(circuits, circuit_json)}, {"total", circuits.size()}});
                },
                reply);
        });

    router.add("GET", "/api/v1/sites/{id}/circuits/{circuitId}",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto site_id = id_param(request, 0, "site");
                   const auto circuit_id = id_param(request, 1, "circuit");
                   read_then_reply(
                       database,
                       [site_id, circuit_id, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, site_id);
                           return require_circuit_of_site(repositories, site_id, circuit_id);
                       },
                       [](const CircuitRecord& circuit) { return json_response(200, circuit_json(circuit)); },
                       reply);
               });

    router.add(
        "PATCH", "/api/v1/sites/{id}/circuits/{circuitId}",
        [&database, &events](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto site_id = id_param(request, 0, "site");
            const auto circuit_id = id_param(request, 1, "circuit");
            const auto body = request.json_body();
            const BodyReader reader(body, kFields);
            for (const auto* name : {"name", "limitA", "phases", "voltageV", "marginA", "hasBuildingLoad"}) {
                refuse_null(reader, name);
            }
            const auto fields = read_fields(body);
            write_then_reply(
                database,
                [site_id, circuit_id, fields, principal = request.principal()](Repositories& repositories) {
                    require_visible_site(repositories, principal, site_id);
                    auto circuit = require_circuit_of_site(repositories, site_id, circuit_id);
                    const auto phases_before = circuit.phases;
                    apply(fields, circuit);
                    check_margin(circuit, fields);
                    const auto circuits = repositories.load_management().circuits_of_site(site_id);
                    check_place_in_tree(circuit, circuits, fields);
                    check_name_free(circuit, circuits);
                    if (circuit.phases < phases_before) {
                        check_below(repositories, circuit, circuits);
                    }
                    circuit.updated_at = now();
                    if (!repositories.load_management().update_circuit(circuit)) {
                        throw ApiError::conflict(what(circuit_id) + " could not be changed");
                    }
                    return circuit;
                },
                [&events](const CircuitRecord& circuit) {
                    publish_load_config_changed(events, circuit.site_id);
                    return json_response(200, circuit_json(circuit));
                },
                reply);
        });

    router.add("DELETE", "/api/v1/sites/{id}/circuits/{circuitId}",
               [&database, &events](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto site_id = id_param(request, 0, "site");
                   const auto circuit_id = id_param(request, 1, "circuit");
                   write_then_reply(
                       database,
                       [site_id, circuit_id, principal = request.principal()](Repositories& repositories) {
                           require_visible_site(repositories, principal, site_id);
                           require_circuit_of_site(repositories, site_id, circuit_id);
                           storage::Dependents blocking;
                           if (!repositories.load_management().remove_circuit(circuit_id, blocking)) {
                               refuse_removal(what(circuit_id), {blocking});
                           }
                           return site_id;
                       },
                       [&events](std::int64_t changed_site) {
                           publish_load_config_changed(events, changed_site);
                           return no_content();
                       },
                       reply);
               });
}

}  // namespace parkgrid::server::api
