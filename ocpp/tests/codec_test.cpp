#include "parkgrid/ocpp/codec.hpp"

#include <gtest/gtest.h>

#include "parkgrid/ocpp/messages/authorize.hpp"
#include "parkgrid/ocpp/messages/boot_notification.hpp"
#include "parkgrid/ocpp/messages/data_transfer.hpp"
#include "parkgrid/ocpp/messages/heartbeat.hpp"

namespace parkgrid::ocpp {
namespace {

using nlohmann::json;

// Decodes `payload` as T and returns the CALLERROR code and path it was rejected with.
// The code and path decode_it() is refused with; `input` is what the failure message shows when it is not.
template <typename DecodeIt, typename Input>
std::pair<CallErrorCode, std::string> rejection_of(DecodeIt decode_it, const Input& input) {
    try {
        decode_it();
    } catch (const ValidationError& error) {
        return {error.code(), error.path()};
    }
    ADD_FAILURE() << "accepted " << input;
    return {CallErrorCode::GenericError, ""};
}

template <typename T>
std::pair<CallErrorCode, std::string> rejection(const json& payload) {
    return rejection_of([&] { decode<T>(payload); }, payload);
}

template <typename T>
std::pair<CallErrorCode, std::string> text_rejection(std::string_view text) {
    return rejection_of([&] { decode_json<T>(text); }, text);
}

TEST(CodecTest, DecodesRequiredAndOptionalFields) {
    const auto boot = decode<BootNotificationRequest>(
        json{{"chargePointVendor", "ACME"}, {"chargePointModel", "AC7"}, {"iccid", "8986"}});
    EXPECT_EQ(boot.charge_point_vendor.str(), "ACME");
    EXPECT_EQ(boot.charge_point_model.str(), "AC7");
    EXPECT_EQ(boot.iccid->str(), "8986");
    EXPECT_FALSE(boot.imsi);
}

TEST(CodecTest, EncodesCamelCaseNamesAndOmitsEmptyOptionals) {
    AuthorizeResponse response;
    response.id_tag_info.status = AuthorizationStatus::ConcurrentTx;
    response.id_tag_info.parent_id_tag = IdToken("FLEET-1");
    EXPECT_EQ(encode(response),
              (json{{"idTagInfo", {{"status", "ConcurrentTx"}, {"parentIdTag", "FLEET-1"}}}}));
}

TEST(CodecTest, MissingRequiredFieldIsOccurrenceViolation) {
    const auto [code, path] = rejection<BootNotificationRequest>(json{{"chargePointVendor", "ACME"}});
    EXPECT_EQ(code, CallErrorCode::OccurenceConstraintViolation);
    EXPECT_EQ(path, "chargePointModel");
}

TEST(CodecTest, WrongJsonTypeIsTypeViolation) {
    const auto [code, path] =
        rejection<BootNotificationRequest>(json{{"chargePointVendor", 12}, {"chargePointModel", "x"}});
    EXPECT_EQ(code, CallErrorCode::TypeConstraintViolation);
    EXPECT_EQ(path, "chargePointVendor");
    EXPECT_EQ(rejection<HeartbeatRequest>(json::array()).first, CallErrorCode::TypeConstraintViolation);
}

TEST(CodecTest, OverlongStringIsPropertyViolation) {
    const auto [code, path] = rejection<BootNotificationRequest>(
        json{{"chargePointVendor", std::string(21, 'v')}, {"chargePointModel", "x"}});
    EXPECT_EQ(code, CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(path, "chargePointVendor");
    EXPECT_NO_THROW(decode<BootNotificationRequest>(
        json{{"chargePointVendor", std::string(20, 'v')}, {"chargePointModel", "x"}}));
}

TEST(CodecTest, MaxLengthCountsCharactersNotBytes) {
    // "国家电网有限公司充电设备制造商一二三四五" is 20 characters, 60 bytes of UTF-8.
    const std::string twenty = "国家电网有限公司充电设备制造商一二三四五";
    EXPECT_NO_THROW(
        decode<BootNotificationRequest>(json{{"chargePointVendor", twenty}, {"chargePointModel", "x"}}));
    const auto [code, path] = rejection<BootNotificationRequest>(
        json{{"chargePointVendor", twenty + "六"}, {"chargePointModel", "x"}});
    EXPECT_EQ(code, CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(path, "chargePointVendor");
}

TEST(CodecTest, BadEnumValueIsPropertyViolationWithNestedPath) {
    const auto [code, path] = rejection<AuthorizeResponse>(json{{"idTagInfo", {{"status", "accepted"}}}});
    EXPECT_EQ(code, CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(path, "idTagInfo.status");
}

TEST(CodecTest, UnknownPropertyIsFormationViolation) {
    const auto [code, path] = rejection<HeartbeatRequest>(json{{"foo", 1}});
    EXPECT_EQ(code, CallErrorCode::FormationViolation);
    EXPECT_EQ(path, "foo");
}

TEST(CodecTest, BadDateTimeIsPropertyViolation) {
    const auto [code, path] = rejection<AuthorizeResponse>(
        json{{"idTagInfo", {{"status", "Accepted"}, {"expiryDate", "tomorrow"}}}});
    EXPECT_EQ(code, CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(path, "idTagInfo.expiryDate");
}

TEST(CodecTest, IntegersAcceptZeroFractionAndRejectOthers) {
    json response{{"currentTime", "2026-01-01T00:00:00Z"}, {"status", "Accepted"}, {"interval", 300.0}};
    EXPECT_EQ(decode<BootNotificationResponse>(response).interval, 300);
    response["interval"] = 300.5;
    EXPECT_EQ(rejection<BootNotificationResponse>(response).first, CallErrorCode::TypeConstraintViolation);
    response["interval"] = "300";
    EXPECT_EQ(rejection<BootNotificationResponse>(response).first, CallErrorCode::TypeConstraintViolation);
    response["interval"] = 1LL << 40;
    EXPECT_EQ(rejection<BootNotificationResponse>(response).first,
              CallErrorCode::PropertyConstraintViolation);
}

TEST(CodecTest, DecimalOnePlaceAcceptsValuesBinaryFloatingPointCannotRepresent) {
    for (double value : {7.3, 0.1, 16.1, 32.0, 11.7, 0.3, 1e5 + 0.1}) {
        EXPECT_NO_THROW(decode<DecimalOnePlace>(json(value))) << value;
    }
    EXPECT_THROW(decode<DecimalOnePlace>(json(7.35)), ValidationError);
    EXPECT_THROW(decode<DecimalOnePlace>(json("7.3")), ValidationError);
    EXPECT_EQ(encode(DecimalOnePlace{7.300000000000001}).dump(), "7.3");
}

TEST(CodecTest, SchemaOfStructListsPropertiesAndRequired) {
    const json schema = json_schema<BootNotificationRequest>();
    EXPECT_EQ(schema["type"], "object");
    EXPECT_EQ(schema["additionalProperties"], false);
    EXPECT_EQ(schema["properties"]["chargePointVendor"], (json{{"type", "string"}, {"maxLength", 20}}));
    EXPECT_EQ(schema["required"], (json{"chargePointVendor", "chargePointModel"}));
    EXPECT_FALSE(json_schema<HeartbeatRequest>().contains("required"));
}

TEST(CodecTest, DecodesJsonTextAsSent) {
    const auto boot = decode_json<BootNotificationRequest>(
        R"({"chargePointModel": "AC7", "chargePointVendor": "ACME", "iccid": "8986"})");
    EXPECT_EQ(boot.charge_point_vendor, "ACME");
    EXPECT_EQ(boot.iccid, CiString<20>("8986"));
    EXPECT_EQ(text_rejection<HeartbeatRequest>("{").first, CallErrorCode::FormationViolation);
}

TEST(CodecTest, ARepeatedPropertyCountsOnceWithItsLastValue) {
    EXPECT_EQ(decode_json<BootNotificationRequest>(
                  R"({"chargePointVendor": 1, "chargePointModel": "AC7", "chargePointVendor": "ACME"})")
                  .charge_point_vendor,
              "ACME");
}

TEST(CodecTest, UndefinedPropertyIsReportedBeforeInvalidValuesWhereverItIs) {
    EXPECT_EQ(text_rejection<BootNotificationRequest>(
                  R"({"chargePointVendor": 1, "chargePointModel": "x", "extra": 2})"),
              std::pair(CallErrorCode::FormationViolation, std::string("extra")));
}

TEST(CodecTest, IntegersBeyondTheTargetTypeAreOutOfRange) {
    const auto code = [](std::string_view interval) {
        return text_rejection<BootNotificationResponse>(
                   R"({"currentTime": "2026-01-01T00:00:00Z", "status": "Accepted", "interval": )" +
                   std::string(interval) + "}")
            .first;
    };
    EXPECT_EQ(code("9223372036854775808"), CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(code("-2147483649"), CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(code("1e300"), CallErrorCode::PropertyConstraintViolation);
    EXPECT_EQ(code("null"), CallErrorCode::TypeConstraintViolation);
}

TEST(CodecTest, JsonBuiltInMemoryNestingTooDeepIsRefusedWithoutExhaustingTheStack) {
    // Such a value can come from the REST API (a raw command's payload, up to a megabyte of brackets). Built
    // by moving, never copying: nlohmann::json copies recursively too.
    json nested = json::array();
    for (int level = 0; level < 200'000; ++level) {
        json outer = json::array();
        outer.push_back(std::move(nested));
        nested = std::move(outer);
    }
    json payload = {{"vendorId", "x"}};
    payload["data"] = std::move(nested);
    EXPECT_EQ(rejection<DataTransferRequest>(payload).first, CallErrorCode::FormationViolation);
    EXPECT_EQ(rejection<DataTransferRequest>(json{{"vendorId", "x"}, {"data", json::array({json::array()})}}),
              std::pair(CallErrorCode::TypeConstraintViolation, std::string("data")))
        << "shallow enough to be read, and found to be the wrong type";
}

TEST(CodecTest, RoundTripKeepsEveryField) {
    BootNotificationRequest boot;
    boot.charge_point_vendor = "ACME";
    boot.charge_point_model = "AC7";
    boot.meter_serial_number = CiString<25>("M-1");
    const auto decoded = decode<BootNotificationRequest>(encode(boot));
    EXPECT_EQ(decoded.charge_point_vendor, boot.charge_point_vendor);
    EXPECT_EQ(decoded.meter_serial_number, boot.meter_serial_number);
    EXPECT_FALSE(decoded.firmware_version);
}

}  // namespace
}  // namespace parkgrid::ocpp
