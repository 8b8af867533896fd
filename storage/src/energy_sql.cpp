#include "energy_sql.hpp"

namespace parkgrid::storage {

std::string tou_sums_of_parts() {
    std::string sql;
    for (const auto kind : kTouKinds) {
        const std::string name(kind);
        sql += ", sum(CASE tou_kind WHEN '" + name + "' THEN wh END) AS wh_" + name;
    }
    return sql;
}

std::string tou_columns_of_months() {
    std::string sql;
    for (const auto kind : kTouKinds) {
        const std::string name(kind);
        // NULL like a sum over no parts of the kind.
        sql += ", nullif(wh_" + name + ", 0) AS wh_" + name;
    }
    return sql;
}

std::string tou_sums_of_sums() {
    std::string sql;
    for (const auto kind : kTouKinds) {
        const std::string name(kind);
        sql += ", sum(wh_" + name + ") AS wh_" + name;
    }
    return sql;
}

std::map<std::string, std::int64_t> read_wh_by_tou(const sqlite::Statement& row, int first) {
    std::map<std::string, std::int64_t> wh_by_tou;
    int index = first;
    for (const auto kind : kTouKinds) {
        if (!row.is_null(index)) {
            wh_by_tou.emplace(kind, row.column<std::int64_t>(index));
        }
        ++index;
    }
    return wh_by_tou;
}

}  // namespace parkgrid::storage
