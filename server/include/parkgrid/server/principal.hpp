#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::server {

// What a caller may do. admin: everything. fleet_admin: operates (reads and changes) what belongs to the
// institutions it is assigned to. energy_office: reads statistics and records of the institutions in its
// scope, changes nothing.
enum class Role { Admin, FleetAdmin, EnergyOffice };

std::string_view to_string(Role role);
std::optional<Role> role_from_string(std::string_view text);

// The authenticated caller of an API request: a user session or an API token.
struct Principal {
    std::string subject;  // "user:<name>" or "token:<name>", for audit
    Role role = Role::EnergyOffice;
    std::vector<std::int64_t> institution_ids;  // scope; not consulted for admins

    bool is_admin() const { return role == Role::Admin; }
    bool may_change() const { return role != Role::EnergyOffice; }
    bool sees_institution(std::int64_t institution_id) const {
        return is_admin() || std::find(institution_ids.begin(), institution_ids.end(), institution_id) !=
                                 institution_ids.end();
    }
    // Objects that belong to no institution (an unassigned charger, a global id tag) are the admin's.
    bool sees(std::optional<std::int64_t> institution_id) const {
        return institution_id ? sees_institution(*institution_id) : is_admin();
    }
    // nullopt for admins (no restriction); otherwise the institutions a query must be limited to.
    std::optional<std::vector<std::int64_t>> scope() const {
        return is_admin() ? std::nullopt : std::optional(institution_ids);
    }
};

}  // namespace parkgrid::server
