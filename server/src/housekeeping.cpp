#include "parkgrid/server/housekeeping.hpp"

#include <boost/asio/post.hpp>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

constexpr auto kBuildingLoadRetention = std::chrono::days(31);
constexpr auto kNextChunkDelay = std::chrono::milliseconds(200);

}  // namespace

storage::Timestamp meter_value_cutoff(storage::Timestamp now, std::size_t months) {
    using namespace std::chrono;
    const auto day = floor<days>(now);
    const year_month_day date{day};
    year_month_day earlier = date - std::chrono::months(static_cast<int>(months));
    if (!earlier.ok()) {
        earlier = year_month_day_last(earlier.year(), month_day_last(earlier.month()));
    }
    return sys_days(earlier) + (now - day);
}

void Housekeeping::start() {
    run_once();
    schedule();
}

void Housekeeping::stop() {
    timer_.cancel();
    prune_timer_.cancel();
}

void Housekeeping::schedule() {
    timer_.expires_after(options_.interval);
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
    prune_meter_values();
}

void Housekeeping::prune_meter_values() {
    if (options_.meter_value_retention_months == 0) {
        return;
    }
    const auto cutoff =
        meter_value_cutoff(ocpp::DateTime::now().instant(), options_.meter_value_retention_months);
    const auto chunk = options_.meter_value_chunk;
    storage::write(
        database_,
        [cutoff, chunk](storage::Repositories& repositories) {
            return repositories.meter_values().delete_before(cutoff, chunk);
        },
        [weak = weak_from_this(), chunk](storage::Outcome<std::size_t> deleted) {
            if (!deleted.ok()) {
                log::error("deleting old meter values failed");
                return;
            }
            if (deleted.value() > 0) {
                log::info("old meter values deleted", {{"count", std::to_string(deleted.value())}});
            }
            auto self = weak.lock();
            if (!self || deleted.value() < chunk) {
                return;  // caught up; the next regular run looks again
            }
            // On the storage thread here: the timer belongs to the executor.
            boost::asio::post(self->prune_timer_.get_executor(), [self] {
                self->prune_timer_.expires_after(kNextChunkDelay);
                self->prune_timer_.async_wait([weak = self->weak_from_this()](boost::system::error_code ec) {
                    if (auto again = weak.lock(); again && !ec) {
                        again->prune_meter_values();
                    }
                });
            });
        });
}

}  // namespace parkgrid::server
