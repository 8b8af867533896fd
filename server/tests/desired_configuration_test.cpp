#include "parkgrid/server/desired_configuration.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

storage::DesiredConfigurationRecord entry(std::string key, std::string value,
                                          std::optional<std::int64_t> site = std::nullopt,
                                          std::optional<std::string> model = std::nullopt) {
    storage::DesiredConfigurationRecord record;
    record.key = std::move(key);
    record.value = std::move(value);
    record.site_id = site;
    if (model) {
        record.charge_point_vendor = "ACME";
        record.charge_point_model = *model;
    }
    return record;
}

storage::ChargerRecord charger(std::optional<std::int64_t> site, const std::string& model) {
    storage::ChargerRecord record;
    record.id = "CP-1";
    record.site_id = site;
    record.boot_info = storage::BootInfo{"ACME", model, {}, {}, {}, {}, {}, {}, {}};
    return record;
}

TEST(DesiredConfigurationTest, TheMostSpecificEntryWins) {
    const std::vector<storage::DesiredConfigurationRecord> entries = {
        entry("HeartbeatInterval", "300"),
        entry("HeartbeatInterval", "120", std::nullopt, "AC7"),
        entry("HeartbeatInterval", "60", 7),
        entry("MeterValueSampleInterval", "30", std::nullopt, "AC7"),
        entry("MeterValueSampleInterval", "10", 8),                      // another site
        entry("ClockAlignedDataInterval", "900", std::nullopt, "DC60"),  // another model
    };
    EXPECT_EQ(desired_values(entries, charger(7, "AC7")),
              (std::map<std::string, std::string>{{"HeartbeatInterval", "60"},
                                                  {"MeterValueSampleInterval", "30"}}));
    EXPECT_EQ(desired_values(entries, charger(std::nullopt, "AC7")),
              (std::map<std::string, std::string>{{"HeartbeatInterval", "120"},
                                                  {"MeterValueSampleInterval", "30"}}));
    EXPECT_EQ(desired_values(entries, charger(std::nullopt, "XYZ")),
              (std::map<std::string, std::string>{{"HeartbeatInterval", "300"}}));
}

TEST(DesiredConfigurationTest, AChargerThatNeverBootedOnlyGetsEntriesForEveryCharger) {
    storage::ChargerRecord never_booted;
    never_booted.id = "CP-2";
    EXPECT_EQ(desired_values({entry("A", "1"), entry("B", "2", std::nullopt, "AC7")}, never_booted),
              (std::map<std::string, std::string>{{"A", "1"}}));
}

TEST(DesiredConfigurationTest, PlanSendsOnlyDifferencesThatCanSucceed) {
    const auto key = [](std::string name, std::optional<std::string> value, bool readonly = false,
                        std::optional<std::string> change_status = std::nullopt,
                        std::optional<std::string> change_value = std::nullopt) {
        storage::ConfigurationKeyRecord record;
        record.key = std::move(name);
        record.value = std::move(value);
        record.readonly = readonly;
        record.change_status = std::move(change_status);
        record.change_value = std::move(change_value);
        return record;
    };
    const std::vector<storage::ConfigurationKeyRecord> reported = {
        key("HeartbeatInterval", "300"),
        key("MeterValueSampleInterval", "30"),
        key("NumberOfConnectors", "2", true),
        key("LocalAuthorizeOffline", "false", false, "Rejected", "true"),
        key("StopTransactionOnInvalidId", "false", false, "Rejected", "maybe"),
    };
    const auto plan = plan_configuration({{"HeartbeatInterval", "120"},
                                          {"MeterValueSampleInterval", "30"},
                                          {"NumberOfConnectors", "1"},
                                          {"LocalAuthorizeOffline", "true"},
                                          {"StopTransactionOnInvalidId", "true"},
                                          {"UnknownVendorKey", "1"}},
                                         reported);
    std::vector<std::string> changed, blocked;
    for (const auto& change : plan.changes) {
        changed.push_back(change.key);
    }
    for (const auto& change : plan.blocked) {
        blocked.push_back(change.key);
    }
    EXPECT_EQ(changed, (std::vector<std::string>{"HeartbeatInterval", "StopTransactionOnInvalidId",
                                                 "UnknownVendorKey"}));
    EXPECT_EQ(blocked, (std::vector<std::string>{"LocalAuthorizeOffline", "NumberOfConnectors"}));
}

}  // namespace
}  // namespace parkgrid::server
