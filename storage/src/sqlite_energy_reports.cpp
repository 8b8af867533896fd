// Reports over the ledger: the grouped energy report, the monthly ledger lines, the fleet inventory and the
// vehicles' energy.

#include <map>
#include <optional>
#include <string>
#include <tuple>

#include "column_conversions.hpp"
#include "energy_sql.hpp"
#include "sqlite_energy_repository.hpp"
#include "where_clause.hpp"

namespace parkgrid::storage {
namespace {

// How one kind of report row is computed. Column names are those of energy_parts, which energy_sessions
// shares.
struct GroupSql {
    // The institution a row belongs to and is scoped by: the fleet's, or the site's.
    std::string_view institution_column;
    // The grouping columns after (institution_column, local_date), in the order of the covering index, so
    // that the daily grouping reads the index in order and needs no sort.
    std::string_view day_columns;
    std::string_view key_column;  // the group's id
    std::string_view names_join;  // names the groups of the aggregate g
    std::string_view name;        // the group's name, NULL when its object is gone
};

GroupSql group_sql(ReportGroup group) {
    switch (group) {
        case ReportGroup::Institution:
            return {"institution_id", "", "institution_id", "LEFT JOIN institutions n ON n.id = g.group_key",
                    "n.name"};
        case ReportGroup::Department:
            return {"institution_id", ", department_id", "department_id",
                    "LEFT JOIN departments n ON n.id = g.group_key", "n.name"};
        case ReportGroup::Vehicle:
            // Grouped by department too, to follow the index; a vehicle's parts are summed again below.
            return {"institution_id", ", department_id, vehicle_id", "vehicle_id",
                    "LEFT JOIN vehicles n ON n.id = g.group_key", "n.plate_number"};
        case ReportGroup::Site:
            return {"site_institution_id", ", site_id", "site_id", "LEFT JOIN sites n ON n.id = g.group_key",
                    "n.name"};
        case ReportGroup::Charger:
            return {"site_institution_id", ", site_id, charger_id", "charger_id",
                    "LEFT JOIN chargers n ON n.id = g.group_key", "coalesce(n.description, g.group_key)"};
    }
    return group_sql(ReportGroup::Institution);
}

// The period a local date (YYYY-MM-DD) falls in, as SQL over the date expression `date`.
std::string period_sql(ReportPeriod period, std::string_view date) {
    const std::string d(date);
    switch (period) {
        case ReportPeriod::Day: return d;
        case ReportPeriod::Month: return "substr(" + d + ", 1, 7)";
        case ReportPeriod::Quarter:
            return "substr(" + d + ", 1, 4) || '-Q' || ((CAST(substr(" + d + ", 6, 2) AS INTEGER) + 2) / 3)";
        case ReportPeriod::Year: return "substr(" + d + ", 1, 4)";
    }
    return d;
}

// Rows whose institution column `column` is in the query's scope and institution, and whose date column
// `date` is in its range. Built alike for every statement, so the parameters are numbered alike too.
WhereClause report_where(const EnergyReportQuery& query, const std::string& column, std::string_view date) {
    WhereClause where;
    where.add(std::string(date) + " >= ?", query.from_date);
    where.add(std::string(date) + " < ?", query.to_date);
    where.add_scope(column + " IN (SELECT value FROM ?)", query.scope);
    where.add_if(column + " = ?", query.institution_id);
    return where;
}

// A report of whole months (periods month, quarter or year between first days of months) reads the monthly
// sums the triggers keep; any other reads the parts.
bool whole_months(const EnergyReportQuery& query) {
    const auto first_of_month = [](const std::string& date) {
        return date.size() == 10 && date.ends_with("-01");
    };
    return query.period != ReportPeriod::Day && first_of_month(query.from_date) &&
           first_of_month(query.to_date);
}

// The rows a report groups: (institution column, local_date, the group's columns, then the sums), either the
// parts summed per day or the monthly sums (their month standing in for the date: the period expressions
// read only its year and month).
std::string report_source(const EnergyReportQuery& query, const GroupSql& group, const WhereClause& where) {
    const std::string institution(group.institution_column);
    if (whole_months(query)) {
        const bool by_fleet = institution == "institution_id";
        return std::string(
                   by_fleet ? "SELECT nullif(institution_id, 0) AS institution_id, month AS local_date, "
                              "nullif(department_id, 0) AS department_id, nullif(vehicle_id, 0) AS vehicle_id"
                            : "SELECT nullif(site_institution_id, 0) AS site_institution_id, month AS "
                              "local_date, nullif(site_id, 0) AS site_id, charger_id") +
               ", wh, sessions, seconds, cost_fen, service_fee_fen" + tou_columns_of_months() + " FROM " +
               (by_fleet ? "energy_monthly_by_fleet" : "energy_monthly_by_site") + where.sql() +
               (where.sql().empty() ? " WHERE " : " AND ") +
               // A month whose sessions were all accounted again elsewhere keeps a row of zeros.
               "(wh <> 0 OR sessions <> 0 OR seconds <> 0)";
    }
    const std::string days_by = institution + ", local_date" + std::string(group.day_columns);
    return "SELECT " + days_by +
           ", sum(wh) AS wh, sum(starts_session) AS sessions, sum(seconds) AS seconds, sum(cost_fen) AS "
           "cost_fen, sum(service_fee_fen) AS service_fee_fen" +
           tou_sums_of_parts() + " FROM energy_parts" + where.sql() + " GROUP BY " + days_by;
}

WhereClause report_source_where(const EnergyReportQuery& query, const GroupSql& group) {
    const std::string institution(group.institution_column);
    if (!whole_months(query)) {
        return report_where(query, institution, "local_date");
    }
    auto months = query;
    months.from_date = query.from_date.substr(0, 7);
    months.to_date = query.to_date.substr(0, 7);
    return report_where(months, institution, "month");
}

std::string energy_report_sql(const EnergyReportQuery& query, const GroupSql& group,
                              const WhereClause& where) {
    const std::string institution(group.institution_column);
    return "SELECT g.group_key, coalesce(" + std::string(group.name) +
           ", ''), g.row_institution, g.period, g.wh, g.sessions, g.seconds, g.cost_fen, g.service_fee_fen, "
           "g.wh_sharp_peak, g.wh_peak, g.wh_flat, g.wh_valley, g.wh_unclassified "
           "FROM (SELECT " +
           std::string(group.key_column) + " AS group_key, " + institution + " AS row_institution, " +
           period_sql(query.period, "local_date") +
           " AS period, sum(wh) AS wh, sum(sessions) AS sessions, sum(seconds) AS seconds, "
           "sum(cost_fen) AS cost_fen, sum(service_fee_fen) AS service_fee_fen" +
           tou_sums_of_sums() + " FROM (" + report_source(query, group, where) +
           ") GROUP BY group_key, row_institution, period) g " + std::string(group.names_join) +
           " ORDER BY 2, g.group_key, g.row_institution, g.period";
}

// Findings about the sessions of each group by their start date and, for institution rows, about the
// institution; see the class comment.
std::string findings_sql(const EnergyReportQuery& query, const GroupSql& group, const WhereClause& where) {
    std::string about =
        "SELECT s." + std::string(group.key_column) + " AS group_key, s." +
        std::string(group.institution_column) +
        " AS row_institution, s.start_date AS about_date, f.severity AS severity "
        "FROM data_quality_findings f JOIN energy_sessions s ON s.transaction_id = f.transaction_id";
    if (query.group == ReportGroup::Institution) {
        about +=
            " UNION ALL SELECT institution_id, institution_id, about_date, severity FROM "
            "data_quality_findings "
            "WHERE transaction_id IS NULL AND institution_id IS NOT NULL";
    }
    return "SELECT group_key, row_institution, " + period_sql(query.period, "about_date") +
           ", severity, count(*) FROM (" + about + ")" + where.sql() + " GROUP BY 1, 2, 3, 4";
}

std::optional<std::string> group_key_column(const sqlite::Statement& row, int index) {
    // Integer ids read as their decimal text.
    return row.column<std::optional<std::string>>(index);
}

using RowKey = std::tuple<std::optional<std::string>, std::optional<std::int64_t>, std::string>;

}  // namespace

std::vector<EnergyReportRow> SqliteEnergyRepository::energy_report(const EnergyReportQuery& query) {
    const auto group = group_sql(query.group);
    std::vector<EnergyReportRow> rows;
    std::map<RowKey, std::size_t> row_of;
    {
        const auto where = report_source_where(query, group);
        auto statement = connection_.cached(energy_report_sql(query, group, where));
        where.bind(*statement);
        while (statement->step()) {
            const auto key = group_key_column(*statement, 0);
            EnergyReportRow row{
                .group_id = key.value_or(""),
                .group_name = statement->column<std::string>(1),
                .institution_id = statement->column<std::optional<std::int64_t>>(2),
                .period = statement->column<std::string>(3),
                .wh = statement->column<std::int64_t>(4),
                .sessions = statement->column<std::int64_t>(5),
                .seconds = statement->column<std::int64_t>(6),
                .cost_fen = statement->column<std::int64_t>(7),
                .service_fee_fen = statement->column<std::int64_t>(8),
                .wh_by_tou = read_wh_by_tou(*statement, 9),
            };
            row_of.emplace(RowKey{key, row.institution_id, row.period}, rows.size());
            rows.push_back(std::move(row));
        }
    }
    if (rows.empty()) {
        return rows;
    }
    const auto where = report_where(query, "row_institution", "about_date");
    auto statement = connection_.cached(findings_sql(query, group, where));
    where.bind(*statement);
    while (statement->step()) {
        const auto found = row_of.find(RowKey{group_key_column(*statement, 0),
                                              statement->column<std::optional<std::int64_t>>(1),
                                              statement->column<std::string>(2)});
        if (found == row_of.end()) {
            continue;  // a group and period without energy
        }
        auto& row = rows[found->second];
        const auto severity = statement->column<std::string>(3);
        const auto count = statement->column<std::int64_t>(4);
        if (severity == "error") {
            row.findings_error += count;
        } else if (severity == "warning") {
            row.findings_warning += count;
        } else {
            row.findings_info += count;
        }
    }
    return rows;
}

std::vector<LedgerLine> SqliteEnergyRepository::ledger_lines(std::int64_t institution_id,
                                                             const std::string& from_date,
                                                             const std::string& to_date) {
    // The parts in the range, summed per session over the covering index; then one lookup per session.
    static const std::string sql =
        "SELECT s.transaction_id, coalesce(s.start_date, ''), s.start_at, s.stop_at, coalesce(sites.name, "
        "''), "
        "s.charger_id, s.connector_id, vehicles.plate_number, departments.name, s.id_tag, e.wh, e.cost_fen, "
        "e.service_fee_fen, (SELECT count(*) FROM data_quality_findings f WHERE f.transaction_id = "
        "s.transaction_id AND f.severity IN ('warning', 'error')), "
        "e.wh_sharp_peak, e.wh_peak, e.wh_flat, e.wh_valley, e.wh_unclassified "
        "FROM (SELECT transaction_id, sum(wh) AS wh, sum(cost_fen) AS cost_fen, "
        "sum(service_fee_fen) AS service_fee_fen" +
        tou_sums_of_parts() +
        " FROM energy_parts WHERE institution_id = ?1 AND local_date >= ?2 AND local_date < ?3 "
        "GROUP BY transaction_id) e "
        "JOIN energy_sessions s ON s.transaction_id = e.transaction_id "
        "LEFT JOIN sites ON sites.id = s.site_id LEFT JOIN vehicles ON vehicles.id = s.vehicle_id "
        "LEFT JOIN departments ON departments.id = s.department_id ORDER BY s.start_at, s.transaction_id";
    auto statement = connection_.cached(sql);
    statement->bind_all(institution_id, from_date, to_date);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return LedgerLine{
            .transaction_id = row.column<std::int32_t>(0),
            .start_date = row.column<std::string>(1),
            .start_at = timestamp_column(row, 2),
            .stop_at = timestamp_column(row, 3),
            .site_name = row.column<std::string>(4),
            .charger_id = row.column<std::string>(5),
            .connector_id = row.column<std::int32_t>(6),
            .plate_number = row.column<std::optional<std::string>>(7),
            .department_name = row.column<std::optional<std::string>>(8),
            .id_tag = row.column<std::string>(9),
            .wh = row.column<std::int64_t>(10),
            .wh_by_tou = read_wh_by_tou(row, 14),
            .cost_fen = row.column<std::int64_t>(11),
            .service_fee_fen = row.column<std::int64_t>(12),
            .findings = row.column<std::int64_t>(13),
        };
    });
}

FleetInventory SqliteEnergyRepository::fleet_inventory(std::int64_t institution_id,
                                                       const std::string& from_date,
                                                       const std::string& to_date) {
    FleetInventory inventory;
    {
        // Comparisons are 0 or 1 (NULL for a vehicle never retired), so sums count.
        auto vehicles = connection_.cached(
            "SELECT kind, total(acquired_date < ?3 AND (retired_date IS NULL OR retired_date >= ?3)), "
            "total(acquired_date >= ?2 AND acquired_date < ?3), total(retired_date >= ?2 AND retired_date < "
            "?3) "
            "FROM vehicles WHERE institution_id = ?1 GROUP BY kind ORDER BY kind");
        vehicles->bind_all(institution_id, from_date, to_date);
        while (vehicles->step()) {
            const auto kind = vehicles->column<std::string>(0);
            const auto count = [&](int index) {
                return static_cast<std::int64_t>(vehicles->column<double>(index));
            };
            for (auto [by_kind, index] :
                 {std::pair{&inventory.in_service_by_kind, 1}, std::pair{&inventory.added_by_kind, 2},
                  std::pair{&inventory.retired_by_kind, 3}}) {
                if (count(index) > 0) {
                    by_kind->emplace(kind, count(index));
                }
            }
        }
    }
    auto chargers = connection_.cached(
        "SELECT coalesce(chargers.current_type, ''), chargers.rated_power_kw, count(*) FROM chargers "
        "JOIN sites ON sites.id = chargers.site_id WHERE sites.institution_id = ?1 GROUP BY 1, 2 ORDER BY 1, "
        "2");
    chargers->bind_all(institution_id);
    inventory.chargers = read_all(*chargers, [](const sqlite::Statement& row) {
        return FleetInventory::ChargerGroup{
            .current_type = row.column<std::string>(0),
            .rated_power_kw = row.column<std::optional<double>>(1),
            .count = row.column<std::int64_t>(2),
        };
    });
    return inventory;
}

std::vector<VehicleEnergy> SqliteEnergyRepository::vehicle_energy(std::int64_t institution_id,
                                                                  const std::string& from_date,
                                                                  const std::string& to_date) {
    // A vehicle is in service from its acquired date up to (excluding) its retired date.
    auto statement = connection_.cached(
        "SELECT v.id, v.plate_number, v.kind, v.acquired_date, v.retired_date, coalesce(e.wh, 0), "
        "coalesce(e.sessions, 0) FROM vehicles v LEFT JOIN (SELECT vehicle_id, sum(wh) AS wh, "
        "sum(starts_session) AS sessions FROM energy_parts WHERE institution_id = ?1 AND local_date >= ?2 "
        "AND local_date < ?3 GROUP BY vehicle_id) e ON e.vehicle_id = v.id "
        "WHERE v.institution_id = ?1 AND v.acquired_date < ?3 AND (v.retired_date IS NULL OR v.retired_date "
        "> ?2) "
        "ORDER BY v.plate_number");
    statement->bind_all(institution_id, from_date, to_date);
    return read_all(*statement, [](const sqlite::Statement& row) {
        return VehicleEnergy{
            .vehicle_id = row.column<std::int64_t>(0),
            .plate_number = row.column<std::string>(1),
            .kind = row.column<std::string>(2),
            .acquired_date = row.column<std::string>(3),
            .retired_date = row.column<std::optional<std::string>>(4),
            .wh = row.column<std::int64_t>(5),
            .sessions = row.column<std::int64_t>(6),
        };
    });
}

}  // namespace parkgrid::storage
