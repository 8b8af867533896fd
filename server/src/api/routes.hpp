#pragma once

#include "parkgrid/server/central_system.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

void add_charger_routes(Router& router, CentralSystem& central_system);
void add_command_routes(Router& router, CentralSystem& central_system);
void add_configuration_routes(Router& router, CentralSystem& central_system);
void add_event_routes(Router& router, CentralSystem& central_system);
void add_local_list_routes(Router& router, CentralSystem& central_system);
void add_maintenance_routes(Router& router, CentralSystem& central_system);
void add_reservation_routes(Router& router, CentralSystem& central_system);
void add_id_tag_routes(Router& router, storage::Database& database, EventBus& events);
void add_transaction_routes(Router& router, storage::Database& database);
void add_security_event_routes(Router& router, storage::Database& database);
void add_certificate_request_routes(Router& router, CentralSystem& central_system);
void add_security_maintenance_routes(Router& router, CentralSystem& central_system);
void add_charger_security_routes(Router& router, CentralSystem& central_system);
void add_site_plan_routes(Router& router, CentralSystem& central_system);

}  // namespace parkgrid::server::api
