#include "parkgrid/server/housekeeping.hpp"

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

constexpr auto kBuildingLoadRetention = std::chrono::days(31);

}  // namespace

void Housekeeping::start() {
    run_once();
    schedule();
}

void Housekeeping::stop() {
    timer_.cancel();
}

void Housekeeping::schedule() {
    timer_.expires_after(interval_);
    timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        if (auto self = weak.lock(); self && !ec) {
            self->run_once();
            self->schedule();
        }
    });
}

void Housekeeping::run_once() {
    storage::write(
        database_,
        [](storage::Repositories& repositories) {
            const auto now = ocpp::DateTime::now().instant();
            // Building-load readings only serve the scheduler (minutes old) and GET /sites/{id}/load (a
            // week at most); a month is kept for looking back at an incident.
            repositories.load_management().prune_building_load(now - kBuildingLoadRetention);
            return repositories.reservations().expire_due(now);
        },
        [](const storage::Outcome<std::size_t>& expired) {
            if (!expired.ok()) {
                log::error("housekeeping failed");
            }
        });
}

}  // namespace parkgrid::server
