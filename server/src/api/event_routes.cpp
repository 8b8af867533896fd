#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <unordered_map>

#include "charger_access.hpp"
#include "json_views.hpp"
#include "routes.hpp"

namespace parkgrid::server::api {
namespace {

constexpr auto kKeepAliveInterval = std::chrono::seconds(15);
constexpr auto kScopeRefreshInterval = std::chrono::seconds(30);

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
            [weak = weak_from_this()](const Event& event) {
                if (auto self = weak.lock()) {
                    self->deliver(event);
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
            const auto it = institutions_.find(event.charger_id);
            if (it == institutions_.end() || !principal_.sees(it->second)) {
                return;
            }
        }
        nlohmann::json data = event.data;
        data["chargerId"] = event.charger_id;
        data["at"] = to_json_time(event.at);
        writer_->write("id: " + std::to_string(event.sequence) + "\nevent: " + event.type + "\ndata: " +
                       data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n\n");
    }

    // Which institution each charger belongs to, for filtering by the caller's scope; reloaded now and
    // then so that new or reassigned chargers are seen.
    void refresh_scope() {
        storage::read(
            central_system_.database(),
            [](storage::Repositories& repositories) { return repositories.chargers().list(); },
            [weak = weak_from_this()](storage::Outcome<std::vector<storage::ChargerRecord>> outcome) {
                auto self = weak.lock();
                if (!self || !outcome.ok()) {
                    return;
                }
                std::unordered_map<std::string, std::optional<std::int64_t>> institutions;
                for (const auto& charger : outcome.value()) {
                    institutions.emplace(charger.id, institution_of(charger));
                }
                const std::lock_guard lock(self->mutex_);
                self->institutions_ = std::move(institutions);
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
    std::unordered_map<std::string, std::optional<std::int64_t>> institutions_;
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
