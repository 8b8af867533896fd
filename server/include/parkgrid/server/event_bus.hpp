#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::server {

// Something that happened, published after it was durably stored.
struct Event {
    std::uint64_t sequence = 0;  // assigned by the bus; increases by one per event
    std::string type;            // e.g. "transaction.started"; see docs/api.md for the list
    std::string charger_id;
    nlohmann::json data;
    storage::Timestamp at{};
};

// Shared, immutable once published: a subscriber that hands an event on to another thread keeps the pointer
// instead of copying its data (a MeterValues event carries the whole reading).
using EventPtr = std::shared_ptr<const Event>;

// Publish/subscribe within the process. Handlers run synchronously on the publishing thread (a storage
// thread or a connection's strand), so they must only hand the event on, never block.
class EventBus {
public:
    using Handler = std::function<void(const EventPtr&)>;
    // Narrows a subscription beyond event types: asked on the publishing thread for each event of the
    // subscribed types, so it must be thread-safe and quick. A subscriber that serves a few chargers spares
    // the publishers of all the others the work of building their events (has_subscribers).
    using Interest = std::function<bool(std::string_view type, std::string_view charger_id)>;

    // Unsubscribes when destroyed. A handler may still be running on another thread at that moment, so
    // handlers must not touch objects that die with their subscription (hold weak pointers).
    class Subscription {
    public:
        Subscription() = default;
        Subscription(EventBus* bus, std::uint64_t id) : bus_(bus), id_(id) {}
        Subscription(Subscription&& other) noexcept
            : bus_(std::exchange(other.bus_, nullptr)), id_(other.id_) {}
        Subscription& operator=(Subscription&& other) noexcept;
        Subscription(const Subscription&) = delete;
        Subscription& operator=(const Subscription&) = delete;
        ~Subscription();

    private:
        EventBus* bus_ = nullptr;
        std::uint64_t id_ = 0;
    };

    // `types` limits the events the handler gets (empty means all), and `interest`, if given, further.
    [[nodiscard]] Subscription subscribe(Handler handler, std::vector<std::string> types = {},
                                         Interest interest = {});
    void publish(std::string type, std::string charger_id, nlohmann::json data);
    // Lets publishers skip building events nobody listens to (MeterValues arrive thousands per second).
    bool has_subscribers(std::string_view type, std::string_view charger_id = {}) const;

private:
    struct Subscriber {
        std::uint64_t id;
        std::vector<std::string> types;
        Interest interest;
        std::shared_ptr<Handler> handler;

        bool wants(std::string_view type, std::string_view charger_id) const;
    };

    void unsubscribe(std::uint64_t id);

    mutable std::mutex mutex_;
    std::uint64_t next_subscriber_id_ = 1;
    std::uint64_t next_sequence_ = 1;
    std::vector<Subscriber> subscribers_;
};

}  // namespace parkgrid::server
