#pragma once

// What log requests and signed firmware updates share: both are central-system requests with an OCPP
// requestId (their row id), answered once by the charger and then followed through its status
// notifications. The tables have the columns charger_id, requested_at, charger_status, status, status_at
// and finished_at.

#include <cstdint>
#include <optional>
#include <string_view>

#include "parkgrid/storage/security_records.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

// Records the charger's answer in `table`. A request the charger already reported on by notification (the
// answer can arrive after the first notification) keeps that status.
void record_request_answer(sqlite::Connection& connection, std::string_view table, std::int32_t id,
                           const RequestAnswer& answer);

// Applies a status notification to the request of `table` it names, if that is the charger's, or without a
// requestId to the charger's newest unfinished request. Returns the request's id, nullopt when none matched.
std::optional<std::int32_t> apply_request_notification(sqlite::Connection& connection, std::string_view table,
                                                       const RequestNotification& notification);

}  // namespace parkgrid::storage
