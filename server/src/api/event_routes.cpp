#include <boost/asio/steady_timer.hpp>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "charger_access.hpp"
#include "json_views.hpp"
#include "routes.hpp"

namespace parkgrid::server::api {
namespace {

constexpr auto kKeepAliveInterval = std::chrono::seconds(15);
constexpr auto kScopeRefreshInterval = std::chrono::seconds(30);
// Events held for a non-admin stream until its scope is first loaded; beyond that, the oldest are dropped
// (the client reloads on a reconnect anyway).
constexpr std::size_t kMaxHeldEvents = 1000;

std::vector<std::string> split_types(const std::optional<std::string>& text) {
    std::vector<std::string> types;
    if (!text) {
        return types;
    }
    std::size_t start = 0;
    while (start <= text->size()) {
        const auto comma = text->find(',', start);
        auto type = text->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!type.empty()) {
            types.push_back(std::move(type));
        }
        if (comma == std::string::npos) {
            break;
        }
        start = comma + 1;
    }
    return types;
}

bool is_security_event(std::string_view type) {
    return type.starts_with("security.") || type.starts_with("certificate.") || type.starts_with("log.");
}

// One client's Server-Sent Events stream: the bus events it may see, as "id/event/data" frames, with a
// comment every 15 s so that proxies keep the connection and a vanished client is noticed.
class EventStream : public std::enable_shared_from_this<EventStream> {
public:
    EventStream(CentralSystem& central_system, Principal principal, std::optional<std::string> charger_id,
                std::shared_ptr<StreamWriter> writer)
        : central_system_(central_system),
          principal_(std::move(principal)),
          charger_id_(std::move(charger_id)),
          writer_(std::move(writer)),
          timer_(central_system.executor()) {}

    void start(std::vector<std::string> types) {
        writer_->write("retry: 5000\n: connected to ParkGrid events\n\n");
        if (!principal_.is_admin()) {
            refresh_scope();
        }
        subscription_ = central_system_.events().subscribe(
            [weak = weak_from_this()](const EventPtr& event) {
                if (auto self = weak.lock()) {
                    self->deliver(*event);
                }
            },
            std::move(types));
        schedule_keep_alive();
    }

private:
    void deliver(const Event& event) {
        if (charger_id_ && event.charger_id != *charger_id_) {
            return;
        }
        // Security data is for those who operate chargers (as GET /api/v1/security-events).
        if (!principal_.may_change() && is_security_event(event.type)) {
            return;
        }
        if (!principal_.is_admin()) {
            const std::lock_guard lock(mutex_);
            // Until the scope is known, nothing can be judged: hold the event rather than lose it, so a
            // page that subscribes and then acts sees the effect of its action.
            if (!scope_known_) {
                if (held_.size() == kMaxHeldEvents) {
                    held_.erase(held_.begin());
                }
                held_.push_back(event);
                return;
            }
            if (!in_scope(event)) {
                return;
            }
        }
        write(event);
    }

    void write(const Event& event) {
        nlohmann::json data = event.data;
        data["chargerId"] = event.charger_id;
        data["at"] = to_json_time(event.at);
        writer_->write("id: " + std::to_string(event.sequence) + "\nevent: " + event.type + "\ndata: " +
                       data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n");
    }

    // An event belongs to its charger's institution; one that names no charger but a site (the load
    // events), to the site's; one that names only an institution (id_tags.changed), to that. Anything else
    // (a global id tag) is the admin's. Called with mutex_ held.
    bool in_scope(const Event& event) const {
        if (!event.charger_id.empty()) {
            const auto it = institutions_.find(event.charger_id);
            return it != institutions_.end() && principal_.sees(it->second);
        }
        const auto site = event.data.find("siteId");
        if (site != event.data.end() && site->is_number_integer()) {
            const auto it = site_institutions_.find(site->get<std::int64_t>());
            return it != site_institutions_.end() && principal_.sees(it->second);
        }
        const auto institution = event.data.find("institutionId");
        return institution != event.data.end() && institution->is_number_integer() &&
               principal_.sees(institution->get<std::int64_t>());
    }

    // Which institution each charger and each site belongs to, for filtering by the caller's scope;
    // reloaded now and then so that new or reassigned chargers and new sites are seen.
    void refresh_scope() {
        struct Owners {
            std::vector<storage::ChargerRecord> chargers;
            std::vector<storage::SiteRecord> sites;
        };
        storage::read(
            central_system_.database(),
            [scope = principal_.scope()](storage::Repositories& repositories) {
                storage::SiteFilter sites;
                sites.scope = scope;
                sites.limit = std::numeric_limits<std::size_t>::max();
                return Owners{repositories.chargers().list(), repositories.sites().query(sites).items};
            },
            [weak = weak_from_this()](storage::Outcome<Owners> outcome) {
                auto self = weak.lock();
                if (!self || !outcome.ok()) {
                    return;
                }
                std::unordered_map<std::string, std::optional<std::int64_t>> institutions;
                for (const auto& charger : outcome.value().chargers) {
                    institutions.emplace(charger.id, institution_of(charger));
                }
                std::unordered_map<std::int64_t, std::int64_t> site_institutions;
                for (const auto& site : outcome.value().sites) {
                    site_institutions.emplace(site.id, site.institution_id);
                }
                std::vector<Event> held;
                {
                    const std::lock_guard lock(self->mutex_);
                    self->institutions_ = std::move(institutions);
                    self->site_institutions_ = std::move(site_institutions);
                    self->scope_known_ = true;
                    for (auto& event : std::exchange(self->held_, {})) {
                        if (self->in_scope(event)) {
                            held.push_back(std::move(event));
                        }
                    }
                }
                for (const auto& event : held) {
                    self->write(event);
                }
            });
    }

    void schedule_keep_alive() {
        timer_.expires_after(kKeepAliveInterval);
        timer_.async_wait([weak = weak_from_this()](boost::system::error_code ec) {
            auto self = weak.lock();
            if (ec || !self || !self->writer_->open()) {
                return;
            }
            self->writer_->write(": keep-alive\n\n");
            self->since_refresh_ += kKeepAliveInterval;
            if (!self->principal_.is_admin() && self->since_refresh_ >= kScopeRefreshInterval) {
                self->since_refresh_ = {};
                self->refresh_scope();
            }
            self->schedule_keep_alive();
        });
    }

    CentralSystem& central_system_;
    Principal principal_;
    std::optional<std::string> charger_id_;
    std::shared_ptr<StreamWriter> writer_;
    boost::asio::steady_timer timer_;
    EventBus::Subscription subscription_;
    std::mutex mutex_;
    std::unordered_map<std::string, std::optional<std::int64_t>> institutions_;  // by charger
    std::unordered_map<std::int64_t, std::int64_t> site_institutions_;           // by site, in scope only
    bool scope_known_ = false;
    std::vector<Event> held_;  // until scope_known_
    std::chrono::seconds since_refresh_{0};
};

}  // namespace

void add_event_routes(Router& router, CentralSystem& central_system) {
    router.add("GET", "/api/v1/events", [&central_system](const ApiRequest& request, const HttpReply& reply) {
        HttpResponse response;
        response.content_type = "text/event-stream; charset=utf-8";
        response.headers.emplace_back("X-Accel-Buffering", "no");
        response.stream =
            [&central_system, principal = request.principal(), charger_id = request.query("chargerId"),
             types = split_types(request.query("types"))](std::shared_ptr<StreamWriter> writer) {
                auto stream =
                    std::make_shared<EventStream>(central_system, principal, charger_id, std::move(writer));
                stream->start(types);
                return std::shared_ptr<void>(stream);
            };
        reply(std::move(response));
    });
}

}  // namespace parkgrid::server::api
