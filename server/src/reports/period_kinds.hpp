#pragma once

// The reporting library's period kinds and the storage's report periods are the same four; storage keeps an
// enum of its own so that it does not depend on the reporting library.

#include "parkgrid/reporting/periods.hpp"
#include "parkgrid/storage/energy_records.hpp"

namespace parkgrid::server::reports {

inline storage::ReportPeriod report_period_of(reporting::PeriodKind kind) {
    switch (kind) {
        case reporting::PeriodKind::Day: return storage::ReportPeriod::Day;
        case reporting::PeriodKind::Month: return storage::ReportPeriod::Month;
        case reporting::PeriodKind::Quarter: return storage::ReportPeriod::Quarter;
        case reporting::PeriodKind::Year: return storage::ReportPeriod::Year;
    }
    return storage::ReportPeriod::Month;
}

inline reporting::PeriodKind period_kind_of(storage::ReportPeriod period) {
    switch (period) {
        case storage::ReportPeriod::Day: return reporting::PeriodKind::Day;
        case storage::ReportPeriod::Month: return reporting::PeriodKind::Month;
        case storage::ReportPeriod::Quarter: return reporting::PeriodKind::Quarter;
        case storage::ReportPeriod::Year: return reporting::PeriodKind::Year;
    }
    return reporting::PeriodKind::Month;
}

}  // namespace parkgrid::server::reports
