#pragma once

#include "parkgrid/server/central_system.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

void add_charger_routes(Router& router, CentralSystem& central_system);
void add_id_tag_routes(Router& router, storage::Database& database);
void add_transaction_routes(Router& router, storage::Database& database);

}  // namespace parkgrid::server::api
