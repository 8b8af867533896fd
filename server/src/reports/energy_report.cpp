#include "energy_report.hpp"

#include <algorithm>
#include <cmath>

#include "odometer_distance.hpp"
#include "period_kinds.hpp"
#include "report_names.hpp"

namespace parkgrid::server::reports {
namespace {

// The API names of the time-of-use kinds, in the order reports show them.
constexpr std::pair<const char*, const char*> kTouNames[] = {{"sharp_peak", "sharpPeak"},
                                                             {"peak", "peak"},
                                                             {"flat", "flat"},
                                                             {"valley", "valley"},
                                                             {"unclassified", "unclassified"}};

nlohmann::json optional_number(const std::optional<double>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json();
}

// Derived figures are shown to a precision that their factors (4 significant digits) support.
std::optional<double> rounded(const std::optional<double>& value, int decimals) {
    if (!value) {
        return std::nullopt;
    }
    const double scale = std::pow(10.0, decimals);
    return std::round(*value * scale) / scale;
}

void add(std::optional<double>& total, const std::optional<double>& value) {
    if (value) {
        total = total.value_or(0) + *value;
    }
}

int year_of(const std::string& period) {
    return std::stoi(period.substr(0, 4));
}

// A vehicle row's distance and consumption: from the odometer readings over the row's period, as far as it
// lies within the report's dates (the energy beside it covers the same days).
void add_consumption(nlohmann::json& json, storage::EnergyRepository& energy,
                     const storage::EnergyReportRow& row, const storage::EnergyReportQuery& query) {
    std::optional<double> distance;
    const auto period = reporting::parse_period(period_kind_of(query.period), row.period);
    if (!row.group_id.empty() && period) {
        // Dates are YYYY-MM-DD: text order is date order.
        const reporting::DateRange range{std::max(period->range.first, query.from_date),
                                         std::min(period->range.end, query.to_date)};
        distance = odometer_distance_km(energy, std::stoll(row.group_id), range);
    }
    json["distanceKm"] = optional_number(rounded(distance, 1));
    json["kwhPer100km"] =
        distance && *distance > 0
            ? optional_number(rounded(static_cast<double>(row.wh) / 1000.0 / *distance * 100.0, 2))
            : nlohmann::json();
}

}  // namespace

reporting::Factor to_factor(const storage::EnergyFactorRecord& record) {
    reporting::Factor factor;
    factor.id = record.id;
    factor.kind = record.kind;
    factor.value = record.value;
    factor.unit = record.unit;
    factor.year = record.year;
    factor.source = record.source;
    factor.basis = record.basis;
    factor.institution_specific = record.institution_id.has_value();
    return factor;
}

nlohmann::json factor_json(const reporting::Factor& factor) {
    return {{"id", factor.id},
            {"kind", factor.kind},
            {"value", factor.value},
            {"unit", factor.unit},
            {"year", factor.year},
            {"source", factor.source},
            {"basis", factor.basis ? nlohmann::json(*factor.basis) : nlohmann::json()},
            {"institutionSpecific", factor.institution_specific}};
}

FactorBook::FactorBook(storage::EnergyRepository& energy) : energy_(energy) {
    for (const auto& record : energy_.factors(std::nullopt)) {
        defaults_.push_back(to_factor(record));
    }
}

const std::vector<reporting::Factor>& FactorBook::own(std::int64_t institution_id) {
    auto [it, inserted] = own_.try_emplace(institution_id);
    if (inserted) {
        for (const auto& record : energy_.factors(institution_id)) {
            it->second.push_back(to_factor(record));
        }
    }
    return it->second;
}

reporting::FactorSet FactorBook::factors_for(std::optional<std::int64_t> institution_id, int year) {
    static const std::vector<reporting::Factor> kNone;
    const auto set = reporting::pick_factors(institution_id ? own(*institution_id) : kNone, defaults_, year);
    for (const auto* factor : {&set.coal, &set.grid_co2, &set.petrol_reference, &set.ev_reference,
                               &set.petrol_co2, &set.petrol_coal}) {
        if (*factor) {
            used_.emplace((*factor)->id, **factor);
        }
    }
    return set;
}

nlohmann::json FactorBook::used_json() const {
    auto list = nlohmann::json::array();
    for (const auto& [id, factor] : used_) {
        list.push_back(factor_json(factor));
    }
    return list;
}

void add_to(RowFigures& total, const RowFigures& row) {
    total.wh += row.wh;
    total.sessions += row.sessions;
    total.seconds += row.seconds;
    total.cost_fen += row.cost_fen;
    total.service_fee_fen += row.service_fee_fen;
    for (const auto& [kind, wh] : row.wh_by_tou) {
        total.wh_by_tou[kind] += wh;
    }
    add(total.derived.tce, row.derived.tce);
    add(total.derived.co2_kg, row.derived.co2_kg);
    add(total.derived.petrol_displaced_l, row.derived.petrol_displaced_l);
    add(total.derived.petrol_displaced_tce, row.derived.petrol_displaced_tce);
    add(total.derived.co2_avoided_kg, row.derived.co2_avoided_kg);
    total.findings_error += row.findings_error;
    total.findings_warning += row.findings_warning;
    total.findings_info += row.findings_info;
}

RowFigures row_figures(const storage::EnergyReportRow& row, FactorBook& factors) {
    RowFigures figures;
    figures.wh = row.wh;
    figures.sessions = row.sessions;
    figures.seconds = row.seconds;
    figures.cost_fen = row.cost_fen;
    figures.service_fee_fen = row.service_fee_fen;
    figures.wh_by_tou = row.wh_by_tou;
    figures.derived =
        reporting::derive_figures(row.wh, factors.factors_for(row.institution_id, year_of(row.period)));
    figures.findings_error = row.findings_error;
    figures.findings_warning = row.findings_warning;
    figures.findings_info = row.findings_info;
    return figures;
}

std::string_view tou_period_name(std::string_view kind) {
    for (const auto& [stored, name] : kTouNames) {
        if (kind == stored) {
            return name;
        }
    }
    return kind;
}

nlohmann::json ledger_json(const storage::LedgerSession& session) {
    std::int64_t cost_fen = 0;
    std::int64_t service_fee_fen = 0;
    auto parts = nlohmann::json::array();
    for (const auto& part : session.parts) {
        cost_fen += part.cost_fen;
        service_fee_fen += part.service_fee_fen;
        parts.push_back({{"localDate", part.local_date},
                         {"period", tou_period_name(part.tou_kind)},
                         {"wh", part.wh},
                         {"seconds", part.seconds},
                         {"pricePerKwh", part.price_per_kwh},
                         {"costFen", part.cost_fen},
                         {"serviceFeeFen", part.service_fee_fen}});
    }
    return {{"wh", session.total_wh},
            {"kwh", static_cast<double>(session.total_wh) / 1000.0},
            {"source", session.energy_source},
            {"costFen", cost_fen},
            {"cost", static_cast<double>(cost_fen) / 100.0},
            {"serviceFeeFen", service_fee_fen},
            {"serviceFee", static_cast<double>(service_fee_fen) / 100.0},
            {"parts", std::move(parts)}};
}

nlohmann::json figures_json(const RowFigures& figures) {
    nlohmann::json by_period = nlohmann::json::object();
    for (const auto& [kind, name] : kTouNames) {
        const auto it = figures.wh_by_tou.find(kind);
        by_period[name] = static_cast<double>(it == figures.wh_by_tou.end() ? 0 : it->second) / 1000.0;
    }
    return {{"kwh", static_cast<double>(figures.wh) / 1000.0},
            {"wh", figures.wh},
            {"sessions", figures.sessions},
            {"chargingHours", std::round(static_cast<double>(figures.seconds) / 36.0) / 100.0},
            {"kwhByPeriod", by_period},
            {"cost", static_cast<double>(figures.cost_fen) / 100.0},
            {"costFen", figures.cost_fen},
            {"serviceFee", static_cast<double>(figures.service_fee_fen) / 100.0},
            {"serviceFeeFen", figures.service_fee_fen},
            {"tce", optional_number(rounded(figures.derived.tce, 6))},
            {"co2Kg", optional_number(rounded(figures.derived.co2_kg, 3))},
            {"petrolDisplacedL", optional_number(rounded(figures.derived.petrol_displaced_l, 3))},
            {"co2AvoidedKg", optional_number(rounded(figures.derived.co2_avoided_kg, 3))},
            {"dataQuality",
             {{"errors", figures.findings_error},
              {"warnings", figures.findings_warning},
              {"info", figures.findings_info}}}};
}

nlohmann::json energy_report_json(storage::Repositories& repositories,
                                  const storage::EnergyReportQuery& query) {
    FactorBook factors(repositories.energy());
    auto rows = nlohmann::json::array();
    RowFigures totals;
    for (const auto& row : repositories.energy().energy_report(query)) {
        const auto figures = row_figures(row, factors);
        add_to(totals, figures);
        auto json = figures_json(figures);
        json["id"] = row.group_id;
        json["name"] = row.group_name;
        json["institutionId"] = row.institution_id ? nlohmann::json(*row.institution_id) : nlohmann::json();
        json["period"] = row.period;
        if (query.group == storage::ReportGroup::Vehicle) {
            add_consumption(json, repositories.energy(), row, query);
        }
        rows.push_back(std::move(json));
    }
    return {{"groupBy", name_of(kGroupNames, query.group)},
            {"period", name_of(kPeriodNames, query.period)},
            {"from", query.from_date},
            {"to", query.to_date},
            {"rows", std::move(rows)},
            {"totals", figures_json(totals)},
            {"factors", factors.used_json()}};
}

}  // namespace parkgrid::server::reports
