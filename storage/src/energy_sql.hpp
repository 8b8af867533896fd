#pragma once

// SQL fragments and row readers shared by the energy statistics repository's files.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite/statement.hpp"

namespace parkgrid::storage {

// The time-of-use kinds of energy_parts, in the order a day's parts are listed.
inline constexpr std::array<std::string_view, 5> kTouKinds = {"sharp_peak", "peak", "flat", "valley",
                                                              "unclassified"};

// ", sum(CASE tou_kind WHEN 'sharp_peak' THEN wh END) AS wh_sharp_peak, ..." over energy_parts columns, one
// per kind in kTouKinds order. A kind without parts sums to NULL, which tells it from a kind with 0 Wh.
std::string tou_sums_of_parts();
// ", sum(wh_sharp_peak) AS wh_sharp_peak, ..." over the columns tou_sums_of_parts() names.
// ", nullif(wh_<kind>, 0) AS wh_<kind>" for each kind, over the monthly sums.
std::string tou_columns_of_months();
std::string tou_sums_of_sums();
// The kinds of the columns from `first` on (as tou_sums_*() name them) that are not NULL.
std::map<std::string, std::int64_t> read_wh_by_tou(const sqlite::Statement& row, int first);

// Every row of `statement` read with `read`.
template <typename Read>
auto read_all(sqlite::Statement& statement, Read read) {
    std::vector<decltype(read(statement))> rows;
    while (statement.step()) {
        rows.push_back(read(statement));
    }
    return rows;
}

}  // namespace parkgrid::storage
