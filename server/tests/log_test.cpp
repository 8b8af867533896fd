#include "parkgrid/server/log.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace parkgrid::server {
namespace {

class LogTest : public ::testing::Test {
protected:
    void SetUp() override { log::configure(LogLevel::Info, true); }
    void TearDown() override { log::configure(LogLevel::Info, false); }

    // The JSON line that `write` produced.
    template <typename Write>
    nlohmann::json line_of(Write write) {
        ::testing::internal::CaptureStderr();
        write();
        return nlohmann::json::parse(::testing::internal::GetCapturedStderr());
    }
};

TEST_F(LogTest, JsonLinesCarryTheFieldsOfTheLine) {
    const auto line = line_of([] {
        log::warn("CALL timed out", {{"charger", "CP-1"}, {"action", "Reset"}});
    });
    EXPECT_EQ(line["level"], "WARN");
    EXPECT_EQ(line["message"], "CALL timed out");
    EXPECT_EQ(line["charger"], "CP-1");
    EXPECT_EQ(line["action"], "Reset");
    EXPECT_TRUE(line.contains("time"));
    EXPECT_FALSE(line.contains("messageId"));
}

TEST_F(LogTest, ALineInAMessageScopeCarriesItsChargerAndMessageId) {
    const log::MessageScope scope("CP-7", "m-42");
    const auto line = line_of([] { log::info("boot notification", {{"status", "Accepted"}}); });
    EXPECT_EQ(line["charger"], "CP-7");
    EXPECT_EQ(line["messageId"], "m-42");
    EXPECT_EQ(line["status"], "Accepted");
}

TEST_F(LogTest, TheLinesOwnFieldsWinAndScopesNest) {
    const log::MessageScope outer("CP-1", "outer");
    {
        const log::MessageScope inner("CP-2", "inner");
        const auto line = line_of([] { log::info("x", {{"messageId", "own"}}); });
        EXPECT_EQ(line["charger"], "CP-2");
        EXPECT_EQ(line["messageId"], "own");
    }
    const auto line = line_of([] { log::info("y"); });
    EXPECT_EQ(line["charger"], "CP-1");
    EXPECT_EQ(line["messageId"], "outer");
}

TEST_F(LogTest, TextLinesQuoteValuesWithSpaces) {
    log::configure(LogLevel::Info, false);
    const log::MessageScope scope("CP 1", "m-1");
    ::testing::internal::CaptureStderr();
    log::info("hello", {{"detail", "a=b"}});
    const std::string text = ::testing::internal::GetCapturedStderr();
    EXPECT_NE(text.find(" INFO hello detail=\"a=b\" charger=\"CP 1\" messageId=m-1\n"), std::string::npos)
        << text;
}

}  // namespace
}  // namespace parkgrid::server
