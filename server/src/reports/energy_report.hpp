#pragma once

// The energy report of GET /api/v1/reports/energy: the storage's grouped sums, with the figures derived
// from each row's institution's factors for the row's year, as JSON.

#include <nlohmann/json.hpp>

#include "parkgrid/reporting/factors.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::reports {

// The factors of institutions, loaded once per report.
class FactorBook {
public:
    explicit FactorBook(storage::EnergyRepository& energy);
    // The factor set for an institution (none: the defaults only) and year.
    reporting::FactorSet factors_for(std::optional<std::int64_t> institution_id, int year);
    // Every factor handed out so far, for the report's "factors" list.
    nlohmann::json used_json() const;

private:
    const std::vector<reporting::Factor>& own(std::int64_t institution_id);

    storage::EnergyRepository& energy_;
    std::vector<reporting::Factor> defaults_;
    std::map<std::int64_t, std::vector<reporting::Factor>> own_;
    std::map<std::int64_t, reporting::Factor> used_;  // by id
};

reporting::Factor to_factor(const storage::EnergyFactorRecord& record);
nlohmann::json factor_json(const reporting::Factor& factor);

// Figures of one row or total: energy, time-of-use split, money and the derived figures.
struct RowFigures {
    std::int64_t wh = 0;
    std::int64_t sessions = 0;
    std::int64_t seconds = 0;
    std::int64_t cost_fen = 0;
    std::int64_t service_fee_fen = 0;
    std::map<std::string, std::int64_t> wh_by_tou;
    reporting::DerivedFigures derived{};
    std::int64_t findings_error = 0;
    std::int64_t findings_warning = 0;
    std::int64_t findings_info = 0;
};

// Adds a row's figures to a total (derived figures too: each row's were computed with its own factors).
void add_to(RowFigures& total, const RowFigures& row);
RowFigures row_figures(const storage::EnergyReportRow& row, FactorBook& factors);

// The API name of a time-of-use kind ("sharp_peak" -> "sharpPeak"), as kwhByPeriod and ledgers name them.
std::string_view tou_period_name(std::string_view kind);

// A transaction's ledger as GET /api/v1/transactions/{id} shows it under "energy": its total, money and the
// parts by local day and time-of-use period. Times are left to the caller (accountedAt).
nlohmann::json ledger_json(const storage::LedgerSession& session);

// The JSON members of RowFigures: kwh, wh, sessions, chargingHours, kwhByPeriod, cost, costFen, serviceFee,
// serviceFeeFen, tce, co2Kg, petrolDisplacedL, co2AvoidedKg, dataQuality.
nlohmann::json figures_json(const RowFigures& figures);

// {"groupBy", "period", "from", "to", "rows": [...], "totals": {...}, "factors": [...]}.
nlohmann::json energy_report_json(storage::Repositories& repositories,
                                  const storage::EnergyReportQuery& query);

}  // namespace parkgrid::server::reports
