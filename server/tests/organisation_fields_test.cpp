// Field formats of the organisation model: time zones and calendar text.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "api/calendar_text.hpp"
#include "api/time_zone.hpp"

namespace parkgrid::server::api {
namespace {

TEST(TimeZoneTest, KnowsTheZonesOfTheSystemDatabase) {
    EXPECT_TRUE(is_known_time_zone("Asia/Shanghai"));
    EXPECT_TRUE(is_known_time_zone("Asia/Urumqi"));
    EXPECT_TRUE(is_known_time_zone("UTC"));
    EXPECT_TRUE(is_known_time_zone("America/Argentina/Buenos_Aires"));
    EXPECT_FALSE(is_known_time_zone("Asia/Beijing"));
    EXPECT_FALSE(is_known_time_zone("asia/shanghai"));
    EXPECT_FALSE(is_known_time_zone(""));
    EXPECT_FALSE(is_known_time_zone("Asia"));  // a directory
}

TEST(TimeZoneTest, RefusesNamesThatAreNoZones) {
    EXPECT_FALSE(is_known_time_zone("zone.tab"));
    EXPECT_FALSE(is_known_time_zone("tzdata.zi"));
    EXPECT_FALSE(is_known_time_zone("../../../etc/passwd"));
    EXPECT_FALSE(is_known_time_zone("/etc/localtime"));
    EXPECT_FALSE(is_known_time_zone("Asia//Shanghai"));
    EXPECT_FALSE(is_known_time_zone("Asia/Shanghai/"));
    EXPECT_FALSE(is_known_time_zone(std::string(65, 'A')));
}

TEST(TimeZoneTest, ReadsTheGivenDirectory) {
    const auto directory = std::filesystem::temp_directory_path() / "parkgrid-zoneinfo-test";
    std::filesystem::create_directories(directory / "Test");
    std::ofstream(directory / "Test" / "Zone") << "TZif2...";
    std::ofstream(directory / "Test" / "Table") << "# not a zone";
    EXPECT_TRUE(is_known_time_zone("Test/Zone", directory));
    EXPECT_FALSE(is_known_time_zone("Test/Table", directory));
    EXPECT_FALSE(is_known_time_zone("Asia/Shanghai", directory));
    std::filesystem::remove_all(directory);
}

TEST(CalendarTextTest, DatesMustExist) {
    EXPECT_TRUE(is_calendar_date("2025-03-01"));
    EXPECT_TRUE(is_calendar_date("2024-02-29"));
    EXPECT_FALSE(is_calendar_date("2025-02-29"));
    EXPECT_FALSE(is_calendar_date("2025-13-01"));
    EXPECT_FALSE(is_calendar_date("2025-00-10"));
    EXPECT_FALSE(is_calendar_date("2025-1-01"));
    EXPECT_FALSE(is_calendar_date("2025/01/01"));
    EXPECT_FALSE(is_calendar_date("2025-01-01T00:00:00Z"));
    EXPECT_FALSE(is_calendar_date("+025-01-01"));
    EXPECT_FALSE(is_calendar_date("1899-12-31"));
}

TEST(CalendarTextTest, TimesOfDayAreHoursAndMinutes) {
    EXPECT_TRUE(is_time_of_day("00:00"));
    EXPECT_TRUE(is_time_of_day("07:30"));
    EXPECT_TRUE(is_time_of_day("23:59"));
    EXPECT_FALSE(is_time_of_day("24:00"));
    EXPECT_FALSE(is_time_of_day("7:30"));
    EXPECT_FALSE(is_time_of_day("07:60"));
    EXPECT_FALSE(is_time_of_day("07:30:00"));
    EXPECT_FALSE(is_time_of_day("-1:30"));
}

}  // namespace
}  // namespace parkgrid::server::api
