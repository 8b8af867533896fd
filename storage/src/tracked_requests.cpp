#include "tracked_requests.hpp"

#include <string>

#include "column_conversions.hpp"

namespace parkgrid::storage {

void record_request_answer(sqlite::Connection& connection, std::string_view table, std::int32_t id,
                           const RequestAnswer& answer) {
    // SQLite evaluates every SET expression against the row as it was, so all three see the old status.
    auto statement =
        connection.cached("UPDATE " + std::string(table) +
                          " SET charger_status = ?2, "
                          "status = CASE WHEN status = 'requested' THEN ?3 ELSE status END, "
                          "status_at = CASE WHEN status = 'requested' THEN ?4 ELSE status_at END, "
                          "finished_at = CASE WHEN status = 'requested' AND ?5 THEN ?4 ELSE finished_at END "
                          "WHERE id = ?1");
    statement
        ->bind_all(id, answer.charger_status, answer.status, to_unix_millis(answer.at),
                   std::int64_t{answer.finished ? 1 : 0})
        .execute();
}

std::optional<std::int32_t> apply_request_notification(sqlite::Connection& connection, std::string_view table,
                                                       const RequestNotification& notification) {
    std::optional<std::int32_t> id;
    if (notification.request_id) {
        auto find =
            connection.cached("SELECT id FROM " + std::string(table) + " WHERE id = ?1 AND charger_id = ?2");
        find->bind_all(*notification.request_id, notification.charger_id);
        if (find->step()) {
            id = find->column<std::int32_t>(0);
        }
    } else {
        auto find = connection.cached("SELECT id FROM " + std::string(table) +
                                      " WHERE charger_id = ?1 AND finished_at IS NULL "
                                      "ORDER BY requested_at DESC, id DESC LIMIT 1");
        find->bind_all(notification.charger_id);
        if (find->step()) {
            id = find->column<std::int32_t>(0);
        }
    }
    if (!id) {
        return std::nullopt;
    }
    // A final status finishes the request; a later non-final one (the charger retries) reopens it.
    auto update =
        connection.cached("UPDATE " + std::string(table) +
                          " SET status = ?2, status_at = ?3, finished_at = CASE WHEN ?4 THEN ?3 END "
                          "WHERE id = ?1");
    update
        ->bind_all(*id, notification.status, to_unix_millis(notification.at),
                   std::int64_t{notification.finished ? 1 : 0})
        .execute();
    return id;
}

}  // namespace parkgrid::storage
