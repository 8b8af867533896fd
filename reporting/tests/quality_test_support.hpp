#pragma once

// Shared by the data-quality tests: picking findings out of a check's result.

#include <algorithm>
#include <string_view>
#include <vector>

#include "parkgrid/reporting/quality.hpp"

namespace parkgrid::reporting::testing {

constexpr Millis kT0 = 1'700'000'000'000;  // 2023-11-14T22:13:20Z
constexpr Millis kSecond = 1000;
constexpr Millis kMinute = 60 * kSecond;
constexpr Millis kHour = 60 * kMinute;

inline std::size_t count_kind(const std::vector<Finding>& findings, std::string_view kind) {
    return static_cast<std::size_t>(
        std::count_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.kind == kind; }));
}

// The only finding of `kind`; nullptr when there is none (a test that expects one asserts on it).
inline const Finding* only_kind(const std::vector<Finding>& findings, std::string_view kind) {
    if (count_kind(findings, kind) != 1) {
        return nullptr;
    }
    return &*std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.kind == kind; });
}

inline std::vector<std::string> keys_of(const std::vector<Finding>& findings) {
    std::vector<std::string> keys;
    for (const auto& finding : findings) {
        keys.push_back(finding.key);
    }
    std::sort(keys.begin(), keys.end());
    return keys;
}

}  // namespace parkgrid::reporting::testing
