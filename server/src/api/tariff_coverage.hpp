#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/load_management_records.hpp"

namespace parkgrid::server::api {

// Why `periods` do not make a daily time-of-use tariff: two of them overlap, part of the day lies in none, or
// one kind has two prices.
// nullopt when every minute of the day lies in exactly one period, or when there are none (no tariff). Times
// must already be valid HH:MM; a period ends before its end time, wraps past midnight when the end is not
// after the start, and covers the whole day when the two are equal.
std::optional<std::string> tariff_coverage_problem(const std::vector<storage::TariffPeriod>& periods);

}  // namespace parkgrid::server::api
