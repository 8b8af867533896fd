#include "parkgrid/ocpp/date_time.hpp"

#include <gtest/gtest.h>

namespace parkgrid::ocpp {
namespace {

TEST(DateTimeTest, ParsesUtcWithAndWithoutFraction) {
    EXPECT_EQ(DateTime::parse("2026-11-25T21:29:28Z")->to_rfc3339(), "2026-11-25T21:29:28Z");
    EXPECT_EQ(DateTime::parse("2026-11-25T21:29:28.5Z")->to_rfc3339(), "2026-11-25T21:29:28.500Z");
    EXPECT_EQ(DateTime::parse("2026-11-25T21:29:28.123456789Z")->to_rfc3339(), "2026-11-25T21:29:28.123Z");
}

TEST(DateTimeTest, ConvertsOffsetsToUtc) {
    EXPECT_EQ(DateTime::parse("2026-11-26T05:29:28+08:00")->to_rfc3339(), "2026-11-25T21:29:28Z");
    EXPECT_EQ(DateTime::parse("2026-01-01T00:30:00-01:00")->to_rfc3339(), "2026-01-01T01:30:00Z");
    EXPECT_EQ(DateTime::parse("2026-03-01T00:00:00+00:00")->to_rfc3339(), "2026-03-01T00:00:00Z");
}

TEST(DateTimeTest, AcceptsRfc3339Variants) {
    EXPECT_TRUE(DateTime::parse("2026-11-25t21:29:28z"));
    EXPECT_TRUE(DateTime::parse("2026-11-25 21:29:28Z"));
    EXPECT_EQ(DateTime::parse("2016-12-31T23:59:60Z")->to_rfc3339(), "2016-12-31T23:59:59Z");
}

TEST(DateTimeTest, RejectsWhatIsNotRfc3339) {
    for (const char* text :
         {"", "2026-11-25", "2026-11-25T21:29:28", "2026-11-25T21:29Z", "2026-13-01T00:00:00Z",
          "2026-02-30T00:00:00Z", "2026-11-25T24:00:00Z", "2026-11-25T21:29:28.Z", "2026-11-25T21:29:28+0800",
          "2026-11-25T21:29:28Z ", "26-11-25T21:29:28Z", "2026-11-25T21:29:28+24:00"}) {
        EXPECT_FALSE(DateTime::parse(text)) << text;
    }
}

TEST(DateTimeTest, LeapDayIsValidOnlyInLeapYears) {
    EXPECT_TRUE(DateTime::parse("2024-02-29T12:00:00Z"));
    EXPECT_FALSE(DateTime::parse("2026-02-29T12:00:00Z"));
}

TEST(DateTimeTest, TruncatesToSeconds) {
    EXPECT_EQ(DateTime::parse("2026-11-25T21:29:28.999Z")->truncated_to_seconds().to_rfc3339(),
              "2026-11-25T21:29:28Z");
}

TEST(DateTimeTest, RoundTripsUnixMillis) {
    const auto value = DateTime::parse("1970-01-02T00:00:00.001Z");
    EXPECT_EQ(value->unix_millis(), 86'400'001);
    EXPECT_EQ(DateTime::from_unix_millis(86'400'001), *value);
}

}  // namespace
}  // namespace parkgrid::ocpp
