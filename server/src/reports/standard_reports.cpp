#include "standard_reports.hpp"

#include <cstdio>
#include <stdexcept>

#include "energy_report.hpp"
#include "fleet_figures.hpp"
#include "parkgrid/reporting/accounting.hpp"
#include "quality_score.hpp"
#include "time_conversion.hpp"

namespace parkgrid::server::reports {
namespace {

using storage::Repositories;

constexpr const char* kTouKinds[] = {"sharp_peak", "peak", "flat", "valley", "unclassified"};
const std::vector<Text2> kTouHeadings = {{"尖峰(kWh)", "Sharp peak (kWh)"},
                                         {"高峰(kWh)", "Peak (kWh)"},
                                         {"平段(kWh)", "Flat (kWh)"},
                                         {"低谷(kWh)", "Valley (kWh)"},
                                         {"未分时(kWh)", "Unclassified (kWh)"}};
constexpr const char* kTotalLabel = "合计 / Total";
// Findings of a period are few; the appendix lists them all, page by page.
constexpr std::size_t kFindingPage = 1000;

Cell kwh(std::int64_t wh) {
    return Fixed{wh, 3};
}

Cell yuan(std::int64_t fen) {
    return Fixed{fen, 2};
}

Cell optional_real(const std::optional<double>& value, int decimals) {
    return value ? Cell(Real{*value, decimals}) : Cell();
}

std::int64_t tou(const std::map<std::string, std::int64_t>& by_kind, const char* kind) {
    const auto it = by_kind.find(kind);
    return it == by_kind.end() ? 0 : it->second;
}

std::string local_time(storage::Timestamp at) {
    // Minutes are enough for a ledger line; the zone is the institutions'.
    const auto day = reporting::local_date_of(millis(at), kInstitutionZone);
    const auto midnight = reporting::start_of_local_date(day, kInstitutionZone);
    const auto minutes = (millis(at) - midnight) / 60'000;
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60 % 24),
                  static_cast<int>(minutes % 60));
    return day + " " + text;
}

std::vector<Text2> institution_notes(const storage::InstitutionRecord& institution,
                                     const reporting::Period& period) {
    return {
        {"单位：" + institution.name + "（统一社会信用代码 " + institution.unified_social_credit_code + "）",
         "Institution: " + institution.name + " (unified social credit code " +
             institution.unified_social_credit_code + ")"},
        {"统计期：" + period.label + "（" + period.range.first + " 至 " + period.range.end + "，不含）",
         "Period: " + period.label + " (" + period.range.first + " to " + period.range.end + ", exclusive)"}};
}

Sheet ledger_sheet(Repositories& repositories, std::int64_t institution_id, const reporting::Period& period,
                   const std::vector<Text2>& notes, const Progress& progress) {
    Sheet sheet;
    sheet.name = "Ledger";
    sheet.title = {"月度充电台账", "Monthly charging ledger"};
    sheet.notes = notes;
    sheet.headings = {{"序号", "No."},
                      {"交易号", "Transaction"},
                      {"开始时间", "Start"},
                      {"结束时间", "Stop"},
                      {"站点", "Site"},
                      {"充电桩", "Charger"},
                      {"枪号", "Connector"},
                      {"车牌号", "Vehicle"},
                      {"部门", "Department"},
                      {"卡号", "Id tag"},
                      {"电量(kWh)", "Energy (kWh)"}};
    sheet.headings.insert(sheet.headings.end(), kTouHeadings.begin(), kTouHeadings.end());
    sheet.headings.insert(sheet.headings.end(), {{"电费(元)", "Energy cost (CNY)"},
                                                 {"服务费(元)", "Service fee (CNY)"},
                                                 {"数据问题", "Data-quality findings"}});
    const auto lines =
        repositories.energy().ledger_lines(institution_id, period.range.first, period.range.end);
    Row totals(sheet.headings.size());
    std::int64_t wh = 0, cost = 0, fee = 0, findings = 0;
    std::map<std::string, std::int64_t> by_kind;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto& line = lines[i];
        Row row = {static_cast<std::int64_t>(i + 1),
                   static_cast<std::int64_t>(line.transaction_id),
                   local_time(line.start_at),
                   local_time(line.stop_at),
                   line.site_name,
                   line.charger_id,
                   static_cast<std::int64_t>(line.connector_id),
                   line.plate_number.value_or(""),
                   line.department_name.value_or(""),
                   line.id_tag,
                   kwh(line.wh)};
        for (const auto* kind : kTouKinds) {
            row.push_back(kwh(tou(line.wh_by_tou, kind)));
            by_kind[kind] += tou(line.wh_by_tou, kind);
        }
        row.insert(row.end(), {yuan(line.cost_fen), yuan(line.service_fee_fen), line.findings});
        sheet.rows.push_back(std::move(row));
        wh += line.wh;
        cost += line.cost_fen;
        fee += line.service_fee_fen;
        findings += line.findings;
        if (progress && (i + 1) % 1000 == 0) {
            progress(i + 1, lines.size());
        }
    }
    totals[0] = std::string(kTotalLabel);
    totals[10] = kwh(wh);
    for (std::size_t k = 0; k < std::size(kTouKinds); ++k) {
        totals[11 + k] = kwh(by_kind[kTouKinds[k]]);
    }
    totals[16] = yuan(cost);
    totals[17] = yuan(fee);
    totals[18] = findings;
    sheet.totals = std::move(totals);
    if (progress) {
        progress(lines.size(), lines.size());
    }
    return sheet;
}

Row summary_row(const std::string& label, const RowFigures& figures) {
    Row row = {label, figures.sessions, Real{static_cast<double>(figures.seconds) / 3600.0, 2},
               kwh(figures.wh)};
    for (const auto* kind : kTouKinds) {
        row.push_back(kwh(tou(figures.wh_by_tou, kind)));
    }
    row.insert(row.end(), {yuan(figures.cost_fen), yuan(figures.service_fee_fen),
                           optional_real(figures.derived.tce, 4), optional_real(figures.derived.co2_kg, 1),
                           optional_real(figures.derived.petrol_displaced_l, 1),
                           optional_real(figures.derived.co2_avoided_kg, 1),
                           figures.findings_error + figures.findings_warning});
    return row;
}

Text2 summary_title(StandardReport report) {
    switch (report) {
        case StandardReport::MonthlyLedger: return {"月度充电能耗汇总", "Monthly charging energy summary"};
        case StandardReport::Quarterly: return {"季度充电能耗报表", "Quarterly charging energy report"};
        case StandardReport::Annual: return {"年度充电能耗报表", "Annual charging energy report"};
    }
    return {};
}

Sheet summary_sheet(Repositories& repositories, StandardReport report, std::int64_t institution_id,
                    const reporting::Period& period, const std::vector<Text2>& notes) {
    Sheet sheet;
    sheet.name = "Summary";
    sheet.title = summary_title(report);
    sheet.notes = notes;
    sheet.headings = {{"月份", "Month"},
                      {"充电次数", "Sessions"},
                      {"充电时长(h)", "Charging hours"},
                      {"电量(kWh)", "Energy (kWh)"}};
    sheet.headings.insert(sheet.headings.end(), kTouHeadings.begin(), kTouHeadings.end());
    sheet.headings.insert(sheet.headings.end(), {{"电费(元)", "Energy cost (CNY)"},
                                                 {"服务费(元)", "Service fee (CNY)"},
                                                 {"折标准煤(tce)", "Standard coal (tce)"},
                                                 {"二氧化碳排放(kg)", "CO2 emitted (kg)"},
                                                 {"替代汽油(L)", "Petrol displaced (L)"},
                                                 {"二氧化碳减排(kg)", "CO2 avoided (kg)"},
                                                 {"数据问题", "Data-quality findings"}});
    storage::EnergyReportQuery query;
    query.group = storage::ReportGroup::Institution;
    query.period = storage::ReportPeriod::Month;
    query.from_date = period.range.first;
    query.to_date = period.range.end;
    query.institution_id = institution_id;
    FactorBook factors(repositories.energy());
    RowFigures totals;
    for (const auto& row : repositories.energy().energy_report(query)) {
        const auto figures = row_figures(row, factors);
        add_to(totals, figures);
        sheet.rows.push_back(summary_row(row.period, figures));
    }
    sheet.totals = summary_row(kTotalLabel, totals);
    for (const auto& factor : factors.used_json()) {
        sheet.notes.push_back(
            {"折算系数 " + factor["kind"].get<std::string>() + " = " + factor["value"].dump() + " " +
                 factor["unit"].get<std::string>() + "（" + std::to_string(factor["year"].get<int>()) + "，" +
                 factor["source"].get<std::string>() + "）",
             "Factor " + factor["kind"].get<std::string>() + " = " + factor["value"].dump() + " " +
                 factor["unit"].get<std::string>() + " (" + std::to_string(factor["year"].get<int>()) + ", " +
                 factor["source"].get<std::string>() + ")"});
    }
    return sheet;
}

Sheet fleet_sheet(Repositories& repositories, std::int64_t institution_id, const reporting::Period& period,
                  const std::vector<Text2>& notes) {
    const auto inventory =
        repositories.energy().fleet_inventory(institution_id, period.range.first, period.range.end);
    Sheet sheet;
    sheet.name = "Fleet";
    sheet.title = {"车辆与充电设施", "Fleet and chargers"};
    sheet.notes = notes;
    sheet.headings = {{"项目", "Item"}, {"类别", "Category"}, {"数量", "Count"}};
    const auto add_kinds = [&](const std::string& item, const std::map<std::string, std::int64_t>& by_kind) {
        for (const auto* kind : {"BEV", "PHEV", "petrol", "diesel"}) {
            const auto it = by_kind.find(kind);
            sheet.rows.push_back(
                {item, std::string(kind), it == by_kind.end() ? std::int64_t{0} : it->second});
        }
    };
    add_kinds("期末在用车辆 / Vehicles in service at the end", inventory.in_service_by_kind);
    add_kinds("本期新增车辆 / Vehicles added", inventory.added_by_kind);
    add_kinds("本期退出车辆 / Vehicles retired", inventory.retired_by_kind);
    const auto share = new_energy_share(inventory);
    sheet.rows.push_back({std::string("新增车辆中新能源汽车占比(%) / New-energy share of vehicles added (%)"),
                          std::string("BEV+PHEV"), share ? Cell(Real{100.0 * *share, 1}) : Cell()});
    for (const auto& group : inventory.chargers) {
        std::string category = group.current_type.empty() ? std::string("-") : group.current_type;
        if (group.rated_power_kw) {
            char power[32];
            std::snprintf(power, sizeof power, " %g kW", *group.rated_power_kw);
            category += power;
        }
        sheet.rows.push_back({std::string("充电桩 / Chargers"), category, group.count});
    }
    return sheet;
}

Sheet quality_sheet(Repositories& repositories, std::int64_t institution_id, const reporting::Period& period,
                    const std::vector<Text2>& notes) {
    Sheet sheet;
    sheet.name = "DataQuality";
    sheet.title = {"附录：数据质量检查", "Appendix: data-quality findings"};
    sheet.notes = notes;
    const auto tally =
        repositories.energy().quality_tally(institution_id, period.range.first, period.range.end);
    const auto score = quality_score(tally);
    const auto score_text = score ? std::to_string(*score) : std::string("-");
    sheet.notes.push_back({"质量评分：" + score_text + "（充电 " + std::to_string(tally.sessions) +
                               " 次，有问题 " + std::to_string(tally.flagged_sessions) + " 次，整体问题 " +
                               std::to_string(tally.institution_warnings) + " 项）",
                           "Quality score: " + score_text + " (" + std::to_string(tally.sessions) +
                               " sessions, " + std::to_string(tally.flagged_sessions) + " with findings, " +
                               std::to_string(tally.institution_warnings) + " period findings)"});
    sheet.headings = {{"严重程度", "Severity"}, {"类型", "Kind"},          {"日期", "Date"},
                      {"期间", "Period"},       {"交易号", "Transaction"}, {"充电桩", "Charger"},
                      {"车辆", "Vehicle"},      {"说明", "Message"}};
    storage::FindingFilter filter;
    filter.institution_id = institution_id;
    filter.from_date = period.range.first;
    filter.to_date = period.range.end;
    filter.limit = kFindingPage;
    for (;; filter.offset += kFindingPage) {
        const auto page = repositories.energy().findings(filter);
        for (const auto& finding : page.items) {
            sheet.rows.push_back(
                {finding.severity, finding.kind, finding.local_date.value_or(""), finding.period.value_or(""),
                 finding.transaction_id ? Cell(std::int64_t{*finding.transaction_id}) : Cell(),
                 finding.charger_id.value_or(""),
                 finding.vehicle_id ? Cell(std::int64_t{*finding.vehicle_id}) : Cell(), finding.message});
        }
        if (page.items.size() < kFindingPage) {
            break;
        }
    }
    return sheet;
}

}  // namespace

reporting::PeriodKind period_kind(StandardReport report) {
    switch (report) {
        case StandardReport::MonthlyLedger: return reporting::PeriodKind::Month;
        case StandardReport::Quarterly: return reporting::PeriodKind::Quarter;
        case StandardReport::Annual: return reporting::PeriodKind::Year;
    }
    return reporting::PeriodKind::Month;
}

Workbook build_standard_report(Repositories& repositories, StandardReport report, std::int64_t institution_id,
                               const reporting::Period& period, const Progress& progress) {
    const auto institution = repositories.institutions().find(institution_id);
    if (!institution) {
        throw std::out_of_range("no institution " + std::to_string(institution_id));
    }
    const auto notes = institution_notes(*institution, period);
    Workbook workbook;
    if (report == StandardReport::MonthlyLedger) {
        workbook.sheets.push_back(ledger_sheet(repositories, institution_id, period, notes, progress));
    }
    workbook.sheets.push_back(summary_sheet(repositories, report, institution_id, period, notes));
    if (report != StandardReport::MonthlyLedger) {
        workbook.sheets.push_back(fleet_sheet(repositories, institution_id, period, notes));
    }
    workbook.sheets.push_back(quality_sheet(repositories, institution_id, period, notes));
    return workbook;
}

}  // namespace parkgrid::server::reports
