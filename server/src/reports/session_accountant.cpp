#include "session_accountant.hpp"

#include "api/calendar_text.hpp"
#include "finding_records.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "quality_checks.hpp"
#include "time_conversion.hpp"

namespace parkgrid::server::reports {
namespace {

using storage::Repositories;

// Rated power of an AC charger from its rated current, when no rating was recorded: phases x 230 V x A.
constexpr double kPhaseVoltage = 230;

reporting::MeterSession meter_session(Repositories& repositories,
                                      const storage::TransactionRecord& transaction) {
    auto session = transaction_session(transaction);
    for (const auto& row : repositories.energy().meter_readings(transaction.id)) {
        session.samples.push_back(reporting::MeterSample{millis(row.timestamp), millis(row.received_at),
                                                         row.energy_import_wh, row.power_import_w,
                                                         row.soc_percent});
    }
    return session;
}

reporting::SiteTariff site_tariff(Repositories& repositories, std::optional<std::int64_t> site_id) {
    reporting::SiteTariff tariff;
    tariff.time_zone = site_time_zone(repositories, site_id);
    if (!site_id) {
        return tariff;
    }
    if (const auto site = repositories.sites().find(*site_id)) {
        tariff.service_fee_per_kwh = site->service_fee_per_kwh;
    }
    for (const auto& period : repositories.load_management().tariff_periods(*site_id)) {
        // The tariff API stores valid HH:MM times only.
        const auto start = api::minute_of_day(period.start_time).value_or(0);
        const auto end = api::minute_of_day(period.end_time).value_or(0);
        tariff.periods.push_back(reporting::TouPeriod{period.kind, start, end, period.price_per_kwh});
    }
    return tariff;
}

std::optional<double> rated_power_kw(Repositories& repositories, const std::string& charger_id) {
    if (const auto charger = repositories.chargers().find(charger_id); charger && charger->rated_power_kw) {
        return charger->rated_power_kw;
    }
    if (const auto settings = repositories.load_management().charger_settings(charger_id);
        settings && settings->max_current_a) {
        return *settings->max_current_a * settings->phases * kPhaseVoltage / 1000.0;
    }
    return std::nullopt;
}

reporting::SessionContext session_context(Repositories& repositories,
                                          const storage::TransactionRecord& transaction,
                                          const storage::TransactionAttribution& attribution) {
    auto context = transaction_context(transaction);
    context.id_tag_known = attribution.id_tag_known;
    context.rated_power_kw = rated_power_kw(repositories, transaction.start.charger_id);
    if (attribution.vehicle_id) {
        if (const auto vehicle = repositories.vehicles().find(*attribution.vehicle_id)) {
            context.battery_kwh = vehicle->battery_kwh;
        }
    }
    return context;
}

storage::LedgerSession ledger_session(const storage::TransactionRecord& transaction,
                                      const storage::TransactionAttribution& attribution,
                                      const reporting::SessionAccount& account, storage::Timestamp now) {
    storage::LedgerSession ledger;
    ledger.transaction_id = transaction.id;
    ledger.charger_id = transaction.start.charger_id;
    ledger.connector_id = transaction.start.connector_id;
    ledger.id_tag = transaction.start.id_tag;
    ledger.attribution = attribution;
    ledger.start_at = transaction.start.timestamp;
    ledger.stop_at = transaction.stop->timestamp;
    ledger.total_wh = account.total_wh;
    ledger.energy_source = account.source == reporting::EnergySource::Register ? "register" : "meter_stop";
    for (const auto& part : account.parts) {
        ledger.parts.push_back(storage::LedgerPart{part.local_date, part.tou_kind, part.wh, part.seconds,
                                                   part.price_per_kwh, part.cost_fen, part.service_fee_fen});
    }
    ledger.accounted_at = now;
    return ledger;
}

void check_connector(Repositories& repositories, const storage::TransactionRecord& transaction,
                     const reporting::QualityLimits& limits, storage::Timestamp now) {
    const auto& start = transaction.start;
    const auto findings = connector_history_findings(repositories, start.charger_id, start.connector_id,
                                                     start.timestamp - kNeighbourWindow,
                                                     transaction.stop->timestamp + kNeighbourWindow, limits);
    store_findings(repositories, findings, place_of_transaction(repositories, transaction.id), now);
}

}  // namespace

reporting::MeterSession transaction_session(const storage::TransactionRecord& transaction) {
    reporting::MeterSession session;
    session.start_at = millis(transaction.start.timestamp);
    session.start_received_at = millis(transaction.start.received_at);
    session.meter_start_wh = transaction.start.meter_start;
    if (transaction.stop) {
        session.stop_at = millis(transaction.stop->timestamp);
        session.stop_received_at = millis(transaction.stop->received_at);
        session.meter_stop_wh = transaction.stop->meter_stop;
    }
    return session;
}

reporting::SessionContext transaction_context(const storage::TransactionRecord& transaction) {
    reporting::SessionContext context;
    context.transaction_id = transaction.id;
    context.charger_id = transaction.start.charger_id;
    context.connector_id = transaction.start.connector_id;
    context.authorization_status = transaction.start.authorization_status;
    return context;
}

bool account_transaction(Repositories& repositories, std::int32_t transaction_id,
                         const reporting::QualityLimits& limits, storage::Timestamp now) {
    const auto transaction = repositories.transactions().find(transaction_id);
    if (!transaction || !transaction->stop) {
        return false;
    }
    auto& energy = repositories.energy();
    auto attribution = energy.attribution(transaction_id).value_or(storage::TransactionAttribution{});
    attribution.transaction_id = transaction_id;

    const auto session = meter_session(repositories, *transaction);
    const auto account = reporting::account_session(session, site_tariff(repositories, attribution.site_id));
    energy.replace_ledger(ledger_session(*transaction, attribution, account, now));

    const auto findings = reporting::check_session(
        session, account, session_context(repositories, *transaction, attribution), limits);
    store_findings(repositories, findings, place_of_transaction(repositories, transaction_id), now);
    check_connector(repositories, *transaction, limits, now);
    return true;
}

}  // namespace parkgrid::server::reports
