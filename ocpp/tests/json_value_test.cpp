#include "parkgrid/ocpp/json_value.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

namespace parkgrid::ocpp {
namespace {

using Kind = JsonValue::Kind;

JsonValue read(JsonReader& reader, std::string_view text) {
    auto value = reader.read(text);
    EXPECT_TRUE(value.has_value()) << text;
    return value.value_or(*JsonReader().read("null"));
}

TEST(JsonValueTest, TellsEveryKindApart) {
    JsonReader reader;
    EXPECT_EQ(read(reader, "null").kind(), Kind::Null);
    EXPECT_EQ(read(reader, "true").kind(), Kind::Boolean);
    EXPECT_EQ(read(reader, "-12").kind(), Kind::Integer);
    EXPECT_EQ(read(reader, "5.0").kind(), Kind::Float) << "a fraction makes a number a float, even .0";
    EXPECT_EQ(read(reader, "1e3").kind(), Kind::Float);
    EXPECT_EQ(read(reader, "\"x\"").kind(), Kind::String);
    EXPECT_EQ(read(reader, "[]").kind(), Kind::Array);
    EXPECT_EQ(read(reader, "{}").kind(), Kind::Object);
}

TEST(JsonValueTest, ReadsIntegersAcrossTheSixtyFourBitRange) {
    JsonReader reader;
    EXPECT_EQ(read(reader, "-9223372036854775808").as_int64(), std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(read(reader, "9223372036854775807").kind(), Kind::Integer);
    const JsonValue beyond = read(reader, "9223372036854775808");
    EXPECT_EQ(beyond.kind(), Kind::Unsigned);
    EXPECT_EQ(beyond.as_uint64(), 9223372036854775808ULL);
    EXPECT_EQ(read(reader, "12.5").as_double(), 12.5);
    EXPECT_EQ(read(reader, "7").as_double(), 7.0) << "any number reads as a double";
}

TEST(JsonValueTest, UnescapesStrings) {
    JsonReader reader;
    EXPECT_EQ(read(reader, R"("a\"b\\c\u00e9\n")").as_string(), "a\"b\\c\xc3\xa9\n");
    EXPECT_EQ(read(reader, R"("充电桩")").as_string(), "充电桩");
}

TEST(JsonValueTest, IteratesArraysInOrder) {
    JsonReader reader;
    const JsonValue array = read(reader, R"([1, "two", [3], {"four": 4}])");
    ASSERT_EQ(array.size(), 4u);
    std::vector<Kind> kinds;
    for (const JsonValue element : array) {
        kinds.push_back(element.kind());
    }
    EXPECT_EQ(kinds, (std::vector{Kind::Integer, Kind::String, Kind::Array, Kind::Object}));
    const JsonValue empty = read(reader, "[]");
    EXPECT_EQ(empty.size(), 0u);
    EXPECT_TRUE(empty.begin() == empty.end());
}

TEST(JsonValueTest, IteratesObjectMembersInDocumentOrderKeepingRepeatedKeys) {
    JsonReader reader;
    const JsonValue object = read(reader, R"({"b": 1, "a": "x", "b": 2})");
    std::vector<std::pair<std::string, std::string>> members;
    for (const auto& [key, value] : object.members()) {
        members.emplace_back(key, value.to_json_text());
    }
    EXPECT_EQ(members,
              (std::vector<std::pair<std::string, std::string>>{{"b", "1"}, {"a", "\"x\""}, {"b", "2"}}));
    const JsonValue empty = read(reader, "{}");
    EXPECT_TRUE(empty.members().begin() == empty.members().end());
}

TEST(JsonValueTest, RejectsTextThatIsNotExactlyOneJsonValue) {
    JsonReader reader;
    for (const std::string& text : {
             std::string(""), std::string("[1,]"), std::string("{\"a\" 1}"), std::string("[1] [2]"),
             std::string("[1]x"),
             std::string("\"tab\there\""),                     // control character inside a string
             std::string("\"\xff\xfe\""),                      // invalid UTF-8
             std::string("[1]\0[2]", 7),                       // a NUL byte after a complete value
             std::string("\"a\0b\"", 5),                       // a raw NUL inside a string
             std::string("1e400"),                             // beyond a double
             std::string("123456789012345678901234567890"),    // beyond 64 bits
             std::string(1100, '[') + std::string(1100, ']'),  // nested deeper than 1,024
         }) {
        EXPECT_FALSE(reader.read(text).has_value()) << text.substr(0, 40);
    }
}

TEST(JsonValueTest, ReadsAgainAfterARejectionAndWithLargerText) {
    JsonReader reader;
    EXPECT_FALSE(reader.read("[").has_value());
    EXPECT_EQ(read(reader, "[1,2]").size(), 2u);
    const std::string large = "[" + std::string(100'000, ' ') + "\"" + std::string(50'000, 'x') + "\"]";
    EXPECT_EQ((*read(reader, large).begin()).as_string().size(), 50'000u);
    EXPECT_EQ(read(reader, "{}").kind(), Kind::Object);
}

TEST(JsonValueTest, WritesValuesBackAsCompactJson) {
    JsonReader reader;
    EXPECT_EQ(read(reader, R"({ "a" : [ 1 , 2.5 , "x" ] })").to_json_text(), R"({"a":[1,2.5,"x"]})");
}

}  // namespace
}  // namespace parkgrid::ocpp
