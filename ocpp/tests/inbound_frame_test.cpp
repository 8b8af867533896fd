#include "parkgrid/ocpp/inbound_frame.hpp"

#include <gtest/gtest.h>

#include "support/default_answer_handler.hpp"

namespace parkgrid::ocpp {
namespace {

std::vector<nlohmann::json> replies_to(std::string_view text, testing::DefaultAnswerHandler& handler) {
    std::vector<nlohmann::json> replies;
    handle_inbound_frame(text, handler,
                         [&](std::string frame) { replies.push_back(nlohmann::json::parse(frame)); });
    return replies;
}

std::vector<nlohmann::json> replies_to(std::string_view text) {
    testing::DefaultAnswerHandler handler;
    return replies_to(text, handler);
}

TEST(InboundFrameTest, CallsAreDispatchedAndAnswered) {
    testing::DefaultAnswerHandler handler;
    const auto replies = replies_to(R"([2,"a1","Heartbeat",{}])", handler);
    ASSERT_EQ(replies.size(), 1u);
    EXPECT_EQ(replies[0][0], 3);
    EXPECT_EQ(replies[0][1], "a1");
    EXPECT_EQ(handler.last_action, "Heartbeat");
}

TEST(InboundFrameTest, ResultsAndErrorsAreHandedOnNeverAnswered) {
    EXPECT_TRUE(std::holds_alternative<CallResult>(read_inbound_frame(R"([3,"r",{}])")));
    EXPECT_TRUE(std::holds_alternative<CallError>(read_inbound_frame(R"([4,"e","GenericError","x",{}])")));
    EXPECT_TRUE(replies_to(R"([3,"r",{}])").empty());
    EXPECT_TRUE(replies_to(R"([4,"e","Bogus","x",[]])").empty());
}

TEST(InboundFrameTest, MalformedCallWithReadableIdGetsFormationViolation) {
    const auto frame = read_inbound_frame(R"([2,"abc","Heartbeat"])");
    const auto* rejected = std::get_if<RejectedFrame>(&frame);
    ASSERT_NE(rejected, nullptr);
    EXPECT_EQ(rejected->error.unique_id, "abc");
    EXPECT_EQ(rejected->error.code, CallErrorCode::FormationViolation);
    // A two-element CALL still names its id.
    EXPECT_EQ(replies_to(R"([2,"abc"])").at(0),
              (nlohmann::json{4, "abc", "FormationViolation", "CALL must be [2, uniqueId, action, payload]",
                              nlohmann::json::object()}));
}

TEST(InboundFrameTest, UnreadableFramesAreDropped) {
    for (const char* text : {"", "garbage", "[2]", R"([2,17,"Heartbeat",{}])", R"({"a":1})", R"([2,"ab)"}) {
        EXPECT_TRUE(std::holds_alternative<DroppedFrame>(read_inbound_frame(text))) << text;
    }
}

TEST(InboundFrameTest, BrokenResultsAndErrorsAreDroppedWhateverTheirId) {
    for (const char* text : {R"([3,"",{}])", R"([4,"","GenericError","x",{}])", R"([3,"r"])", R"([3.0,"r"])",
                             R"([4,"e","GenericError"])"}) {
        EXPECT_TRUE(std::holds_alternative<DroppedFrame>(read_inbound_frame(text))) << text;
    }
    const std::string long_id(37, 'r');
    EXPECT_TRUE(std::holds_alternative<DroppedFrame>(read_inbound_frame(R"([3,")" + long_id + R"(",{}])")));
}

TEST(InboundFrameTest, MessageTypeIdsAreComparedAsNumbers) {
    // 4294967298 is 2 modulo 2^32: it must not pass for a CALL.
    EXPECT_TRUE(
        std::holds_alternative<RejectedFrame>(read_inbound_frame(R"([4294967298,"a","Heartbeat",{}])")));
    EXPECT_TRUE(std::holds_alternative<Call>(read_inbound_frame(R"([2.0,"a","Heartbeat",{}])")));
    EXPECT_TRUE(std::holds_alternative<CallResult>(read_inbound_frame(R"([3.0,"a",{}])")));
}

TEST(InboundFrameTest, IdsThatCannotBeEchoedAsSentAreNotAnswered) {
    // Broken JSON whose id is not UTF-8: an answer would carry a different id.
    EXPECT_TRUE(replies_to("[2,\"a\xff\",\"Heartbeat\",{").empty());
    EXPECT_EQ(replies_to("[2,\"\xe5\x85\x85\",\"Heartbeat\",{").at(0)[1], "\xe5\x85\x85");
}

TEST(InboundFrameTest, ANulByteDoesNotEndTheFrame) {
    const std::string frame = std::string(R"([2,"n","Heartbeat",{}])") + '\0' + "garbage";
    EXPECT_EQ(replies_to(frame).at(0)[2], "FormationViolation");
}

TEST(InboundFrameTest, DeepNestingIsRejectedWithoutExhaustingTheStack) {
    // As deep as a 64 KiB frame allows. Frames nesting deeper than 1,024 levels are refused as a whole (no
    // OCPP message nests more than a handful): answered when their type and id can be read, as any frame is.
    const std::size_t depth = 32 * 1024;
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    EXPECT_EQ(replies_to(R"([2,"d","Heartbeat",)" + nested + "]").at(0)[2], "FormationViolation");
    EXPECT_EQ(replies_to(R"([2,"d","Heartbeat",{"x":)" + nested + "}]").at(0)[2], "FormationViolation");
    EXPECT_EQ(replies_to(R"([2,"d","Teleport",)" + nested + "]").at(0)[2], "FormationViolation");
    EXPECT_EQ(replies_to(R"([7,"d","Teleport",)" + nested + "]").at(0)[2], "FormationViolation");
    EXPECT_TRUE(replies_to("[" + nested + R"(,"d","Heartbeat",{}])").empty());
    EXPECT_TRUE(replies_to(R"([4,"d","GenericError","x",)" + nested + "]").empty());
    EXPECT_TRUE(replies_to(R"([3.0,"d",)" + nested + "]").empty());
    // A number beyond 64 bits would have the frame rewritten through nlohmann::json, which writes
    // recursively: not for a frame this deep.
    EXPECT_EQ(replies_to(R"([2,"d","Heartbeat",[123456789012345678901234567890,)" + nested + "]]").at(0)[2],
              "FormationViolation");
    // Just within the limit, the payload is read and found to be the wrong type.
    const std::string deep_but_readable = std::string(1000, '[') + std::string(1000, ']');
    EXPECT_EQ(replies_to(R"([2,"d","Heartbeat",)" + deep_but_readable + "]").at(0)[2],
              "TypeConstraintViolation");
}

TEST(InboundFrameTest, IntegersBeyondSixtyFourBitsAreOutOfRangeNotUnreadable) {
    EXPECT_EQ(replies_to(R"([2,"b","Heartbeat",{"x":123456789012345678901234567890}])").at(0)[2],
              "FormationViolation")
        << "Heartbeat has no property x";
    EXPECT_EQ(replies_to(R"([2,"b","StatusNotification",{"connectorId":123456789012345678901234567890,)"
                         R"("errorCode":"NoError","status":"Available"}])")
                  .at(0)[2],
              "PropertyConstraintViolation");
    EXPECT_EQ(replies_to(R"([18446744073709551618,"b","Heartbeat",{}])").at(0)[2], "FormationViolation");
    // Broken JSON, not a number beyond the reader: only a frame typed exactly 2 is answered.
    EXPECT_TRUE(replies_to(R"([5,"b","Heartbeat",{"x":01}])").empty());
    EXPECT_EQ(replies_to(R"([2,"b","Heartbeat",{"x":01}])").at(0)[2], "FormationViolation");
}

TEST(InboundFrameTest, IntegersJustOutsideTheRangeAreRefused) {
    // 2^63 as a float equals double(INT64_MAX); converting it to int64 would be undefined behaviour.
    const auto reply =
        replies_to(R"([2,"i","StopTransaction",{"transactionId":1,"timestamp":"2026-11-25T08:00:00Z",)"
                   R"("meterStop":9.223372036854775808e18}])");
    EXPECT_EQ(reply.at(0)[2], "PropertyConstraintViolation");
    EXPECT_EQ(replies_to(R"([2,"i","Authorize",{"idTag":"A"}])").at(0)[0], 3);
    EXPECT_EQ(replies_to(R"([2,"i","StatusNotification",{"connectorId":2147483648.0,"errorCode":"NoError",)"
                         R"("status":"Available"}])")
                  .at(0)[2],
              "PropertyConstraintViolation");
    EXPECT_EQ(replies_to(R"([2,"i","StatusNotification",{"connectorId":2147483647.0,"errorCode":"NoError",)"
                         R"("status":"Available"}])")
                  .at(0)[0],
              3);
}

}  // namespace
}  // namespace parkgrid::ocpp
