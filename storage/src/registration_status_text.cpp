#include "registration_status_text.hpp"

#include <stdexcept>
#include <string>

namespace parkgrid::storage {

std::string_view to_text(RegistrationStatus status) {
    switch (status) {
        case RegistrationStatus::Accepted: return "Accepted";
        case RegistrationStatus::Pending: return "Pending";
        case RegistrationStatus::Rejected: return "Rejected";
    }
    throw std::invalid_argument("invalid RegistrationStatus " + std::to_string(static_cast<int>(status)));
}

RegistrationStatus registration_status_from_text(std::string_view text) {
    for (const RegistrationStatus status :
         {RegistrationStatus::Accepted, RegistrationStatus::Pending, RegistrationStatus::Rejected}) {
        if (text == to_text(status)) {
            return status;
        }
    }
    throw std::invalid_argument("invalid registration status '" + std::string(text) + "'");
}

}  // namespace parkgrid::storage
