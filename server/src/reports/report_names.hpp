#pragma once

// The API names of the report groupings and periods (?groupBy=, ?period=), read by the API and written back
// in every report.

#include <optional>
#include <string_view>
#include <utility>

#include "parkgrid/storage/energy_records.hpp"

namespace parkgrid::server::reports {

inline constexpr std::pair<storage::ReportGroup, std::string_view> kGroupNames[] = {
    {storage::ReportGroup::Institution, "institution"},
    {storage::ReportGroup::Site, "site"},
    {storage::ReportGroup::Department, "department"},
    {storage::ReportGroup::Vehicle, "vehicle"},
    {storage::ReportGroup::Charger, "charger"}};

inline constexpr std::pair<storage::ReportPeriod, std::string_view> kPeriodNames[] = {
    {storage::ReportPeriod::Day, "day"},
    {storage::ReportPeriod::Month, "month"},
    {storage::ReportPeriod::Quarter, "quarter"},
    {storage::ReportPeriod::Year, "year"}};

template <typename Enum, std::size_t N>
std::string_view name_of(const std::pair<Enum, std::string_view> (&names)[N], Enum value) {
    for (const auto& [candidate, name] : names) {
        if (candidate == value) {
            return name;
        }
    }
    return names[0].second;
}

template <typename Enum, std::size_t N>
std::optional<Enum> parse_name(const std::pair<Enum, std::string_view> (&names)[N], std::string_view text) {
    for (const auto& [value, name] : names) {
        if (name == text) {
            return value;
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::reports
