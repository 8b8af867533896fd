#include "parkgrid/server/event_bus.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parkgrid::server {
namespace {

class EventBusTest : public ::testing::Test {
protected:
    EventBus bus_;
    std::vector<std::string> heard_;  // "type charger" per event a subscriber got

    EventBus::Handler recorder() {
        return [this](const EventPtr& event) { heard_.push_back(event->type + " " + event->charger_id); };
    }
};

TEST_F(EventBusTest, ASubscriberHearsItsTypesInOrderWithIncreasingSequence) {
    std::vector<std::uint64_t> sequences;
    const auto subscription = bus_.subscribe(
        [&](const EventPtr& event) {
            heard_.push_back(event->type + " " + event->charger_id);
            sequences.push_back(event->sequence);
        },
        {"charger.booted", "meter_reading"});
    bus_.publish("charger.booted", "CP-1", {});
    bus_.publish("connector.status", "CP-1", {});
    bus_.publish("meter_reading", "CP-2", {});
    EXPECT_EQ(heard_, (std::vector<std::string>{"charger.booted CP-1", "meter_reading CP-2"}));
    ASSERT_EQ(sequences.size(), 2u);
    EXPECT_EQ(sequences[1], sequences[0] + 2) << "every event takes a sequence number, heard or not";
}

TEST_F(EventBusTest, AnInterestNarrowsWhatASubscriberHearsAndWhatPublishersMustBuild) {
    const auto subscription = bus_.subscribe(recorder(), {"meter_reading", "load.config_changed"},
                                             [](std::string_view type, std::string_view charger_id) {
                                                 return type == "load.config_changed" || charger_id == "CP-1";
                                             });
    EXPECT_TRUE(bus_.has_subscribers("meter_reading", "CP-1"));
    EXPECT_FALSE(bus_.has_subscribers("meter_reading", "CP-2"));
    EXPECT_TRUE(bus_.has_subscribers("load.config_changed", "CP-2"));
    EXPECT_FALSE(bus_.has_subscribers("connector.status", "CP-1"));

    bus_.publish("meter_reading", "CP-2", {});
    bus_.publish("meter_reading", "CP-1", {});
    bus_.publish("load.config_changed", "CP-2", {});
    EXPECT_EQ(heard_, (std::vector<std::string>{"meter_reading CP-1", "load.config_changed CP-2"}));
}

TEST_F(EventBusTest, ASubscriberOfEverythingMakesEveryEventWorthBuilding) {
    auto narrow =
        bus_.subscribe(recorder(), {"meter_reading"},
                       [](std::string_view, std::string_view charger_id) { return charger_id == "CP-1"; });
    EXPECT_FALSE(bus_.has_subscribers("meter_reading", "CP-2"));
    {
        const auto everything = bus_.subscribe(recorder());
        EXPECT_TRUE(bus_.has_subscribers("meter_reading", "CP-2"));
    }
    EXPECT_FALSE(bus_.has_subscribers("meter_reading", "CP-2")) << "a dropped subscription is gone";
    narrow = {};
    EXPECT_FALSE(bus_.has_subscribers("meter_reading", "CP-1"));
}

}  // namespace
}  // namespace parkgrid::server
