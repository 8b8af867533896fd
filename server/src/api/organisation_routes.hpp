#pragma once

#include "parkgrid/storage/database.hpp"
#include "router.hpp"

// Routes of the organisation model, one file each. Institutions are the admin's to change; sites,
// departments, vehicles and drivers are changed by admins and by fleet admins within their institutions;
// everyone reads within their scope (see docs/api.md).
namespace parkgrid::server::api {

void add_institution_routes(Router& router, storage::Database& database);
void add_site_routes(Router& router, storage::Database& database);
void add_department_routes(Router& router, storage::Database& database);
void add_vehicle_routes(Router& router, storage::Database& database);
void add_driver_routes(Router& router, storage::Database& database);

}  // namespace parkgrid::server::api
