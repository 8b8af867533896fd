#pragma once

#include <string_view>

#include "parkgrid/storage/records.hpp"

namespace parkgrid::storage {

// RegistrationStatus as stored in chargers.registration_status (the OCPP wire strings).
std::string_view to_text(RegistrationStatus status);
// Throws std::invalid_argument for text that is not a registration status.
RegistrationStatus registration_status_from_text(std::string_view text);

}  // namespace parkgrid::storage
