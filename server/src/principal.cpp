#include "parkgrid/server/principal.hpp"

namespace parkgrid::server {

std::string_view to_string(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::FleetAdmin: return "fleet_admin";
        case Role::EnergyOffice: return "energy_office";
    }
    return "energy_office";
}

std::optional<Role> role_from_string(std::string_view text) {
    for (const auto role : {Role::Admin, Role::FleetAdmin, Role::EnergyOffice}) {
        if (to_string(role) == text) {
            return role;
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::server
