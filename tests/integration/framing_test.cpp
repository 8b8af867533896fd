#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

class FramingTest : public CsmsTest {
protected:
    void SetUp() override {
        CsmsTest::SetUp();
        charger_ = connect_accepted("CP-1");
    }

    Frame raw(const std::string& unique_id, const std::string& text) {
        charger_->send_text(text);
        return charger_->wait_for_answer(unique_id);
    }

    std::unique_ptr<OcppTestClient> charger_;
};

TEST_F(FramingTest, UnknownActionIsNotImplemented) {
    const auto answer = charger_->call_with_id("u-1", "FlyToTheMoon", nlohmann::json::object());
    EXPECT_EQ(answer.type, 4);
    EXPECT_EQ(answer.unique_id, "u-1");
    EXPECT_EQ(answer.error_code, "NotImplemented");
}

TEST_F(FramingTest, ActionOfTheCentralSystemIsNotSupported) {
    EXPECT_EQ(charger_->call("Reset", {{"type", "Hard"}}).error_code, "NotSupported");
    EXPECT_EQ(charger_->call("RemoteStartTransaction", {{"idTag", "A"}}).error_code, "NotSupported");
}

TEST_F(FramingTest, MissingRequiredFieldIsOccurrenceConstraintViolation) {
    const auto answer = charger_->call("BootNotification", {{"chargePointVendor", "X"}});
    EXPECT_EQ(answer.error_code, "OccurenceConstraintViolation");
    EXPECT_NE(answer.error_description.find("chargePointModel"), std::string::npos)
        << answer.error_description;
}

TEST_F(FramingTest, WrongJsonTypeIsTypeConstraintViolation) {
    EXPECT_EQ(charger_
                  ->call("StatusNotification",
                         {{"connectorId", "1"}, {"errorCode", "NoError"}, {"status", "Available"}})
                  .error_code,
              "TypeConstraintViolation");
    EXPECT_EQ(charger_->call("Heartbeat", nlohmann::json::array()).error_code, "TypeConstraintViolation");
}

TEST_F(FramingTest, BadEnumValueAndOverlongStringArePropertyConstraintViolations) {
    EXPECT_EQ(
        charger_
            ->call("StatusNotification", {{"connectorId", 1}, {"errorCode", "NoError"}, {"status", "Broken"}})
            .error_code,
        "PropertyConstraintViolation");
    EXPECT_EQ(charger_->call("Authorize", {{"idTag", std::string(21, 'A')}}).error_code,
              "PropertyConstraintViolation");
    EXPECT_EQ(charger_->call("Heartbeat", nlohmann::json::object()).type, 3);
}

TEST_F(FramingTest, BadDateTimeIsPropertyConstraintViolation) {
    const auto answer = charger_->call(
        "StartTransaction",
        {{"connectorId", 1}, {"idTag", "TAG"}, {"meterStart", 0}, {"timestamp", "2026-13-01T00:00:00Z"}});
    EXPECT_EQ(answer.error_code, "PropertyConstraintViolation");
    // Nothing was stored for the rejected CALL.
    EXPECT_TRUE(api("GET", "/api/v1/transactions").json()["items"].empty());
}

TEST_F(FramingTest, UnknownPropertyIsFormationViolation) {
    EXPECT_EQ(charger_->call("Heartbeat", {{"hello", 1}}).error_code, "FormationViolation");
}

TEST_F(FramingTest, BrokenFrameWithReadableIdIsFormationViolation) {
    const auto answer = raw("broken-1", R"([2, "broken-1", "Heartbeat", {)");
    EXPECT_EQ(answer.type, 4);
    EXPECT_EQ(answer.error_code, "FormationViolation");
    EXPECT_EQ(raw("broken-2", R"([2,"broken-2","Heartbeat"])").error_code, "FormationViolation");
}

TEST_F(FramingTest, UniqueIdLongerThan36IsFormationViolation) {
    const std::string id(37, 'i');
    EXPECT_EQ(raw(id, R"([2,")" + id + R"(","Heartbeat",{}])").error_code, "FormationViolation");
}

TEST_F(FramingTest, GarbageIsDroppedAndTheConnectionStaysUp) {
    charger_->send_text("this is not OCPP");
    charger_->send_text(R"({"an":"object"})");
    charger_->send_text(R"([3,"no-such-call",{}])");  // a CALLRESULT nobody asked for
    EXPECT_FALSE(charger_->receive_answer(std::chrono::milliseconds(300)).has_value());
    EXPECT_EQ(charger_->call("Heartbeat", nlohmann::json::object()).type, 3);
}

TEST_F(FramingTest, SecurityExtensionMessagesAreValidatedLikeAllOthers) {
    EXPECT_EQ(charger_
                  ->call("SecurityEventNotification",
                         {{"type", std::string(51, 't')}, {"timestamp", "2026-11-25T10:00:00Z"}})
                  .error_code,
              "PropertyConstraintViolation");
    EXPECT_EQ(charger_->call("SignCertificate", {{"csr", 42}}).error_code, "TypeConstraintViolation");
    EXPECT_EQ(charger_
                  ->call("SecurityEventNotification",
                         {{"type", "FirmwareUpdated"}, {"timestamp", "2026-11-25T10:00:00Z"}})
                  .type,
              3);
}

TEST_F(FramingTest, CallsSentBackToBackAreAnsweredInOrder) {
    // OCPP-J asks chargers to wait for each answer; one that does not must still get ordered answers.
    create_id_tag("TAG-1");
    std::string frames;
    for (int i = 0; i < 5; ++i) {
        charger_->send_text(
            nlohmann::json::array({2, "seq-" + std::to_string(i), "Authorize", {{"idTag", "TAG-1"}}}).dump());
    }
    for (int i = 0; i < 5; ++i) {
        const auto answer = charger_->receive_answer();
        ASSERT_TRUE(answer);
        EXPECT_EQ(answer->unique_id, "seq-" + std::to_string(i));
    }
}

}  // namespace
}  // namespace parkgrid::testing
