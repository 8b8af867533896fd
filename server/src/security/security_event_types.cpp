#include "security_event_types.hpp"

#include <algorithm>
#include <array>

namespace parkgrid::server::security {
namespace {

// OCPP's CiString is case-insensitive.
bool equal_ignoring_case(std::string_view a, std::string_view b) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return a.size() == b.size() &&
           std::equal(a.begin(), a.end(), b.begin(), [&](char x, char y) { return lower(x) == lower(y); });
}

}  // namespace

bool is_critical_security_event(std::string_view type) {
    static constexpr std::array<std::string_view, 7> kCritical = {
        "FirmwareUpdated",       "SettingSystemTime", "StartupOfTheDevice",      "ResetOrReboot",
        "SecurityLogWasCleared", "MemoryExhaustion",  "TamperDetectionActivated"};
    return std::any_of(kCritical.begin(), kCritical.end(),
                       [&](std::string_view critical) { return equal_ignoring_case(critical, type); });
}

}  // namespace parkgrid::server::security
