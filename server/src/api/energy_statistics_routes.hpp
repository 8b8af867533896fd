#pragma once

#include <filesystem>

#include "parkgrid/server/config.hpp"
#include "parkgrid/storage/database.hpp"
#include "reports/export_jobs.hpp"
#include "router.hpp"

// Routes of energy statistics, one file each: the energy report and the fleet inventory, the standard reports
// (monthly ledger, quarterly and annual report) and their export jobs, data-quality findings and checks,
// conversion factors and odometer readings. Everyone reads within their scope (see docs/api.md).
namespace parkgrid::server::api {

void add_report_routes(Router& router, storage::Database& database);
// XLSX downloads are written to a temporary file in `exports_dir` first.
void add_standard_report_routes(Router& router, storage::Database& database,
                                std::filesystem::path exports_dir);
void add_export_routes(Router& router, storage::Database& database, reports::ExportJobs& exports);
void add_data_quality_routes(Router& router, storage::Database& database, const Config& config);
void add_energy_factor_routes(Router& router, storage::Database& database);
void add_odometer_routes(Router& router, storage::Database& database);

}  // namespace parkgrid::server::api
