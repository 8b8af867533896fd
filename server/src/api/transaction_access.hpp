#pragma once

#include <cstdint>

#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/repositories.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

// The path parameter `index` as an OCPP transaction id: anything but a 32-bit whole number names no
// transaction, so it is a 404 like an unknown id.
std::int32_t transaction_id_param(const ApiRequest& request, std::size_t index);

// The transaction as `principal` may see it: 404 when it does not exist or its charger's current site lies
// outside the caller's scope.
storage::TransactionRecord require_visible_transaction(storage::Repositories& repositories,
                                                       const Principal& principal, std::int32_t id);

}  // namespace parkgrid::server::api
