#include "parkgrid/ocpp/rpc.hpp"

#include <gtest/gtest.h>

#include "parkgrid/ocpp/messages/heartbeat.hpp"

namespace parkgrid::ocpp {
namespace {

TEST(RpcTest, ParsesCall) {
    const auto frame =
        parse_frame(R"([2, "19223201", "BootNotification", {"chargePointVendor": "VendorX"}])");
    const auto& call = std::get<Call>(frame);
    EXPECT_EQ(call.unique_id, "19223201");
    EXPECT_EQ(call.action, "BootNotification");
    EXPECT_EQ(call.payload, R"({"chargePointVendor": "VendorX"})") << "kept as sent, to be decoded once";
}

TEST(RpcTest, KeepsTheWholePayloadTextWhateverItHolds) {
    // Brackets, commas, quotes and backslashes inside strings and nested values must not end the payload
    // early.
    const std::string payload = R"({"a": ["x]", {"b": "},\"\\"}], "c": [[1, 2], {}]})";
    const auto call = std::get<Call>(parse_frame("[2,\"7\",\"DataTransfer\",\n\t " + payload + " \r\n] \n"));
    EXPECT_EQ(call.payload, payload);
    EXPECT_EQ(nlohmann::json::parse(call.payload)["a"][1]["b"], "},\"\\");
    EXPECT_EQ(std::get<Call>(parse_frame(R"([2,"8","Heartbeat",{}])")).payload, "{}");
}

TEST(RpcTest, FindsThePayloadAfterElementsThatHoldSeparators) {
    // The elements before the payload are skipped by scanning them: commas, brackets and escaped quotes in
    // a unique id, an action or an error description must not be taken for the end of an element.
    const auto call = std::get<Call>(parse_frame(R"([2, "i,d]\",", "Data,Transfer]", {"k": [1, ","]}])"));
    EXPECT_EQ(call.unique_id, R"(i,d]",)");
    EXPECT_EQ(call.action, "Data,Transfer]");
    EXPECT_EQ(call.payload, R"({"k": [1, ","]})");
    const auto error = std::get<CallError>(
        parse_frame(R"([4, "e", "NotSupported", "no, [not] {this}", {"why": ["a", "]"]}]  )"));
    EXPECT_EQ(error.description, "no, [not] {this}");
    EXPECT_EQ(error.details, nlohmann::json::parse(R"({"why": ["a", "]"]})"));
    const auto result = std::get<CallResult>(parse_frame("[3 , \"r,]\" ,\n [1, {\"x\": \"]\"}] \n]"));
    EXPECT_EQ(result.payload, nlohmann::json::parse(R"([1, {"x": "]"}])"));
}

TEST(RpcTest, SerializesACallAroundItsPayloadText) {
    const Call call{"9", "DataTransfer", R"({"vendorId":"x","data":"[1,2]"})"};
    EXPECT_EQ(serialize(call), R"([2,"9","DataTransfer",{"vendorId":"x","data":"[1,2]"}])");
    EXPECT_EQ(std::get<Call>(parse_frame(serialize(call))).payload, call.payload);
}

TEST(RpcTest, ParsesCallResultAndCallError) {
    EXPECT_EQ(std::get<CallResult>(parse_frame(R"([3,"a",{"x":1}])")).payload["x"], 1);
    EXPECT_EQ(std::get<CallResult>(parse_frame(R"([3,"a",{"s":"]"} ])")).payload["s"], "]");
    const auto error = std::get<CallError>(parse_frame(R"([4,"b","NotSupported","nope",{}])"));
    EXPECT_EQ(error.code, CallErrorCode::NotSupported);
    EXPECT_EQ(error.description, "nope");
}

TEST(RpcTest, UnknownErrorCodeBecomesGenericErrorKeepingTheText) {
    const auto error = std::get<CallError>(parse_frame(R"([4,"b","FormatViolation","bad",{}])"));
    EXPECT_EQ(error.code, CallErrorCode::GenericError);
    EXPECT_NE(error.description.find("FormatViolation"), std::string::npos);
}

TEST(RpcTest, MalformedFramesKeepTheirIdWhenReadable) {
    const struct {
        const char* text;
        std::optional<std::string> id;
    } cases[] = {
        {R"([2, "abc", "Heartbeat", {)", "abc"},   // truncated JSON
        {R"([2,"abc","Heartbeat"])", "abc"},       // missing payload
        {R"([2,"abc",17,{}])", "abc"},             // action not a string
        {R"([9,"abc",{}])", "abc"},                // unknown message type
        {R"(["2","abc","Heartbeat",{}])", "abc"},  // message type not a number
        {R"({"not":"an array"})", std::nullopt},
        {R"(garbage)", std::nullopt},
        {R"([2, 17, "Heartbeat", {}])", std::nullopt},
        {R"([2,"a\"b","Heartbeat",{)", std::nullopt},
        {"", std::nullopt},
        {R"([3,"abc"])", std::nullopt},  // a broken CALLRESULT is never answered
        {R"([4,"abc","GenericError"])", std::nullopt},
        {R"([3, "abc", {)", std::nullopt},
    };
    for (const auto& c : cases) {
        const auto frame = parse_frame(c.text);
        ASSERT_TRUE(std::holds_alternative<MalformedFrame>(frame)) << c.text;
        EXPECT_EQ(std::get<MalformedFrame>(frame).unique_id, c.id) << c.text;
    }
}

TEST(RpcTest, RejectsUniqueIdsLongerThan36) {
    const std::string id(37, 'x');
    const auto frame = parse_frame(R"([2,")" + id + R"(","Heartbeat",{}])");
    ASSERT_TRUE(std::holds_alternative<MalformedFrame>(frame));
    EXPECT_TRUE(
        std::holds_alternative<Call>(parse_frame(R"([2,")" + std::string(36, 'x') + R"(","Heartbeat",{}])")));
}

TEST(RpcTest, SerializesAllThreeKinds) {
    EXPECT_EQ(serialize(make_call("1", HeartbeatRequest{})), R"([2,"1","Heartbeat",{}])");
    EXPECT_EQ(serialize(CallResult{"2", {{"a", 1}}}), R"([3,"2",{"a":1}])");
    EXPECT_EQ(
        serialize(CallError{"3", CallErrorCode::OccurenceConstraintViolation, "missing", nlohmann::json()}),
        R"([4,"3","OccurenceConstraintViolation","missing",{}])");
}

TEST(RpcTest, SerializingInvalidUtf8DoesNotThrow) {
    EXPECT_NO_THROW(serialize(CallError{"3", CallErrorCode::GenericError, std::string("\xff\xfe"), {}}));
}

}  // namespace
}  // namespace parkgrid::ocpp
