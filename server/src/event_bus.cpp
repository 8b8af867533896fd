#include "parkgrid/server/event_bus.hpp"

#include <algorithm>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server {

EventBus::Subscription& EventBus::Subscription::operator=(Subscription&& other) noexcept {
    if (this != &other) {
        if (bus_) {
            bus_->unsubscribe(id_);
        }
        bus_ = std::exchange(other.bus_, nullptr);
        id_ = other.id_;
    }
    return *this;
}

EventBus::Subscription::~Subscription() {
    if (bus_) {
        bus_->unsubscribe(id_);
    }
}

bool EventBus::Subscriber::wants(std::string_view type, std::string_view charger_id) const {
    return (types.empty() || std::find(types.begin(), types.end(), type) != types.end()) &&
           (!interest || interest(type, charger_id));
}

EventBus::Subscription EventBus::subscribe(Handler handler, std::vector<std::string> types,
                                           Interest interest) {
    const std::lock_guard lock(mutex_);
    const auto id = next_subscriber_id_++;
    subscribers_.push_back(
        {id, std::move(types), std::move(interest), std::make_shared<Handler>(std::move(handler))});
    return Subscription(this, id);
}

void EventBus::unsubscribe(std::uint64_t id) {
    const std::lock_guard lock(mutex_);
    std::erase_if(subscribers_, [id](const Subscriber& subscriber) { return subscriber.id == id; });
}

bool EventBus::has_subscribers(std::string_view type, std::string_view charger_id) const {
    const std::lock_guard lock(mutex_);
    return std::any_of(
        subscribers_.begin(), subscribers_.end(),
        [type, charger_id](const Subscriber& subscriber) { return subscriber.wants(type, charger_id); });
}

void EventBus::publish(std::string type, std::string charger_id, nlohmann::json data) {
    auto event = std::make_shared<Event>(
        Event{0, std::move(type), std::move(charger_id), std::move(data), ocpp::DateTime::now().instant()});
    std::vector<std::shared_ptr<Handler>> handlers;
    {
        // Handlers run outside the lock so that they may subscribe or unsubscribe. Events published on two
        // threads at once can therefore reach a subscriber in either order; the sequence tells.
        const std::lock_guard lock(mutex_);
        event->sequence = next_sequence_++;
        for (const auto& subscriber : subscribers_) {
            if (subscriber.wants(event->type, event->charger_id)) {
                handlers.push_back(subscriber.handler);
            }
        }
    }
    const EventPtr published = std::move(event);
    for (const auto& handler : handlers) {
        (*handler)(published);
    }
}

}  // namespace parkgrid::server
