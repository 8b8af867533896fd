#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parkgrid/ocpp/messages/set_charging_profile.hpp"
#include "parkgrid/scheduling/scheduler.hpp"
#include "parkgrid/server/command_service.hpp"
#include "parkgrid/server/event_bus.hpp"
#include "parkgrid/server/metrics.hpp"
#include "parkgrid/storage/database.hpp"
#include "parkgrid/storage/load_management_records.hpp"

namespace parkgrid::server {

namespace load {
struct LiveCharger;
struct SiteSnapshot;
}  // namespace load

// Load management at run time: keeps every managed site's configuration and its chargers' live state,
// reruns the scheduler when anything relevant happens (and periodically), and delivers its decisions as
// SetChargingProfile: TxProfile per transaction, a failsafe TxDefaultProfile and, where configured, a
// ChargePointMaxProfile per charger. Chargers that refuse profiles or draw more than their limit are
// flagged and budgeted at their rated current from then on. After every run it publishes
// load.plan_computed (when someone listens).
//
// Everything runs on one strand; event handlers only post to it.
class LoadManager : public std::enable_shared_from_this<LoadManager> {
public:
    struct Options {
        std::int64_t period_seconds = 15;
        std::int64_t building_load_stale_after_seconds = 120;
        std::int64_t site_reload_seconds = 60;  // picks up configuration changed outside the API
        double overdraw_tolerance_a = 2.0;
        scheduling::SchedulerOptions scheduler{};
        Metrics* metrics = nullptr;  // times each scheduler run, if set
    };

    LoadManager(boost::asio::any_io_executor executor, storage::Database& database, CommandService& commands,
                EventBus& events, Options options);
    ~LoadManager();

    void start();
    void stop();

    // The site's latest plan and loads as the API shows them (see docs/api.md); nullopt when the site is not
    // managed (no circuits). With `history_since` (Unix seconds), the view has "history" too: the circuits'
    // loads of the runs since then, oldest first (kept in memory for 24 h). `done` runs on the strand.
    void site_view(std::int64_t site_id, std::optional<std::int64_t> history_since,
                   std::function<void(std::optional<nlohmann::json>)> done);

private:
    struct SiteRuntime;
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
    };

    void on_event(const Event& event);
    void on_charger_event(const Event& event, std::int64_t site_id);
    void reload_all_sites();
    void reload_site(std::int64_t site_id);
    void adopt_snapshot(std::int64_t site_id, std::optional<load::SiteSnapshot> snapshot);
    void recover_transactions(std::int64_t site_id);
    void request_recompute(std::int64_t site_id);
    void recompute(std::int64_t site_id);
    // Publishes the site's latest plan as load.plan_computed, at most every 2 s (the latest run last).
    void publish_plan(std::int64_t site_id, SiteRuntime& runtime);
    void send_profile(const std::string& charger_id, const ocpp::SetChargingProfileRequest& request,
                      std::int64_t site_id);
    void flag_charger(const std::string& charger_id, const std::string& flag, const std::string& detail,
                      std::int64_t site_id);
    void read_session_facts(const std::string& charger_id, std::int32_t connector_id,
                            std::int32_t transaction_id, std::string id_tag);
    void schedule_tick();
    std::int64_t now_seconds() const;

    boost::asio::strand<boost::asio::any_io_executor> strand_;
    boost::asio::steady_timer timer_;
    storage::Database& database_;
    CommandService& commands_;
    EventBus& events_;
    Options options_;
    EventBus::Subscription subscription_;
    std::map<std::int64_t, std::unique_ptr<SiteRuntime>> sites_;
    std::map<std::string, std::int64_t> site_of_charger_;
    std::map<std::string, load::LiveCharger> chargers_;
    std::set<std::int64_t> recompute_pending_;
    std::int64_t last_reload_ = 0;
    bool stopped_ = false;

    // The chargers at managed sites, for the event bus's interest filter. It is asked on publishing threads
    // under the bus's lock, so it holds this set rather than the manager (whose last reference must not be
    // dropped there: its destructor unsubscribes). Kept up to date site by site, so that a site's reload
    // costs its own chargers only; a charger that moves is listed by both sites until the old one reloads,
    // which the filter may do: on_event decides by site_of_charger_.
    class ManagedChargers {
    public:
        // A managed site's chargers went from `before` to `after` (either may be empty).
        void replace(const std::vector<storage::ChargerLoadSettings>& before,
                     const std::vector<storage::ChargerLoadSettings>& after);
        bool contains(std::string_view charger_id) const;

    private:
        mutable std::mutex mutex_;
        std::unordered_map<std::string, int, StringHash, std::equal_to<>> sites_listing_;  // charger -> sites
    };
    const std::shared_ptr<ManagedChargers> managed_chargers_ = std::make_shared<ManagedChargers>();
};

}  // namespace parkgrid::server
