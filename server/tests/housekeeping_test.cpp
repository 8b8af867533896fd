#include "parkgrid/server/housekeeping.hpp"

#include <gtest/gtest.h>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server {
namespace {

storage::Timestamp at(const std::string& rfc3339) {
    return ocpp::DateTime::parse(rfc3339).value().instant();
}

TEST(MeterValueCutoffTest, CountsCalendarMonthsKeepingTheTimeOfDay) {
    EXPECT_EQ(meter_value_cutoff(at("2026-11-26T10:15:30.250Z"), 25), at("2024-10-26T10:15:30.250Z"));
    EXPECT_EQ(meter_value_cutoff(at("2026-01-15T00:00:00Z"), 1), at("2025-12-15T00:00:00Z"));
}

TEST(MeterValueCutoffTest, AMissingDayBecomesTheLastDayOfTheMonth) {
    EXPECT_EQ(meter_value_cutoff(at("2026-03-31T08:00:00Z"), 1), at("2026-02-28T08:00:00Z"));
    EXPECT_EQ(meter_value_cutoff(at("2028-03-31T08:00:00Z"), 1), at("2028-02-29T08:00:00Z"));
    EXPECT_EQ(meter_value_cutoff(at("2026-12-31T23:59:59Z"), 25), at("2024-11-30T23:59:59Z"));
}

}  // namespace
}  // namespace parkgrid::server
