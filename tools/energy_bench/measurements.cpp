#include "measurements.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <stdexcept>

#include "api/calendar_text.hpp"
#include "bench_options.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "parkgrid/reporting/periods.hpp"
#include "reports/energy_report.hpp"
#include "reports/finding_records.hpp"
#include "reports/standard_reports.hpp"
#include "stopwatch.hpp"

namespace parkgrid::energy_bench {
namespace {

using storage::ReportGroup;
using storage::ReportPeriod;

// Sessions are at most 10 hours long: one that started a day before the range may still have energy in it.
constexpr auto kLookBack = std::chrono::days(1);

storage::EnergyReportQuery year_query(ReportGroup group, ReportPeriod period) {
    storage::EnergyReportQuery query;
    query.group = group;
    query.period = period;
    query.from_date = kReportFrom;
    query.to_date = kReportTo;
    return query;  // no scope: an administrator's view of every institution
}

ReportTiming time_energy_report(storage::Database& database, int runs, const char* name, ReportGroup group,
                                ReportPeriod period) {
    ReportTiming timing{.name = name};
    for (int run = 0; run < runs; ++run) {
        const Stopwatch stopwatch;
        // Serialised as the API would send it: the answer's cost includes writing it.
        const auto [rows, bytes] = storage::read_and_wait(database, [&](storage::Repositories& repositories) {
            const auto json = server::reports::energy_report_json(repositories, year_query(group, period));
            return std::pair{json.at("rows").size(), json.dump().size()};
        });
        timing.ms.push_back(stopwatch.wall_ms());
        timing.cpu_ms.push_back(stopwatch.cpu_ms());
        timing.rows = rows;
        timing.bytes = bytes;
    }
    return timing;
}

ReportTiming time_annual_report(storage::Database& database, int runs, std::int64_t institution_id) {
    const auto period =
        reporting::parse_period(reporting::PeriodKind::Year, std::string(kReportFrom).substr(0, 4));
    ReportTiming timing{.name = "annual standard report, 1 institution"};
    for (int run = 0; run < runs; ++run) {
        const Stopwatch stopwatch;
        const auto [rows, bytes] = storage::read_and_wait(database, [&](storage::Repositories& repositories) {
            const auto workbook = server::reports::build_standard_report(
                repositories, server::reports::StandardReport::Annual, institution_id, *period);
            std::size_t cells = 0;
            for (const auto& sheet : workbook.sheets) {
                cells += sheet.rows.size();
            }
            const auto json = server::reports::workbook_json(workbook, server::reports::Language::Chinese);
            return std::pair{cells, json.dump().size()};
        });
        timing.ms.push_back(stopwatch.wall_ms());
        timing.cpu_ms.push_back(stopwatch.cpu_ms());
        timing.rows = rows;
        timing.bytes = bytes;
    }
    return timing;
}

std::string institution_key(const std::optional<std::int64_t>& id) {
    return id ? std::to_string(*id) : std::string();
}

// The site's tariff as the accountant builds it (session_accountant.cpp), cached per site: a recompute
// would not read it again for every session either.
class TariffBook {
public:
    explicit TariffBook(storage::Repositories& repositories) : repositories_(repositories) {}

    const reporting::SiteTariff& of(std::optional<std::int64_t> site_id) {
        const auto key = site_id.value_or(0);
        auto [it, inserted] = tariffs_.try_emplace(key);
        if (!inserted) {
            return it->second;
        }
        auto& tariff = it->second;
        tariff.time_zone = server::reports::site_time_zone(repositories_, site_id);
        if (site_id) {
            if (const auto site = repositories_.sites().find(*site_id)) {
                tariff.service_fee_per_kwh = site->service_fee_per_kwh;
            }
            for (const auto& period : repositories_.load_management().tariff_periods(*site_id)) {
                tariff.periods.push_back(reporting::TouPeriod{
                    period.kind, server::api::minute_of_day(period.start_time).value_or(0),
                    server::api::minute_of_day(period.end_time).value_or(0), period.price_per_kwh});
            }
        }
        return tariff;
    }

private:
    storage::Repositories& repositories_;
    std::map<std::int64_t, reporting::SiteTariff> tariffs_;
};

reporting::MeterSession meter_session(const storage::TransactionRecord& transaction,
                                      const std::vector<storage::MeterReadingRow>& readings) {
    reporting::MeterSession session;
    session.start_at = storage::to_unix_millis(transaction.start.timestamp);
    session.start_received_at = storage::to_unix_millis(transaction.start.received_at);
    session.meter_start_wh = transaction.start.meter_start;
    session.stop_at = storage::to_unix_millis(transaction.stop->timestamp);
    session.stop_received_at = storage::to_unix_millis(transaction.stop->received_at);
    session.meter_stop_wh = transaction.stop->meter_stop;
    session.samples.reserve(readings.size());
    for (const auto& row : readings) {
        session.samples.push_back(reporting::MeterSample{
            storage::to_unix_millis(row.timestamp), storage::to_unix_millis(row.received_at),
            row.energy_import_wh, row.power_import_w, row.soc_percent});
    }
    return session;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

}  // namespace

double ReportTiming::median_ms() const {
    return median(ms);
}

double ReportTiming::median_cpu_ms() const {
    return median(cpu_ms);
}

double ReportTiming::max_ms() const {
    return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end());
}

std::vector<ReportTiming> time_reports(storage::Database& database, int runs, std::int64_t institution_id) {
    struct Case {
        const char* name;
        ReportGroup group;
        ReportPeriod period;
    };
    constexpr Case kCases[] = {
        {"energy report institution/year", ReportGroup::Institution, ReportPeriod::Year},
        {"energy report site/year", ReportGroup::Site, ReportPeriod::Year},
        {"energy report department/year", ReportGroup::Department, ReportPeriod::Year},
        {"energy report vehicle/year", ReportGroup::Vehicle, ReportPeriod::Year},
        {"energy report charger/year", ReportGroup::Charger, ReportPeriod::Year},
        {"energy report institution/month", ReportGroup::Institution, ReportPeriod::Month},
        {"energy report site/month", ReportGroup::Site, ReportPeriod::Month},
        {"energy report department/month", ReportGroup::Department, ReportPeriod::Month},
        {"energy report vehicle/month", ReportGroup::Vehicle, ReportPeriod::Month},
        {"energy report charger/month", ReportGroup::Charger, ReportPeriod::Month},
    };
    std::vector<ReportTiming> timings;
    for (const auto& c : kCases) {
        timings.push_back(time_energy_report(database, runs, c.name, c.group, c.period));
    }
    timings.push_back(time_annual_report(database, runs, institution_id));
    return timings;
}

AggregatedTotals aggregated_totals(storage::Database& database) {
    return storage::read_and_wait(database, [](storage::Repositories& repositories) {
        AggregatedTotals totals;
        for (const auto& row :
             repositories.energy().energy_report(year_query(ReportGroup::Institution, ReportPeriod::Year))) {
            totals.wh[row.group_id] += row.wh;
            totals.sessions += row.sessions;
        }
        return totals;
    });
}

Recompute recompute_from_samples(storage::Database& database) {
    const Stopwatch stopwatch;
    auto recompute = storage::read_and_wait(database, [](storage::Repositories& repositories) {
        Recompute result;
        TariffBook tariffs(repositories);
        const std::string from_date = kReportFrom;
        const std::string to_date = kReportTo;
        const auto from =
            storage::from_unix_millis(reporting::start_of_local_date(from_date, kTimeZone)) - kLookBack;
        const auto to = storage::from_unix_millis(reporting::start_of_local_date(to_date, kTimeZone));
        for (const auto& charger : repositories.chargers().list()) {
            storage::TransactionFilter filter;
            filter.charger_id = charger.id;
            filter.from = from;
            filter.to = to;
            filter.open = false;
            filter.limit = std::numeric_limits<std::int32_t>::max();
            for (const auto& transaction : repositories.transactions().query(filter)) {
                const auto attribution = repositories.energy().attribution(transaction.id);
                const auto site_id = attribution ? attribution->site_id : std::nullopt;
                const auto readings = repositories.energy().meter_readings(transaction.id);
                const auto account =
                    reporting::account_session(meter_session(transaction, readings), tariffs.of(site_id));
                ++result.transactions;
                result.meter_rows += readings.size();
                for (const auto& part : account.parts) {
                    if (part.local_date >= from_date && part.local_date < to_date) {
                        result
                            .wh[institution_key(attribution ? attribution->institution_id : std::nullopt)] +=
                            part.wh;
                        ++result.parts;
                    }
                }
            }
        }
        return result;
    });
    recompute.seconds = stopwatch.wall_ms() / 1000;
    recompute.cpu_seconds = stopwatch.cpu_ms() / 1000;
    return recompute;
}

}  // namespace parkgrid::energy_bench
