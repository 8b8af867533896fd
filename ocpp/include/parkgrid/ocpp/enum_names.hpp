#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>

namespace parkgrid::ocpp {

// Wire names of an OCPP enumeration. Specialise with
//   static constexpr std::array<std::pair<E, std::string_view>, N> entries{{...}};
// An explicit table (rather than enumerator names) because OCPP values such as
// "Energy.Active.Import.Register" or "L1-N" are not C++ identifiers.
template <typename E>
struct EnumNames;

template <typename E>
concept OcppEnum = std::is_enum_v<E> && requires {
    EnumNames<E>::entries;
};

template <OcppEnum E>
constexpr std::string_view to_string(E value) {
    for (const auto& [enumerator, name] : EnumNames<E>::entries) {
        if (enumerator == value) {
            return name;
        }
    }
    return {};
}

template <OcppEnum E>
constexpr std::optional<E> enum_from_string(std::string_view text) {
    for (const auto& [enumerator, name] : EnumNames<E>::entries) {
        if (name == text) {
            return enumerator;
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::ocpp
