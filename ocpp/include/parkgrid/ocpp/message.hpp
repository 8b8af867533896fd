#pragma once

// What every OCPP message header needs: the codec, Boost.Describe and the conventions below.
//
// A request type T declares
//   static constexpr std::string_view action;   // the OCPP action name, e.g. "BootNotification"
//   static constexpr Initiator initiator;       // who may send it
//   using Response = ...;                       // its confirmation (".conf") type
// and is described with BOOST_DESCRIBE_STRUCT like every payload struct.

#include <array>
#include <boost/describe/class.hpp>
#include <concepts>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "parkgrid/ocpp/codec.hpp"

namespace parkgrid::ocpp {

enum class Initiator {
    ChargePoint,
    CentralSystem,
    Either,  // DataTransfer
};

template <typename T>
concept Request = DescribedStruct<T> && requires {
    { T::action } -> std::convertible_to<std::string_view>;
    { T::initiator } -> std::convertible_to<Initiator>;
    typename T::Response;
};

}  // namespace parkgrid::ocpp

// Declares the wire names of an enumeration inside namespace parkgrid::ocpp:
//   PARKGRID_OCPP_ENUM(Phase, {L1, "L1"}, {L1N, "L1-N"});
#define PARKGRID_OCPP_ENUM(Type, ...)                                                                    \
    template <>                                                                                          \
    struct EnumNames<Type> {                                                                             \
        using enum Type;                                                                                 \
        static constexpr auto entries = std::to_array<std::pair<Type, std::string_view>>({__VA_ARGS__}); \
    }
