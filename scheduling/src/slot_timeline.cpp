#include "slot_timeline.hpp"

#include <algorithm>

namespace parkgrid::scheduling {

Seconds planned_departure(const Session& session, Seconds now, const SchedulerOptions& options) {
    return session.departure > now ? session.departure : now + options.default_dwell;
}

SlotTimeline::SlotTimeline(const SiteState& site, const SchedulerOptions& options) {
    const Seconds length = std::max<Seconds>(options.slot_length, 1);
    Seconds last_departure = site.now + 1;
    for (const auto& connector : site.connectors) {
        if (connector.session) {
            last_departure =
                std::max(last_departure, planned_departure(*connector.session, site.now, options));
        }
    }
    end_ = std::min(last_departure, site.now + std::max<Seconds>(options.horizon, 1));
    for (Seconds at = site.now; at < end_; at = (at / length + 1) * length) {
        starts_.push_back(at);
    }

    const std::size_t circuits = site.circuits.size();
    prices_.reserve(starts_.size());
    building_.reserve(starts_.size());
    for (std::size_t slot = 0; slot < starts_.size(); ++slot) {
        prices_.push_back(site.price_per_kwh ? site.price_per_kwh(starts_[slot]) : 0.0);
        std::vector<std::optional<PhaseCurrents>> loads(circuits);
        for (std::size_t c = 0; c < circuits; ++c) {
            const auto live = c < site.building_load.size() ? site.building_load[c] : std::nullopt;
            std::optional<PhaseCurrents> expected;
            if (slot > 0 && site.building_load_forecast) {
                expected = site.building_load_forecast(c, starts_[slot]);
            }
            loads[c] = expected ? expected : live;
        }
        building_.push_back(std::move(loads));
    }
}

double SlotTimeline::hours_before(std::size_t slot, Seconds departure) const {
    const Seconds until = std::min(end(slot), departure);
    return until > start(slot) ? static_cast<double>(until - start(slot)) / 3600.0 : 0.0;
}

}  // namespace parkgrid::scheduling
