#include "quality_checks.hpp"

#include <numeric>

#include "finding_records.hpp"
#include "odometer_distance.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "period_kinds.hpp"
#include "session_accountant.hpp"
#include "time_conversion.hpp"

namespace parkgrid::server::reports {
namespace {

using storage::Repositories;

void count(QualityRunSummary& summary, std::size_t found, std::size_t added) {
    summary.findings += found;
    summary.new_findings += added;
}

std::vector<storage::EnergyReportRow> institution_rows(Repositories& repositories,
                                                       std::int64_t institution_id,
                                                       const reporting::Period& period,
                                                       storage::ReportGroup group) {
    storage::EnergyReportQuery query;
    query.group = group;
    query.period = report_period_of(period.kind);
    query.from_date = period.range.first;
    query.to_date = period.range.end;
    query.institution_id = institution_id;
    return repositories.energy().energy_report(query);
}

std::int64_t total(const std::map<std::string, std::int64_t>& by_kind) {
    return std::accumulate(by_kind.begin(), by_kind.end(), std::int64_t{0},
                           [](std::int64_t sum, const auto& entry) { return sum + entry.second; });
}

reporting::PeriodFigures period_figures(Repositories& repositories, std::int64_t institution_id,
                                        const reporting::Period& period) {
    reporting::PeriodFigures figures;
    figures.period = period.label;
    for (const auto& row :
         institution_rows(repositories, institution_id, period, storage::ReportGroup::Institution)) {
        figures.wh += row.wh;
    }
    const auto inventory =
        repositories.energy().fleet_inventory(institution_id, period.range.first, period.range.end);
    figures.vehicles = total(inventory.in_service_by_kind);
    for (const auto& group : inventory.chargers) {
        figures.chargers += group.count;
    }
    return figures;
}

}  // namespace

void account_pending(Repositories& repositories, const reporting::QualityLimits& limits,
                     storage::Timestamp now, std::size_t limit, QualityRunSummary& summary) {
    for (const auto id : repositories.energy().unaccounted_transactions(limit)) {
        if (account_transaction(repositories, id, limits, now)) {
            ++summary.accounted;
        }
    }
}

void check_open_sessions(Repositories& repositories, const reporting::QualityLimits& limits,
                         storage::Timestamp now, QualityRunSummary& summary) {
    const auto before = now - std::chrono::milliseconds(limits.open_session_limit_ms);
    for (const auto id : repositories.energy().open_transactions_started_before(before)) {
        const auto transaction = repositories.transactions().find(id);
        if (!transaction) {
            continue;
        }
        // The start is all this check reads: the samples of a long session are not loaded every run.
        if (const auto finding = reporting::check_open_session(
                transaction_session(*transaction), transaction_context(*transaction), millis(now), limits)) {
            count(summary, 1,
                  store_findings(repositories, {*finding}, place_of_transaction(repositories, id), now));
        }
    }
}

std::vector<reporting::Finding> connector_history_findings(Repositories& repositories,
                                                           const std::string& charger_id,
                                                           std::int32_t connector_id, storage::Timestamp from,
                                                           storage::Timestamp to,
                                                           const reporting::QualityLimits& limits) {
    std::vector<reporting::ConnectorSession> sessions;
    for (const auto& row : repositories.energy().connector_sessions(charger_id, connector_id, from, to)) {
        sessions.push_back(
            reporting::ConnectorSession{row.transaction_id, row.id_tag, millis(row.start_at),
                                        row.stop_at ? std::optional(millis(*row.stop_at)) : std::nullopt,
                                        row.meter_start, row.meter_stop});
    }
    return reporting::check_connector_history(charger_id, connector_id, std::move(sessions), limits);
}

void check_connectors(Repositories& repositories, const reporting::QualityLimits& limits,
                      storage::Timestamp from, storage::Timestamp to, storage::Timestamp now,
                      QualityRunSummary& summary) {
    for (const auto& [charger_id, connector_id] : repositories.energy().active_connectors(from, to)) {
        const auto findings = connector_history_findings(repositories, charger_id, connector_id,
                                                         from - kNeighbourWindow, to, limits);
        count(summary, findings.size(), store_findings(repositories, findings, FindingPlace{}, now));
    }
}

void check_institution_period(Repositories& repositories, std::int64_t institution_id,
                              const reporting::Period& period, const reporting::QualityLimits& limits,
                              storage::Timestamp now, QualityRunSummary& summary) {
    FindingPlace place;
    place.institution_id = institution_id;
    place.local_date = period.range.first;

    const auto current = period_figures(repositories, institution_id, period);
    const auto previous = period_figures(repositories, institution_id, reporting::previous_period(period));
    auto findings = reporting::check_period_change(institution_id, previous, current, limits);

    std::vector<reporting::VehiclePeriod> vehicles;
    for (const auto& vehicle :
         repositories.energy().vehicle_energy(institution_id, period.range.first, period.range.end)) {
        vehicles.push_back(reporting::VehiclePeriod{
            vehicle.vehicle_id, vehicle.kind, vehicle.wh, vehicle.sessions,
            odometer_distance_km(repositories.energy(), vehicle.vehicle_id, period.range)});
    }
    const auto fleet = reporting::check_fleet_consumption(institution_id, period.label, vehicles, limits);
    findings.insert(findings.end(), fleet.begin(), fleet.end());

    for (const auto& row :
         institution_rows(repositories, institution_id, period, storage::ReportGroup::Charger)) {
        const auto energies =
            repositories.energy().session_energies(row.group_id, period.range.first, period.range.end);
        if (auto finding = reporting::check_repeated_energy(row.group_id, period.label, energies, limits)) {
            finding->subject.institution_id = row.institution_id;
            findings.push_back(std::move(*finding));
        }
    }
    count(summary, findings.size(), store_findings(repositories, findings, place, now));
}

QualityRunSummary run_quality_checks(Repositories& repositories, const reporting::Period& period,
                                     std::optional<std::int64_t> institution_id,
                                     const reporting::QualityLimits& limits, storage::Timestamp now) {
    QualityRunSummary summary;
    constexpr std::size_t kPendingBatch = 1000;
    account_pending(repositories, limits, now, kPendingBatch, summary);
    check_open_sessions(repositories, limits, now, summary);
    const auto from = timestamp(reporting::start_of_local_date(period.range.first, kInstitutionZone));
    const auto to = timestamp(reporting::start_of_local_date(period.range.end, kInstitutionZone));
    check_connectors(repositories, limits, from, to, now, summary);
    const auto institutions = institution_id ? std::vector<std::int64_t>{*institution_id}
                                             : repositories.energy().institutions_with_sessions(
                                                   period.range.first, period.range.end);
    for (const auto id : institutions) {
        check_institution_period(repositories, id, period, limits, now, summary);
    }
    return summary;
}

}  // namespace parkgrid::server::reports
