#include "sqlite_security_event_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class SecurityEventRepositoryTest : public testing::OrganisationTest {
protected:
    SecurityEventRepository& events() { return repositories_.security_events(); }

    std::int64_t add_event(const std::string& charger_id, const std::string& type, std::int64_t received,
                           SecurityEventSource source = SecurityEventSource::Charger, bool critical = false) {
        SecurityEventRecord event;
        event.charger_id = charger_id;
        event.source = source;
        event.type = type;
        event.critical = critical;
        event.occurred_at = at_millis(received - 5);
        event.received_at = at_millis(received);
        return events().insert(event);
    }
};

TEST_F(SecurityEventRepositoryTest, StoresEveryFieldAndListsNewestFirst) {
    SecurityEventRecord event;
    event.id = 999;  // ignored
    event.charger_id = "CP-1";
    event.source = SecurityEventSource::Charger;
    event.type = "TamperDetectionActivated";
    event.tech_info = "door sensor 2";
    event.remote_address = "10.0.0.5:4711";
    event.critical = true;
    event.occurred_at = at_millis(90);
    event.received_at = at_millis(100);
    const auto first = events().insert(event);
    const auto second = add_event("CP-1", "SettingSystemTime", 200, SecurityEventSource::CentralSystem);
    EXPECT_NE(first, 999);
    EXPECT_GT(second, first);

    const auto listing = events().query({});
    ASSERT_EQ(listing.total, 2U);
    ASSERT_EQ(listing.items.size(), 2U);
    EXPECT_EQ(listing.items[0].id, second);
    EXPECT_EQ(listing.items[0].source, SecurityEventSource::CentralSystem);
    EXPECT_FALSE(listing.items[0].critical);
    EXPECT_FALSE(listing.items[0].tech_info);
    const auto& stored = listing.items[1];
    EXPECT_EQ(stored.id, first);
    EXPECT_EQ(stored.charger_id, "CP-1");
    EXPECT_EQ(stored.source, SecurityEventSource::Charger);
    EXPECT_EQ(stored.type, "TamperDetectionActivated");
    EXPECT_EQ(stored.tech_info, "door sensor 2");
    EXPECT_EQ(stored.remote_address, "10.0.0.5:4711");
    EXPECT_TRUE(stored.critical);
    EXPECT_EQ(stored.occurred_at, at_millis(90));
    EXPECT_EQ(stored.received_at, at_millis(100));
}

TEST_F(SecurityEventRepositoryTest, FiltersByChargerSourceTypeCriticalityAndTime) {
    add_event("CP-1", "StartupOfTheDevice", 100, SecurityEventSource::Charger, true);
    add_event("CP-1", "InvalidMessages", 200);
    add_event("CP-2", "StartupOfTheDevice", 300, SecurityEventSource::Charger, true);
    add_event("GHOST", "AuthenticationFailed", 400, SecurityEventSource::CentralSystem);

    const auto count = [&](SecurityEventFilter filter) { return events().query(filter).total; };
    EXPECT_EQ(count({.charger_id = "CP-1"}), 2U);
    EXPECT_EQ(count({.source = SecurityEventSource::CentralSystem}), 1U);
    EXPECT_EQ(count({.source = SecurityEventSource::Charger}), 3U);
    EXPECT_EQ(count({.type = "StartupOfTheDevice"}), 2U);
    EXPECT_EQ(count({.critical = true}), 2U);
    EXPECT_EQ(count({.critical = false}), 2U);
    EXPECT_EQ(count({.from = at_millis(200)}), 3U);  // inclusive
    EXPECT_EQ(count({.to = at_millis(300)}), 2U);    // exclusive
    EXPECT_EQ(count({.from = at_millis(150), .to = at_millis(350)}), 2U);
    EXPECT_EQ(count({.charger_id = "CP-1", .critical = true}), 1U);

    const auto page = events().query({.limit = 2, .offset = 1});
    EXPECT_EQ(page.total, 4U);
    ASSERT_EQ(page.items.size(), 2U);
    EXPECT_EQ(page.items[0].charger_id, "CP-2");
    EXPECT_EQ(page.items[1].type, "InvalidMessages");
}

TEST_F(SecurityEventRepositoryTest, ScopeFollowsTheChargersSite) {
    const auto ministry = add_institution("Ministry", kCreditCodes[0]);
    const auto school = add_institution("School", kCreditCodes[1]);
    add_charger("CP-M");
    add_charger("CP-S");
    add_charger("CP-UNASSIGNED");
    ASSERT_TRUE(repositories_.chargers().set_site("CP-M", add_site(ministry, "Garage M")));
    ASSERT_TRUE(repositories_.chargers().set_site("CP-S", add_site(school, "Garage S")));
    add_event("CP-M", "ResetOrReboot", 100);
    add_event("CP-S", "ResetOrReboot", 200);
    add_event("CP-UNASSIGNED", "ResetOrReboot", 300);
    add_event("NEVER-REGISTERED", "AuthenticationFailed", 400, SecurityEventSource::CentralSystem);

    const auto ministry_view = events().query({.scope = std::vector<std::int64_t>{ministry}});
    ASSERT_EQ(ministry_view.total, 1U);
    EXPECT_EQ(ministry_view.items[0].charger_id, "CP-M");
    EXPECT_EQ(events().query({.scope = std::vector<std::int64_t>{ministry, school}}).total, 2U);
    EXPECT_EQ(events().query({.scope = std::vector<std::int64_t>{}}).total, 0U);
    EXPECT_EQ(events().query({}).total, 4U);  // no scope: the admin's view
}

}  // namespace
}  // namespace parkgrid::storage
