#pragma once

#include <cmath>
#include <compare>

namespace parkgrid::ocpp {

// A JSON number with `multipleOf: 0.1` (charging limits, minimum charging rate).
// 7.3 has no exact binary representation, so "multiple of 0.1" is checked with a tolerance; strict
// validators that divide and test for an integer reject valid limits (ocpp-rpc #50, mobilityhouse/ocpp #43).
struct DecimalOnePlace {
    double value = 0.0;

    static bool is_multiple_of_tenth(double candidate) {
        const double tenths = candidate * 10.0;
        return std::abs(tenths - std::round(tenths)) < 1e-6;
    }
    // The closest one-decimal value; used before sending so every limit we emit is valid.
    static DecimalOnePlace rounded(double candidate) { return {std::round(candidate * 10.0) / 10.0}; }

    friend bool operator==(const DecimalOnePlace&, const DecimalOnePlace&) = default;
    friend auto operator<=>(const DecimalOnePlace&, const DecimalOnePlace&) = default;
};

}  // namespace parkgrid::ocpp
