#include "parkgrid/ocpp/dispatcher.hpp"

#include <gtest/gtest.h>

namespace parkgrid::ocpp {
namespace {

// Answers BootNotification and Heartbeat; any other handler call is a test failure.
class RecordingHandler final : public ChargePointRequestHandler {
public:
    void handle(BootNotificationRequest request, Responder<BootNotificationResponse> responder) override {
        boots.push_back(request);
        BootNotificationResponse response;
        response.status = RegistrationStatus::Accepted;
        response.interval = 300;
        response.current_time = *DateTime::parse("2026-11-25T00:00:00Z");
        responder.respond(response);
    }
    void handle(HeartbeatRequest, Responder<HeartbeatResponse> responder) override {
        responder.fail(CallErrorCode::InternalError, "storage down");
    }
    void handle(AuthorizeRequest, Responder<AuthorizeResponse>) override { unexpected(); }
    void handle(DataTransferRequest, Responder<DataTransferResponse>) override { unexpected(); }
    void handle(MeterValuesRequest, Responder<MeterValuesResponse>) override { unexpected(); }
    void handle(StartTransactionRequest, Responder<StartTransactionResponse>) override { unexpected(); }
    void handle(StatusNotificationRequest, Responder<StatusNotificationResponse>) override { unexpected(); }
    void handle(StopTransactionRequest, Responder<StopTransactionResponse>) override { unexpected(); }
    void handle(DiagnosticsStatusNotificationRequest,
                Responder<DiagnosticsStatusNotificationResponse>) override {
        unexpected();
    }
    void handle(FirmwareStatusNotificationRequest, Responder<FirmwareStatusNotificationResponse>) override {
        unexpected();
    }
    void handle(LogStatusNotificationRequest, Responder<LogStatusNotificationResponse>) override {
        unexpected();
    }
    void handle(SecurityEventNotificationRequest, Responder<SecurityEventNotificationResponse>) override {
        unexpected();
    }
    void handle(SignCertificateRequest, Responder<SignCertificateResponse>) override { unexpected(); }
    void handle(SignedFirmwareStatusNotificationRequest,
                Responder<SignedFirmwareStatusNotificationResponse>) override {
        unexpected();
    }

    std::vector<BootNotificationRequest> boots;

private:
    static void unexpected() { ADD_FAILURE() << "unexpected handler call"; }
};

class DispatcherTest : public ::testing::Test {
protected:
    nlohmann::json dispatch_call(const std::string& action, const nlohmann::json& payload) {
        std::vector<std::string> replies;
        dispatch(Call{"id-1", action, payload.dump()}, handler_,
                 [&](std::string frame) { replies.push_back(std::move(frame)); });
        EXPECT_EQ(replies.size(), 1u) << "every CALL gets exactly one answer";
        return replies.empty() ? nlohmann::json() : nlohmann::json::parse(replies.front());
    }

    RecordingHandler handler_;
};

TEST_F(DispatcherTest, DecodesValidRequestsAndSerialisesTheAnswer) {
    const auto reply =
        dispatch_call("BootNotification", {{"chargePointVendor", "ACME"}, {"chargePointModel", "AC7"}});
    EXPECT_EQ(reply,
              (nlohmann::json{
                  3,
                  "id-1",
                  {{"status", "Accepted"}, {"currentTime", "2026-11-25T00:00:00Z"}, {"interval", 300}}}));
    ASSERT_EQ(handler_.boots.size(), 1u);
    EXPECT_EQ(handler_.boots[0].charge_point_vendor.str(), "ACME");
}

TEST_F(DispatcherTest, HandlerFailuresBecomeCallErrors) {
    EXPECT_EQ(dispatch_call("Heartbeat", nlohmann::json::object()),
              (nlohmann::json{4, "id-1", "InternalError", "storage down", nlohmann::json::object()}));
}

TEST_F(DispatcherTest, InvalidPayloadsNeverReachTheHandler) {
    const auto reply = dispatch_call("BootNotification", {{"chargePointVendor", "ACME"}});
    EXPECT_EQ(reply[2], "OccurenceConstraintViolation");
    EXPECT_NE(reply[3].get<std::string>().find("chargePointModel"), std::string::npos);
    EXPECT_TRUE(handler_.boots.empty());
}

TEST_F(DispatcherTest, ClassifiesActionsByWhoMaySendThem) {
    EXPECT_EQ(classify_action("BootNotification"), ActionKind::ChargePointInitiated);
    EXPECT_EQ(classify_action("DataTransfer"), ActionKind::ChargePointInitiated);  // either side
    EXPECT_EQ(classify_action("SignCertificate"), ActionKind::ChargePointInitiated);
    EXPECT_EQ(classify_action("RemoteStartTransaction"), ActionKind::CentralSystemInitiated);
    EXPECT_EQ(classify_action("CertificateSigned"), ActionKind::CentralSystemInitiated);
    EXPECT_EQ(classify_action("bootnotification"), ActionKind::Unknown);  // action names are case-sensitive
    EXPECT_EQ(dispatch_call("UnlockConnector", {{"connectorId", 1}})[2], "NotSupported");
    EXPECT_EQ(dispatch_call("Teleport", nlohmann::json::object())[2], "NotImplemented");
}

TEST_F(DispatcherTest, ValidatesChargePointAnswersToCentralSystemCalls) {
    EXPECT_NO_THROW(validate_response("Reset", {{"status", "Accepted"}}));
    EXPECT_THROW(validate_response("Reset", {{"status", "Later"}}), ValidationError);
    // A composite schedule limit of 7.3 A is valid although 7.3 is not exact in binary.
    EXPECT_NO_THROW(validate_response(
        "GetCompositeSchedule",
        {{"status", "Accepted"},
         {"connectorId", 1},
         {"chargingSchedule",
          {{"chargingRateUnit", "A"}, {"chargingSchedulePeriod", {{{"startPeriod", 0}, {"limit", 7.3}}}}}}}));
    EXPECT_THROW(validate_response("Teleport", nlohmann::json::object()), std::invalid_argument);
}

TEST_F(DispatcherTest, ValidatesRequestsBeforeTheCentralSystemSendsThem) {
    EXPECT_NO_THROW(validate_request("RemoteStartTransaction", {{"idTag", "CARD-1"}, {"connectorId", 1}}));
    try {
        validate_request("RemoteStartTransaction", {{"connectorId", 1}});
        FAIL();
    } catch (const ValidationError& error) {
        EXPECT_EQ(error.code(), CallErrorCode::OccurenceConstraintViolation);
        EXPECT_EQ(error.path(), "idTag");
    }
    EXPECT_TRUE(is_sendable_by_central_system("Reset"));
    EXPECT_TRUE(is_sendable_by_central_system("DataTransfer"));
    EXPECT_FALSE(is_sendable_by_central_system("Heartbeat"));
    EXPECT_FALSE(is_sendable_by_central_system("Teleport"));
}

TEST(ResponderTest, AnswersOnceAndReportsWhenNothingWasAnswered) {
    std::vector<std::string> frames;
    {
        Responder<HeartbeatResponse> responder(
            "a", [&](std::string frame) { frames.push_back(std::move(frame)); });
        auto copy = responder;
        copy.respond(HeartbeatResponse{*DateTime::parse("2026-11-25T00:00:00Z")});
        responder.fail(CallErrorCode::InternalError, "too late");  // ignored: already answered
    }
    {
        Responder<HeartbeatResponse> forgotten(
            "b", [&](std::string frame) { frames.push_back(std::move(frame)); });
    }
    ASSERT_EQ(frames.size(), 2u);
    EXPECT_EQ(frames[0], R"([3,"a",{"currentTime":"2026-11-25T00:00:00Z"}])");
    EXPECT_EQ(nlohmann::json::parse(frames[1])[2], "InternalError");
}

}  // namespace
}  // namespace parkgrid::ocpp
