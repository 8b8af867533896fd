#include "parkgrid/server/load_manager.hpp"

#include <algorithm>
#include <array>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cmath>

#include "charging_profiles.hpp"
#include "live_charger.hpp"
#include "load_history.hpp"
#include "meter_reading.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"
#include "plan_view.hpp"
#include "site_calendar.hpp"
#include "site_snapshot.hpp"
#include "site_state_builder.hpp"

namespace parkgrid::server {

namespace net = boost::asio;
using load::LiveCharger;
using load::SiteSnapshot;

namespace {

const std::string kRequestedBy = "system:load-management";
const std::string kPlanComputed = "load.plan_computed";
// The scheduler runs after every burst of a site's charger events, several times a second on a busy site;
// its plan (every connector of the site) is published at most this often, the latest run last.
constexpr auto kPlanEventInterval = std::chrono::seconds(2);
// A limit is compared with what the charger has in tenths of an ampere, the resolution of OCPP limits.
constexpr double kSameLimitA = 0.05;

// Events about one charger, which matter only while it is at a managed site, and events about sites and
// their configuration, which may bring a charger in and so always come.
constexpr std::array<std::string_view, 7> kChargerEvents = {
    "charger.booted",      "charger.connected",   "charger.disconnected", "connector.status",
    "transaction.started", "transaction.stopped", "meter_reading"};
constexpr std::array<std::string_view, 3> kSiteEvents = {"load.config_changed", "building_load.reading",
                                                         "charging_need.changed"};

std::vector<std::string> subscribed_events() {
    std::vector<std::string> types(kChargerEvents.begin(), kChargerEvents.end());
    types.insert(types.end(), kSiteEvents.begin(), kSiteEvents.end());
    return types;
}

bool is_site_event(std::string_view type) {
    return std::find(kSiteEvents.begin(), kSiteEvents.end(), type) != kSiteEvents.end();
}

std::optional<std::int64_t> site_id_of(const Event& event) {
    const auto found = event.data.find("siteId");
    return found != event.data.end() && found->is_number_integer() ? std::optional(found->get<std::int64_t>())
                                                                   : std::nullopt;
}

std::int32_t int_field(const nlohmann::json& data, const char* key, std::int32_t fallback = 0) {
    const auto found = data.find(key);
    return found != data.end() && found->is_number_integer() ? found->get<std::int32_t>() : fallback;
}

}  // namespace

struct LoadManager::SiteRuntime {
    SiteSnapshot snapshot;
    load::SiteCalendar calendar;
    std::optional<nlohmann::json> view{};
    load::LoadHistory history{};
    bool transactions_recovered = false;
    std::chrono::steady_clock::time_point plan_published{};
    bool plan_event_due = false;  // a run waits for kPlanEventInterval to pass; plan_event_timer is armed
    std::unique_ptr<net::steady_timer> plan_event_timer{};
};

LoadManager::LoadManager(net::any_io_executor executor, storage::Database& database, CommandService& commands,
                         EventBus& events, Options options)
    : strand_(net::make_strand(executor)),
      timer_(strand_),
      database_(database),
      commands_(commands),
      events_(events),
      options_(std::move(options)) {}

LoadManager::~LoadManager() = default;

void LoadManager::start() {
    subscription_ = events_.subscribe(
        [weak = weak_from_this()](const EventPtr& event) {
            if (auto self = weak.lock()) {
                net::post(self->strand_, [self, event] { self->on_event(*event); });
            }
        },
        subscribed_events(),
        // MeterValues of chargers at no managed site are then neither turned into meter_reading events nor
        // handed to this strand (a tenth of the server's CPU per MeterValues in the benchmark, whose chargers
        // are at no site).
        [managed = managed_chargers_](std::string_view type, std::string_view charger_id) {
            return is_site_event(type) || managed->contains(charger_id);
        });
    net::post(strand_, [self = shared_from_this()] {
        self->reload_all_sites();
        self->schedule_tick();
    });
}

void LoadManager::stop() {
    net::post(strand_, [self = shared_from_this()] {
        self->stopped_ = true;
        self->timer_.cancel();
        for (auto& site : self->sites_) {
            if (site.second->plan_event_timer) {
                site.second->plan_event_timer->cancel();
            }
        }
    });
    subscription_ = {};
}

std::int64_t LoadManager::now_seconds() const {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

void LoadManager::schedule_tick() {
    timer_.expires_after(std::chrono::seconds(options_.period_seconds));
    timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
        auto self = weak.lock();
        if (!self || ec || self->stopped_) {
            return;
        }
        if (self->now_seconds() - self->last_reload_ >= self->options_.site_reload_seconds) {
            self->reload_all_sites();
        } else {
            for (const auto& [site_id, runtime] : self->sites_) {
                self->request_recompute(site_id);
            }
        }
        self->schedule_tick();
    });
}

void LoadManager::reload_all_sites() {
    last_reload_ = now_seconds();
    storage::read(
        database_,
        [](storage::Repositories& repositories) { return repositories.load_management().managed_sites(); },
        [weak = weak_from_this()](storage::Outcome<std::vector<std::int64_t>> sites) {
            auto self = weak.lock();
            if (!self || !sites.ok()) {
                return;
            }
            net::post(self->strand_, [self, ids = sites.value()] {
                for (auto it = self->sites_.begin(); it != self->sites_.end();) {
                    it = std::find(ids.begin(), ids.end(), it->first) == ids.end() ? self->sites_.erase(it)
                                                                                   : std::next(it);
                }
                for (const auto id : ids) {
                    self->reload_site(id);
                }
            });
        });
}

void LoadManager::reload_site(std::int64_t site_id) {
    storage::read(
        database_,
        [site_id](storage::Repositories& repositories) {
            return load::read_site_snapshot(repositories, site_id);
        },
        [weak = weak_from_this(), site_id](storage::Outcome<std::optional<SiteSnapshot>> snapshot) {
            auto self = weak.lock();
            if (!self) {
                return;
            }
            if (!snapshot.ok()) {
                log::error("load management could not read a site", {{"site", std::to_string(site_id)}});
                return;
            }
            net::post(self->strand_, [self, site_id, value = snapshot.value()]() mutable {
                self->adopt_snapshot(site_id, std::move(value));
            });
        });
}

void LoadManager::adopt_snapshot(std::int64_t site_id, std::optional<SiteSnapshot> snapshot) {
    if (!snapshot) {
        if (const auto gone = sites_.find(site_id); gone != sites_.end()) {
            managed_chargers_->replace(gone->second->snapshot.chargers, {});
            sites_.erase(gone);
        }
        return;
    }
    for (auto it = site_of_charger_.begin(); it != site_of_charger_.end();) {
        it = it->second == site_id ? site_of_charger_.erase(it) : std::next(it);
    }
    for (const auto& charger : snapshot->chargers) {
        site_of_charger_[charger.charger_id] = site_id;
    }
    load::SiteCalendar calendar(snapshot->site.time_zone, snapshot->tariff);
    auto& runtime = sites_[site_id];
    const std::vector<storage::ChargerLoadSettings> none;
    managed_chargers_->replace(runtime ? runtime->snapshot.chargers : none, snapshot->chargers);
    // A known site keeps its latest view and its load history across reloads (one every minute).
    if (runtime) {
        runtime->snapshot = std::move(*snapshot);
        runtime->calendar = std::move(calendar);
    } else {
        runtime = std::make_unique<SiteRuntime>(SiteRuntime{std::move(*snapshot), std::move(calendar)});
    }
    if (!runtime->transactions_recovered) {
        recover_transactions(site_id);
    }
    request_recompute(site_id);
}

void LoadManager::ManagedChargers::replace(const std::vector<storage::ChargerLoadSettings>& before,
                                           const std::vector<storage::ChargerLoadSettings>& after) {
    const std::lock_guard lock(mutex_);
    for (const auto& charger : after) {
        ++sites_listing_[charger.charger_id];
    }
    for (const auto& charger : before) {
        const auto listed = sites_listing_.find(charger.charger_id);
        if (listed != sites_listing_.end() && --listed->second == 0) {
            sites_listing_.erase(listed);
        }
    }
}

bool LoadManager::ManagedChargers::contains(std::string_view charger_id) const {
    const std::lock_guard lock(mutex_);
    return sites_listing_.contains(charger_id);
}

// After a restart, running transactions are known from storage only; their chargers report meter values
// and statuses again soon.
void LoadManager::recover_transactions(std::int64_t site_id) {
    sites_.at(site_id)->transactions_recovered = true;
    std::vector<std::string> charger_ids;
    for (const auto& charger : sites_.at(site_id)->snapshot.chargers) {
        charger_ids.push_back(charger.charger_id);
    }
    storage::read(
        database_,
        [charger_ids](storage::Repositories& repositories) {
            std::vector<storage::TransactionRecord> open;
            for (const auto& id : charger_ids) {
                storage::TransactionFilter filter;
                filter.charger_id = id;
                filter.open = true;
                for (auto& transaction : repositories.transactions().query(filter)) {
                    open.push_back(std::move(transaction));
                }
            }
            return open;
        },
        [weak = weak_from_this(), site_id](storage::Outcome<std::vector<storage::TransactionRecord>> open) {
            auto self = weak.lock();
            if (!self || !open.ok()) {
                return;
            }
            net::post(self->strand_, [self, site_id, transactions = open.value()] {
                for (const auto& transaction : transactions) {
                    auto& connector = self->chargers_[transaction.start.charger_id]
                                          .connectors[transaction.start.connector_id];
                    if (connector.session) {
                        continue;
                    }
                    load::LiveSession session;
                    session.transaction_id = transaction.id;
                    session.started_at = std::chrono::duration_cast<std::chrono::seconds>(
                                             transaction.start.timestamp.time_since_epoch())
                                             .count();
                    session.meter_start_wh = static_cast<double>(transaction.start.meter_start);
                    connector.session = session;
                    self->read_session_facts(transaction.start.charger_id, transaction.start.connector_id,
                                             transaction.id, transaction.start.id_tag);
                }
                self->request_recompute(site_id);
            });
        });
}

void LoadManager::on_event(const Event& event) {
    if (stopped_) {
        return;
    }
    if (event.type == "load.config_changed") {
        if (const auto site = site_id_of(event)) {
            reload_site(*site);
        }
        // A charger may have moved away from a site this manager knew it at.
        if (!event.charger_id.empty()) {
            if (const auto old = site_of_charger_.find(event.charger_id); old != site_of_charger_.end()) {
                reload_site(old->second);
            }
        }
        return;
    }
    if (event.type == "building_load.reading") {
        if (const auto site = site_id_of(event); site && sites_.contains(*site)) {
            reload_site(*site);  // the snapshot carries the latest reading per circuit
        }
        return;
    }
    const auto site = site_of_charger_.find(event.charger_id);
    if (site == site_of_charger_.end()) {
        return;  // not a managed charger
    }
    on_charger_event(event, site->second);
}

void LoadManager::on_charger_event(const Event& event, std::int64_t site_id) {
    auto& charger = chargers_[event.charger_id];
    const auto now = now_seconds();
    const auto& data = event.data;
    if (event.type == "charger.connected") {
        charger.online = true;
    } else if (event.type == "charger.booted") {
        charger.online = true;
        if (data.value("status", "") == "Accepted") {
            // Profiles are installed again at every accepted boot: the charger may have lost them.
            charger.failsafe_sent_a.reset();
            charger.max_profile_sent_a.reset();
        }
    } else if (event.type == "charger.disconnected") {
        charger.online = false;
    } else if (event.type == "connector.status") {
        const auto connector_id = int_field(data, "connectorId");
        if (connector_id > 0) {
            charger.connectors[connector_id].status = data.value("status", "");
        }
    } else if (event.type == "transaction.started") {
        auto& connector = charger.connectors[int_field(data, "connectorId", 1)];
        load::LiveSession session;
        session.transaction_id = int_field(data, "transactionId");
        session.started_at = now;
        session.meter_start_wh = data.value("meterStart", 0.0);
        connector.session = session;
        // Until its first TxProfile, the transaction runs on the failsafe default.
        connector.previous_limit_a = connector.limit_a;
        connector.limit_a = charger.failsafe_sent_a;
        connector.limit_since = now;
        connector.overdraw = scheduling::OverdrawWatch(options_.overdraw_tolerance_a);
        connector.tracker.session_started();
        read_session_facts(event.charger_id, int_field(data, "connectorId", 1), session.transaction_id,
                           data.value("idTag", ""));
    } else if (event.type == "transaction.stopped") {
        for (auto& [id, connector] : charger.connectors) {
            if (connector.session && connector.session->transaction_id == int_field(data, "transactionId")) {
                connector.session.reset();
                connector.limit_a.reset();
                connector.previous_limit_a.reset();
            }
        }
    } else if (event.type == "charging_need.changed") {
        for (auto& [id, connector] : charger.connectors) {
            if (connector.session && connector.session->transaction_id == int_field(data, "transactionId")) {
                read_session_facts(event.charger_id, id, connector.session->transaction_id, "");
            }
        }
    } else if (event.type == "meter_reading") {
        auto& connector = charger.connectors[int_field(data, "connectorId", 1)];
        if (!connector.session) {
            return;
        }
        const auto reading = load::from_event_data(data);
        auto& session = *connector.session;
        session.energy_wh = reading.energy_wh ? reading.energy_wh : session.energy_wh;
        session.soc_percent = reading.soc_percent ? reading.soc_percent : session.soc_percent;
        if (reading.phases_drawing) {
            session.vehicle_phases = *reading.phases_drawing;
        }
        if (reading.current_a) {
            session.measured_a = reading.current_a;
            session.measured_at = now;
            // A reading right after a new limit may still show the old one: no evidence yet.
            const bool settled =
                connector.limit_a && now - connector.limit_since > options_.scheduler.decrease_settle_time;
            if (settled) {
                connector.tracker.vehicle_drew(*reading.current_a, *connector.limit_a);
            }
            if (settled && connector.overdraw.observe(*reading.current_a, *connector.limit_a)) {
                flag_charger(event.charger_id, "overdraw",
                             "drew " + std::to_string(*reading.current_a) + " A under a limit of " +
                                 std::to_string(*connector.limit_a) + " A",
                             site_id);
            }
        }
    }
    request_recompute(site_id);
}

void LoadManager::read_session_facts(const std::string& charger_id, std::int32_t connector_id,
                                     std::int32_t transaction_id, std::string id_tag) {
    struct Facts {
        std::optional<storage::ChargingNeedRecord> need;
        std::optional<storage::VehicleRecord> vehicle;
    };
    storage::read(
        database_,
        [transaction_id, id_tag](storage::Repositories& repositories) {
            Facts facts;
            facts.need = repositories.load_management().charging_need(transaction_id);
            auto tag = id_tag;
            if (tag.empty()) {
                if (const auto transaction = repositories.transactions().find(transaction_id)) {
                    tag = transaction->start.id_tag;
                }
            }
            if (const auto record = repositories.id_tags().find(tag); record && record->vehicle_id) {
                facts.vehicle = repositories.vehicles().find(*record->vehicle_id);
            }
            return facts;
        },
        [weak = weak_from_this(), charger_id, connector_id, transaction_id](storage::Outcome<Facts> facts) {
            auto self = weak.lock();
            if (!self || !facts.ok()) {
                return;
            }
            net::post(self->strand_, [self, charger_id, connector_id, transaction_id, facts = facts.value()] {
                auto& connector = self->chargers_[charger_id].connectors[connector_id];
                const auto site = self->site_of_charger_.find(charger_id);
                if (!connector.session || connector.session->transaction_id != transaction_id ||
                    site == self->site_of_charger_.end() || !self->sites_.contains(site->second)) {
                    return;
                }
                auto& session = *connector.session;
                const auto& calendar = self->sites_.at(site->second)->calendar;
                session.requested_kwh.reset();
                session.departure.reset();
                if (facts.vehicle) {
                    session.priority = facts.vehicle->priority;
                    session.battery_kwh = facts.vehicle->battery_kwh;
                    if (facts.vehicle->usual_departure_time) {
                        session.departure =
                            calendar.next_local(*facts.vehicle->usual_departure_time, session.started_at);
                    }
                }
                if (facts.need) {
                    if (facts.need->energy_kwh) {
                        session.requested_kwh = facts.need->energy_kwh;
                    }
                    if (facts.need->departure_time) {
                        session.departure = std::chrono::duration_cast<std::chrono::seconds>(
                                                facts.need->departure_time->time_since_epoch())
                                                .count();
                    }
                }
                self->request_recompute(site->second);
            });
        });
}

void LoadManager::request_recompute(std::int64_t site_id) {
    // Events come in bursts (a StartTransaction, its StatusNotification, its first MeterValues): one
    // recompute after the burst is queued serves them all.
    if (!recompute_pending_.insert(site_id).second) {
        return;
    }
    net::post(strand_, [self = shared_from_this(), site_id] {
        self->recompute_pending_.erase(site_id);
        self->recompute(site_id);
    });
}

void LoadManager::recompute(std::int64_t site_id) {
    const auto found = sites_.find(site_id);
    if (stopped_ || found == sites_.end()) {
        return;
    }
    auto& runtime = *found->second;
    const auto now = now_seconds();
    const load::BuildOptions build{now, options_.building_load_stale_after_seconds,
                                   options_.scheduler.decrease_settle_time};
    const auto [site, failsafe] =
        load::build_site_state(runtime.snapshot, chargers_, runtime.calendar, build);
    const auto planning_started = std::chrono::steady_clock::now();
    const auto plan = scheduling::plan_site(site, options_.scheduler);
    if (options_.metrics) {
        options_.metrics->record_scheduler_run(std::chrono::steady_clock::now() - planning_started);
    }

    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& connector = site.connectors[i];
        auto& charger = chargers_[connector.charger_id];
        auto& live = charger.connectors[connector.connector_id];
        if (!plan.connectors[i].send || !charger.online || !live.session) {
            continue;
        }
        const double limit = plan.connectors[i].limit_a;
        live.previous_limit_a = live.limit_a.value_or(connector.max_current_a);
        live.limit_a = limit;
        live.limit_since = now;
        if (!plan.connectors[i].forced) {
            live.tracker.limit_sent(now);
        }
        send_profile(connector.charger_id,
                     load::tx_profile(connector.connector_id, live.session->transaction_id, limit), site_id);
    }
    for (const auto& settings : runtime.snapshot.chargers) {
        auto& charger = chargers_[settings.charger_id];
        const auto share = failsafe.find(settings.charger_id);
        if (!charger.online || share == failsafe.end() || settings.load_flag) {
            continue;
        }
        if (!charger.failsafe_sent_a || std::abs(*charger.failsafe_sent_a - share->second) > kSameLimitA) {
            charger.failsafe_sent_a = share->second;
            send_profile(settings.charger_id, load::tx_default_profile(share->second), site_id);
        }
        if (settings.max_current_a &&
            (!charger.max_profile_sent_a ||
             std::abs(*charger.max_profile_sent_a - *settings.max_current_a) > kSameLimitA)) {
            charger.max_profile_sent_a = settings.max_current_a;
            send_profile(settings.charger_id, load::charge_point_max_profile(*settings.max_current_a),
                         site_id);
        }
    }
    runtime.view = load::plan_view(runtime.snapshot, site, plan, chargers_, runtime.calendar, failsafe);
    runtime.history.record(now, load::circuit_figures(runtime.snapshot, plan));
    publish_plan(site_id, runtime);
}

void LoadManager::publish_plan(std::int64_t site_id, SiteRuntime& runtime) {
    // The scheduler runs after every meter reading of the site: build the event only for a listener.
    if (stopped_ || !runtime.view || !events_.has_subscribers(kPlanComputed)) {
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const auto next = runtime.plan_published + kPlanEventInterval;
    if (now >= next) {
        runtime.plan_published = now;
        runtime.plan_event_due = false;
        events_.publish(kPlanComputed, "", load::plan_event_data(*runtime.view));
        return;
    }
    if (runtime.plan_event_due) {
        return;  // the armed timer publishes the latest view
    }
    runtime.plan_event_due = true;
    if (!runtime.plan_event_timer) {
        runtime.plan_event_timer = std::make_unique<net::steady_timer>(strand_);
    }
    runtime.plan_event_timer->expires_at(next);
    runtime.plan_event_timer->async_wait([weak = weak_from_this(), site_id](boost::system::error_code ec) {
        auto self = weak.lock();
        if (ec || !self) {
            return;
        }
        const auto site = self->sites_.find(site_id);
        if (site != self->sites_.end() && site->second->plan_event_due) {
            self->publish_plan(site_id, *site->second);
        }
    });
}

void LoadManager::send_profile(const std::string& charger_id, const ocpp::SetChargingProfileRequest& request,
                               std::int64_t site_id) {
    commands_.send(charger_id, request, kRequestedBy,
                   [weak = weak_from_this(), charger_id, site_id](const CommandOutcome& outcome) {
                       auto self = weak.lock();
                       if (!self || outcome.offline) {
                           return;
                       }
                       std::string flag;
                       std::string detail;
                       if (outcome.call.status == CallOutcome::Status::Result) {
                           const auto status = outcome.call.payload.value("status", "");
                           if (status == "Rejected" || status == "NotSupported") {
                               flag = status == "Rejected" ? "profile_rejected" : "profile_not_supported";
                               detail = "SetChargingProfile answered " + status;
                           }
                       } else if (outcome.call.status == CallOutcome::Status::Error ||
                                  outcome.call.status == CallOutcome::Status::InvalidResponse) {
                           flag = "profile_call_error";
                           detail = "SetChargingProfile answered with an error: " + outcome.call.description;
                       }
                       if (!flag.empty()) {
                           net::post(self->strand_, [self, charger_id, flag, detail, site_id] {
                               self->flag_charger(charger_id, flag, detail, site_id);
                           });
                       }
                   });
}

void LoadManager::flag_charger(const std::string& charger_id, const std::string& flag,
                               const std::string& detail, std::int64_t site_id) {
    log::warn("charger budgeted at its rated current",
              {{"charger", charger_id}, {"flag", flag}, {"detail", detail}});
    const auto at = ocpp::DateTime::now().instant();
    storage::write(
        database_,
        [charger_id, flag, detail, at](storage::Repositories& repositories) {
            repositories.load_management().set_charger_flag(charger_id, flag, detail, at);
        },
        [weak = weak_from_this(), site_id, charger_id, flag](const auto& written) {
            auto self = weak.lock();
            if (!self) {
                return;
            }
            if (written.ok()) {
                self->events_.publish("load.charger_flagged", charger_id,
                                      {{"flag", flag}, {"siteId", site_id}});
            }
            net::post(self->strand_, [self, site_id] { self->reload_site(site_id); });
        });
}

void LoadManager::site_view(std::int64_t site_id, std::optional<std::int64_t> history_since,
                            std::function<void(std::optional<nlohmann::json>)> done) {
    net::post(strand_, [self = shared_from_this(), site_id, history_since, done = std::move(done)] {
        const auto found = self->sites_.find(site_id);
        if (found == self->sites_.end() || !found->second->view) {
            done(std::nullopt);
            return;
        }
        auto view = *found->second->view;
        if (history_since) {
            view["history"] = found->second->history.since(*history_since);
        }
        done(std::move(view));
    });
}

}  // namespace parkgrid::server
