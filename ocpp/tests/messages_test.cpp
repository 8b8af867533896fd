// Tests of the OCPP 1.6J message types: generic checks of every request and response, driven by the
// schema each type describes (which schema_conformance_test holds to the official one), then realistic
// payloads for the messages that are easy to get wrong.

#include <gtest/gtest.h>

#include <algorithm>
#include <boost/mp11/algorithm.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/ocpp/messages/all.hpp"

namespace parkgrid::ocpp {
namespace {

using nlohmann::json;

template <typename T>
using IsRequest = std::bool_constant<Request<T>>;
template <typename T>
using HasDescribedResponse = std::bool_constant<DescribedStruct<typename T::Response>>;
static_assert(boost::mp11::mp_all_of<AllRequests, IsRequest>::value);
static_assert(boost::mp11::mp_all_of<AllRequests, HasDescribedResponse>::value);
static_assert(boost::mp11::mp_is_set<AllRequests>::value);

struct Rejection {
    std::string code;
    std::string path;
};

// Decodes `payload` as T and returns the CALLERROR code and path it was rejected with.
template <typename T>
Rejection rejection(const json& payload) {
    try {
        decode<T>(payload);
    } catch (const ValidationError& error) {
        return {std::string(to_string(error.code())), error.path()};
    }
    return {"accepted", ""};
}

// Decodes `payload` as T, checks that encoding the result gives `payload` back, and returns the result.
template <typename T>
T round_trip(const json& payload) {
    T decoded{};
    try {
        decoded = decode<T>(payload);
    } catch (const ValidationError& error) {
        ADD_FAILURE() << "rejected: " << error.what();
        return decoded;
    }
    EXPECT_EQ(encode(decoded), payload);
    return decoded;
}

DateTime utc(std::string_view text) {
    const auto parsed = DateTime::parse(text);
    EXPECT_TRUE(parsed) << text;
    return parsed.value_or(DateTime());
}

// ---------------------------------------------------------------------------------------------------------
// Generic checks of all 78 message types.

// A property or array element of a sample payload, found while building the payload from the type's schema.
struct Property {
    json::json_pointer pointer;  // where it is in the payload
    std::string path;            // how ValidationError names it
    json schema;
    bool required = false;
};

// A valid payload for `schema`: every required property (and every optional one when `complete`), arrays
// with one element, strings at their maximum length.
json make_sample(const json& schema, bool complete, const json::json_pointer& pointer,
                 const std::string& path, std::vector<Property>& properties) {
    const std::string type = schema.at("type");
    if (type == "object") {
        json out = json::object();
        const json required = schema.value("required", json::array());
        const json members = schema.value("properties", json::object());
        for (const auto& [name, property] : members.items()) {
            const bool is_required = std::find(required.begin(), required.end(), name) != required.end();
            if (!is_required && !complete) {
                continue;
            }
            const std::string child_path = path.empty() ? name : path + "." + name;
            properties.push_back({pointer / name, child_path, property, is_required});
            out[name] = make_sample(property, complete, pointer / name, child_path, properties);
        }
        return out;
    }
    if (type == "array") {
        properties.push_back({pointer / 0, path + "[0]", schema.at("items"), false});
        return json::array(
            {make_sample(schema.at("items"), complete, pointer / 0, path + "[0]", properties)});
    }
    if (type == "integer") {
        return 42;
    }
    if (type == "number") {
        return 7.3;
    }
    if (type == "boolean") {
        return true;
    }
    if (schema.contains("enum")) {
        return schema.at("enum").front();
    }
    const std::string format = schema.value("format", "");
    if (format == "date-time") {
        return "2026-03-14T09:26:53Z";
    }
    if (format == "uri") {
        return "ftp://diagnostics.example.com/upload/";
    }
    return std::string(schema.value("maxLength", std::size_t{12}), 'x');
}

// One message type behind function pointers, so that the checks below are compiled once rather than for
// each of the 78 types.
struct MessageCodec {
    json schema;
    Rejection (*rejection)(const json&);
    void (*expect_round_trip)(const json&);

    struct Sample {
        json payload;
        std::vector<Property> properties;
    };
    Sample sample(bool complete) const {
        Sample out;
        out.payload = make_sample(schema, complete, json::json_pointer(), "", out.properties);
        return out;
    }
    void expect_rejected(const json& payload, std::string_view expected_code,
                         const std::string& expected_path) const {
        const auto [code, path] = rejection(payload);
        EXPECT_EQ(code, expected_code) << expected_path;
        EXPECT_EQ(path, expected_path);
    }
};

template <typename T>
void expect_round_trip(const json& payload) {
    round_trip<T>(payload);
}

void check_enum_values(const MessageCodec& codec) {
    const auto [payload, properties] = codec.sample(true);
    for (const auto& property : properties) {
        if (!property.schema.contains("enum")) {
            continue;
        }
        json changed = payload;
        for (const auto& value : property.schema.at("enum")) {
            changed[property.pointer] = value;
            codec.expect_round_trip(changed);
        }
        changed[property.pointer] = "NoSuchValue";
        codec.expect_rejected(changed, "PropertyConstraintViolation", property.path);
    }
}

void check_missing_required_properties(const MessageCodec& codec) {
    const auto [payload, properties] = codec.sample(true);
    for (const auto& property : properties) {
        if (property.required) {
            json changed = payload;
            changed[property.pointer.parent_pointer()].erase(property.pointer.back());
            codec.expect_rejected(changed, "OccurenceConstraintViolation", property.path);
        }
    }
}

void check_unknown_properties(const MessageCodec& codec) {
    const auto [payload, properties] = codec.sample(true);
    std::vector<std::pair<json::json_pointer, std::string>> objects = {{json::json_pointer(), ""}};
    for (const auto& property : properties) {
        if (payload.at(property.pointer).is_object()) {
            objects.emplace_back(property.pointer, property.path);
        }
    }
    for (const auto& [pointer, path] : objects) {
        json changed = payload;
        changed[pointer]["vendorExtension"] = 1;
        codec.expect_rejected(changed, "FormationViolation",
                              path.empty() ? "vendorExtension" : path + ".vendorExtension");
    }
}

void check_wrong_json_types(const MessageCodec& codec) {
    const auto [payload, properties] = codec.sample(true);
    for (const auto& property : properties) {
        const std::string type = property.schema.at("type");
        json changed = payload;
        if (type == "string") {
            changed[property.pointer] = 42;
        } else if (type == "integer" || type == "number" || type == "boolean") {
            changed[property.pointer] = "42";
        } else if (type == "array") {
            changed[property.pointer] = json::object();
        } else {
            changed[property.pointer] = json::array();
        }
        codec.expect_rejected(changed, "TypeConstraintViolation", property.path);
    }
}

// maxLength, multipleOf, formats, integer range and minItems.
void check_constraints(const MessageCodec& codec) {
    const auto [payload, properties] = codec.sample(true);
    for (const auto& property : properties) {
        const json& schema = property.schema;
        json changed = payload;
        std::string expected = "PropertyConstraintViolation";
        if (schema.contains("maxLength")) {
            changed[property.pointer] = std::string(schema.at("maxLength").get<std::size_t>() + 1, 'x');
        } else if (schema.contains("multipleOf")) {
            changed[property.pointer] = 7.35;
        } else if (schema.value("format", "") == "date-time") {
            changed[property.pointer] = "2026-02-30T09:26:53Z";
        } else if (schema.value("format", "") == "uri") {
            changed[property.pointer] = "diagnostics upload";
        } else if (schema.value("type", "") == "integer") {
            // Only the energy registers are 64-bit; every other integer must fit in 32 bits.
            changed[property.pointer] = std::int64_t{1} << 31;
            const std::string name = property.pointer.back();
            if (name == "meterStart" || name == "meterStop") {
                codec.expect_round_trip(changed);
                continue;
            }
        } else if (schema.contains("minItems")) {
            changed[property.pointer] = json::array();
            expected = "OccurenceConstraintViolation";
        } else {
            continue;
        }
        codec.expect_rejected(changed, expected, property.path);
    }
}

template <typename Message>
class MessageTypeTest : public ::testing::Test {
protected:
    using MessageType = typename Message::Type;
    static MessageCodec codec() {
        return {json_schema<MessageType>(), &rejection<MessageType>, &expect_round_trip<MessageType>};
    }
};

template <typename R>
struct RequestOf {
    using Type = R;
    static std::string name() { return std::string(R::action) + "Request"; }
};

template <typename R>
struct ResponseOf {
    using Type = typename R::Response;
    static std::string name() { return std::string(R::action) + "Response"; }
};

struct MessageName {
    template <typename Message>
    static std::string GetName(int) {
        return Message::name();
    }
};

using AllMessages =
    boost::mp11::mp_rename<boost::mp11::mp_append<boost::mp11::mp_transform<RequestOf, AllRequests>,
                                                  boost::mp11::mp_transform<ResponseOf, AllRequests>>,
                           ::testing::Types>;
TYPED_TEST_SUITE(MessageTypeTest, AllMessages, MessageName);

// Few typed tests with many checks each: every typed test is instantiated 78 times, which costs compile time.
// The failure messages name the offending property.

TYPED_TEST(MessageTypeTest, ValidPayloadsRoundTrip) {
    const auto codec = TestFixture::codec();
    {
        SCOPED_TRACE("payload with every property");
        codec.expect_round_trip(codec.sample(true).payload);
    }
    {
        SCOPED_TRACE("payload with only the required properties");
        codec.expect_round_trip(codec.sample(false).payload);
    }
}

TYPED_TEST(MessageTypeTest, InvalidPayloadsAreRejectedWithCodeAndPath) {
    const auto codec = TestFixture::codec();
    {
        SCOPED_TRACE("every enum value round-trips, others are PropertyConstraintViolation");
        check_enum_values(codec);
    }
    {
        SCOPED_TRACE("missing required property is OccurenceConstraintViolation");
        check_missing_required_properties(codec);
    }
    {
        SCOPED_TRACE("unknown property is FormationViolation at every level");
        check_unknown_properties(codec);
    }
    {
        SCOPED_TRACE("wrong JSON type is TypeConstraintViolation");
        check_wrong_json_types(codec);
    }
    {
        SCOPED_TRACE("value outside maxLength, multipleOf, format, integer range or minItems");
        check_constraints(codec);
    }
}

// ---------------------------------------------------------------------------------------------------------
// The list of messages.

TEST(AllRequestsTest, IsSortedByActionAndInitiatorsMatchTheSpecification) {
    std::vector<std::string> actions;
    std::set<std::string> from_charge_point;
    std::set<std::string> from_either;
    boost::mp11::mp_for_each<boost::mp11::mp_transform<boost::mp11::mp_identity, AllRequests>>(
        [&](auto type) {
            using R = typename decltype(type)::type;
            actions.emplace_back(R::action);
            if (R::initiator == Initiator::ChargePoint) {
                from_charge_point.emplace(R::action);
            } else if (R::initiator == Initiator::Either) {
                from_either.emplace(R::action);
            }
        });
    EXPECT_EQ(actions.size(), 39U);
    EXPECT_TRUE(std::is_sorted(actions.begin(), actions.end()));
    EXPECT_EQ(from_charge_point,
              (std::set<std::string>{"Authorize", "BootNotification", "DiagnosticsStatusNotification",
                                     "FirmwareStatusNotification", "Heartbeat", "LogStatusNotification",
                                     "MeterValues", "SecurityEventNotification", "SignCertificate",
                                     "SignedFirmwareStatusNotification", "StartTransaction",
                                     "StatusNotification", "StopTransaction"}));
    EXPECT_EQ(from_either, std::set<std::string>{"DataTransfer"});
}

// ---------------------------------------------------------------------------------------------------------
// Realistic payloads.

TEST(MessagesTest, MeterValuesWithEverySampledValueAttribute) {
    const json payload = json::parse(R"({
        "connectorId": 2,
        "transactionId": 4711,
        "meterValue": [{
            "timestamp": "2026-03-14T09:30:00Z",
            "sampledValue": [
                {"value": "1234567", "context": "Sample.Periodic", "format": "Raw",
                 "measurand": "Energy.Active.Import.Register", "location": "Outlet", "unit": "Wh"},
                {"value": "16.2", "context": "Sample.Periodic", "format": "Raw", "measurand": "Current.Import",
                 "phase": "L1", "location": "Outlet", "unit": "A"},
                {"value": "229.8", "context": "Sample.Periodic", "measurand": "Voltage", "phase": "L1-N",
                 "location": "Outlet", "unit": "V"},
                {"value": "11.04", "context": "Sample.Periodic", "measurand": "Power.Active.Import",
                 "phase": "L3-L1", "unit": "kW"},
                {"value": "41.5", "context": "Sample.Periodic", "measurand": "Temperature", "location": "Body",
                 "unit": "Celsius"},
                {"value": "41.5", "context": "Sample.Periodic", "measurand": "Temperature", "location": "Cable",
                 "unit": "Celcius"},
                {"value": "67", "context": "Sample.Periodic", "measurand": "SoC", "location": "EV",
                 "unit": "Percent"},
                {"value": "AP3BgAAA...", "context": "Sample.Periodic", "format": "SignedData",
                 "measurand": "Energy.Active.Import.Register", "location": "Outlet"}
            ]
        }]
    })");
    const auto request = round_trip<MeterValuesRequest>(payload);
    EXPECT_EQ(request.connector_id, 2);
    EXPECT_EQ(request.transaction_id, 4711);
    ASSERT_EQ(request.meter_value.size(), 1U);
    EXPECT_EQ(request.meter_value[0].timestamp, utc("2026-03-14T09:30:00Z"));
    const auto& samples = request.meter_value[0].sampled_value;
    ASSERT_EQ(samples.size(), 8U);
    EXPECT_EQ(samples[0].value, "1234567");
    EXPECT_EQ(samples[0].context, ReadingContext::SamplePeriodic);
    EXPECT_EQ(samples[0].format, ValueFormat::Raw);
    EXPECT_EQ(samples[0].measurand, Measurand::EnergyActiveImportRegister);
    EXPECT_FALSE(samples[0].phase);
    EXPECT_EQ(samples[0].location, Location::Outlet);
    EXPECT_EQ(samples[0].unit, UnitOfMeasure::Wh);
    EXPECT_EQ(samples[1].measurand, Measurand::CurrentImport);
    EXPECT_EQ(samples[1].phase, Phase::L1);
    EXPECT_EQ(samples[1].unit, UnitOfMeasure::A);
    EXPECT_EQ(samples[2].phase, Phase::L1N);
    EXPECT_FALSE(samples[2].format);
    EXPECT_EQ(samples[3].phase, Phase::L3L1);
    EXPECT_EQ(samples[3].unit, UnitOfMeasure::KW);
    EXPECT_FALSE(samples[3].location);
    EXPECT_EQ(samples[4].unit, UnitOfMeasure::Celsius);
    EXPECT_EQ(samples[5].unit, UnitOfMeasure::Celcius);
    EXPECT_EQ(samples[5].location, Location::Cable);
    EXPECT_EQ(samples[6].measurand, Measurand::SoC);
    EXPECT_EQ(samples[6].location, Location::EV);
    EXPECT_EQ(samples[6].unit, UnitOfMeasure::Percent);
    EXPECT_EQ(samples[7].format, ValueFormat::SignedData);
    EXPECT_FALSE(samples[7].unit);
}

TEST(MessagesTest, BadEnumDeepInsideMeterValuesNamesItsPath) {
    json payload = json::parse(R"({"connectorId": 1, "meterValue": [{"timestamp": "2026-03-14T09:30:00Z",
        "sampledValue": [{"value": "1", "measurand": "Voltage"}, {"value": "2", "measurand": "Energy"}]}]})");
    const auto [code, path] = rejection<MeterValuesRequest>(payload);
    EXPECT_EQ(code, "PropertyConstraintViolation");
    EXPECT_EQ(path, "meterValue[0].sampledValue[1].measurand");

    payload["meterValue"][0]["sampledValue"][1]["measurand"] = "Energy.Active.Import.Register";
    payload["meterValue"][0]["sampledValue"][1]["unit"] = "kwh";  // wire names are case-sensitive
    EXPECT_EQ(rejection<MeterValuesRequest>(payload).path, "meterValue[0].sampledValue[1].unit");
}

TEST(MessagesTest, StopTransactionWithTransactionDataAndMeterStopAbove2To31) {
    const json payload = json::parse(R"({
        "idTag": "04E91C2A7F3B80",
        "meterStop": 3000000123,
        "timestamp": "2026-03-14T10:02:11Z",
        "transactionId": 4711,
        "reason": "EVDisconnected",
        "transactionData": [
            {"timestamp": "2026-03-14T09:00:05Z",
             "sampledValue": [{"value": "2999950000", "context": "Transaction.Begin",
                               "measurand": "Energy.Active.Import.Register", "unit": "Wh"}]},
            {"timestamp": "2026-03-14T10:02:11Z",
             "sampledValue": [{"value": "3000000123", "context": "Transaction.End",
                               "measurand": "Energy.Active.Import.Register", "unit": "Wh"},
                              {"value": "78", "context": "Transaction.End", "measurand": "SoC",
                               "unit": "Percent"}]}
        ]
    })");
    const auto request = round_trip<StopTransactionRequest>(payload);
    EXPECT_EQ(request.id_tag, IdToken("04E91C2A7F3B80"));
    EXPECT_EQ(request.meter_stop, 3'000'000'123LL);
    EXPECT_EQ(request.timestamp, utc("2026-03-14T10:02:11Z"));
    EXPECT_EQ(request.transaction_id, 4711);
    EXPECT_EQ(request.reason, Reason::EVDisconnected);
    ASSERT_TRUE(request.transaction_data);
    ASSERT_EQ(request.transaction_data->size(), 2U);
    EXPECT_EQ((*request.transaction_data)[0].sampled_value[0].context, ReadingContext::TransactionBegin);
    EXPECT_EQ((*request.transaction_data)[1].sampled_value[1].measurand, Measurand::SoC);

    json bad = payload;
    bad["transactionData"][1]["sampledValue"][0]["context"] = "Transaction.Ended";
    EXPECT_EQ(rejection<StopTransactionRequest>(bad).path, "transactionData[1].sampledValue[0].context");

    const auto start = round_trip<StartTransactionRequest>(json::parse(
        R"({"connectorId": 1, "idTag": "04E91C2A7F3B80", "meterStart": 2999950000,
            "timestamp": "2026-03-14T09:00:05Z"})"));
    EXPECT_EQ(start.meter_start, 2'999'950'000LL);
}

TEST(MessagesTest, SetChargingProfileWithFractionalLimits) {
    const json payload = json::parse(R"({
        "connectorId": 1,
        "csChargingProfiles": {
            "chargingProfileId": 158798,
            "transactionId": 4711,
            "stackLevel": 1,
            "chargingProfilePurpose": "TxProfile",
            "chargingProfileKind": "Absolute",
            "validFrom": "2026-03-14T09:00:00Z",
            "validTo": "2026-03-14T21:00:00Z",
            "chargingSchedule": {
                "duration": 3600,
                "startSchedule": "2026-03-14T09:00:00Z",
                "chargingRateUnit": "A",
                "chargingSchedulePeriod": [
                    {"startPeriod": 0, "limit": 7.3, "numberPhases": 3},
                    {"startPeriod": 1800, "limit": 16.0}
                ],
                "minChargingRate": 6.1
            }
        }
    })");
    const auto request = round_trip<SetChargingProfileRequest>(payload);
    EXPECT_EQ(request.connector_id, 1);
    const auto& profile = request.cs_charging_profiles;
    EXPECT_EQ(profile.charging_profile_id, 158798);
    EXPECT_EQ(profile.transaction_id, 4711);
    EXPECT_EQ(profile.stack_level, 1);
    EXPECT_EQ(profile.charging_profile_purpose, ChargingProfilePurpose::TxProfile);
    EXPECT_EQ(profile.charging_profile_kind, ChargingProfileKind::Absolute);
    EXPECT_FALSE(profile.recurrency_kind);
    EXPECT_EQ(profile.valid_to, utc("2026-03-14T21:00:00Z"));
    const auto& schedule = profile.charging_schedule;
    EXPECT_EQ(schedule.duration, 3600);
    EXPECT_EQ(schedule.charging_rate_unit, ChargingRateUnit::A);
    ASSERT_EQ(schedule.charging_schedule_period.size(), 2U);
    EXPECT_DOUBLE_EQ(schedule.charging_schedule_period[0].limit.value, 7.3);
    EXPECT_EQ(schedule.charging_schedule_period[0].number_phases, 3);
    EXPECT_EQ(schedule.charging_schedule_period[1].start_period, 1800);
    EXPECT_DOUBLE_EQ(schedule.charging_schedule_period[1].limit.value, 16.0);
    EXPECT_FALSE(schedule.charging_schedule_period[1].number_phases);
    ASSERT_TRUE(schedule.min_charging_rate);
    EXPECT_DOUBLE_EQ(schedule.min_charging_rate->value, 6.1);
    EXPECT_EQ(encode(request).dump().find("7.300000"), std::string::npos);

    json bad = payload;
    bad["csChargingProfiles"]["chargingSchedule"]["chargingSchedulePeriod"][1]["limit"] = 16.05;
    const auto [code, path] = rejection<SetChargingProfileRequest>(bad);
    EXPECT_EQ(code, "PropertyConstraintViolation");
    EXPECT_EQ(path, "csChargingProfiles.chargingSchedule.chargingSchedulePeriod[1].limit");
}

TEST(MessagesTest, RemoteStartTransactionWithRecurringChargingProfile) {
    const json payload = json::parse(R"({
        "connectorId": 2,
        "idTag": "FLEET-0042",
        "chargingProfile": {
            "chargingProfileId": 7,
            "stackLevel": 0,
            "chargingProfilePurpose": "TxProfile",
            "chargingProfileKind": "Recurring",
            "recurrencyKind": "Daily",
            "chargingSchedule": {
                "startSchedule": "2026-03-14T00:00:00Z",
                "chargingRateUnit": "W",
                "chargingSchedulePeriod": [{"startPeriod": 0, "limit": 7.3}, {"startPeriod": 25200, "limit": 11000.0}],
                "minChargingRate": 6.1
            }
        }
    })");
    const auto request = round_trip<RemoteStartTransactionRequest>(payload);
    EXPECT_EQ(request.connector_id, 2);
    EXPECT_EQ(request.id_tag, IdToken("FLEET-0042"));
    ASSERT_TRUE(request.charging_profile);
    EXPECT_FALSE(request.charging_profile->transaction_id);
    EXPECT_EQ(request.charging_profile->recurrency_kind, RecurrencyKind::Daily);
    EXPECT_EQ(request.charging_profile->charging_schedule.charging_rate_unit, ChargingRateUnit::W);
    EXPECT_FALSE(request.charging_profile->charging_schedule.duration);
    EXPECT_DOUBLE_EQ(request.charging_profile->charging_schedule.charging_schedule_period[0].limit.value,
                     7.3);
    EXPECT_DOUBLE_EQ(request.charging_profile->charging_schedule.min_charging_rate->value, 6.1);

    EXPECT_EQ(round_trip<RemoteStartTransactionResponse>(json{{"status", "Rejected"}}).status,
              RemoteStartStopStatus::Rejected);
}

TEST(MessagesTest, GetConfigurationWithKnownAndUnknownKeys) {
    const json payload = json::parse(R"({
        "configurationKey": [
            {"key": "HeartbeatInterval", "readonly": false, "value": "300"},
            {"key": "NumberOfConnectors", "readonly": true, "value": "2"},
            {"key": "AuthorizationKey", "readonly": false}
        ],
        "unknownKey": ["ParkGridTariffDisplay"]
    })");
    const auto response = round_trip<GetConfigurationResponse>(payload);
    ASSERT_TRUE(response.configuration_key);
    ASSERT_EQ(response.configuration_key->size(), 3U);
    const auto& keys = *response.configuration_key;
    EXPECT_EQ(keys[0].key, CiString<50>("HeartbeatInterval"));
    EXPECT_FALSE(keys[0].readonly);
    EXPECT_EQ(keys[0].value, CiString<500>("300"));
    EXPECT_TRUE(keys[1].readonly);
    EXPECT_FALSE(keys[2].value);  // a write-only key is reported without its value
    EXPECT_EQ(response.unknown_key, (std::vector<CiString<50>>{"ParkGridTariffDisplay"}));

    // An empty list is not the same as no list: both must survive a round trip.
    EXPECT_FALSE(round_trip<GetConfigurationRequest>(json::object()).key);
    EXPECT_EQ(round_trip<GetConfigurationRequest>(json{{"key", json::array()}}).key,
              std::vector<CiString<50>>{});
    EXPECT_EQ(
        rejection<GetConfigurationResponse>(json::parse(R"({"configurationKey": [{"key": "A"}]})")).path,
        "configurationKey[0].readonly");
}

TEST(MessagesTest, SendLocalListWithAuthorizationData) {
    const json payload = json::parse(R"({
        "listVersion": 42,
        "localAuthorizationList": [
            {"idTag": "04E91C2A7F3B80",
             "idTagInfo": {"expiryDate": "2026-12-31T23:59:59Z", "parentIdTag": "FLEET-7", "status": "Accepted"}},
            {"idTag": "DEADBEEF", "idTagInfo": {"status": "Blocked"}},
            {"idTag": "0A1B2C3D"}
        ],
        "updateType": "Differential"
    })");
    const auto request = round_trip<SendLocalListRequest>(payload);
    EXPECT_EQ(request.list_version, 42);
    EXPECT_EQ(request.update_type, UpdateType::Differential);
    ASSERT_TRUE(request.local_authorization_list);
    const auto& list = *request.local_authorization_list;
    ASSERT_EQ(list.size(), 3U);
    EXPECT_EQ(list[0].id_tag, IdToken("04E91C2A7F3B80"));
    ASSERT_TRUE(list[0].id_tag_info);
    EXPECT_EQ(list[0].id_tag_info->status, AuthorizationStatus::Accepted);
    EXPECT_EQ(list[0].id_tag_info->parent_id_tag, IdToken("FLEET-7"));
    EXPECT_EQ(list[0].id_tag_info->expiry_date, utc("2026-12-31T23:59:59Z"));
    EXPECT_EQ(list[1].id_tag_info->status, AuthorizationStatus::Blocked);
    EXPECT_FALSE(list[2].id_tag_info);  // removes the entry in a differential update

    EXPECT_EQ(round_trip<SendLocalListResponse>(json{{"status", "VersionMismatch"}}).status,
              UpdateStatus::VersionMismatch);
    json bad = payload;
    bad["localAuthorizationList"][1]["idTag"] = "0123456789ABCDEF01234";  // 21 characters
    const auto [code, path] = rejection<SendLocalListRequest>(bad);
    EXPECT_EQ(code, "PropertyConstraintViolation");
    EXPECT_EQ(path, "localAuthorizationList[1].idTag");
}

TEST(MessagesTest, GetInstalledCertificateIdsResponse) {
    const json payload = json::parse(R"({
        "certificateHashData": [{
            "hashAlgorithm": "SHA256",
            "issuerNameHash": "f2311e9a995dfbd006bfc909e480987dc2d440ae6eaf1746efdadc638a295f65",
            "issuerKeyHash": "8a26a3b7f2ac2a3fb7bb7cd33aeb3a70d9a1d1a1e3bd3d3a4ab5b0e4c16f0fd1",
            "serialNumber": "7a4c1d0e5b2f"
        }],
        "status": "Accepted"
    })");
    const auto response = round_trip<GetInstalledCertificateIdsResponse>(payload);
    EXPECT_EQ(response.status, GetInstalledCertificateStatus::Accepted);
    ASSERT_TRUE(response.certificate_hash_data);
    ASSERT_EQ(response.certificate_hash_data->size(), 1U);
    const auto& hash = response.certificate_hash_data->front();
    EXPECT_EQ(hash.hash_algorithm, HashAlgorithm::SHA256);
    EXPECT_EQ(hash.serial_number, CiString<40>("7a4c1d0e5b2f"));
    EXPECT_EQ(hash.issuer_name_hash.str().size(), 64U);

    EXPECT_FALSE(
        round_trip<GetInstalledCertificateIdsResponse>(json{{"status", "NotFound"}}).certificate_hash_data);
    const auto [code, path] = rejection<GetInstalledCertificateIdsResponse>(
        json{{"certificateHashData", json::array()}, {"status", "NotFound"}});
    EXPECT_EQ(code, "OccurenceConstraintViolation");
    EXPECT_EQ(path, "certificateHashData");

    EXPECT_EQ(round_trip<GetInstalledCertificateIdsRequest>(
                  json{{"certificateType", "ManufacturerRootCertificate"}})
                  .certificate_type,
              CertificateUse::ManufacturerRootCertificate);
}

TEST(MessagesTest, SecurityEventNotification) {
    const json payload = json::parse(R"({"type": "SettingSystemTime", "timestamp": "2026-03-14T09:26:53.250Z",
                                         "techInfo": "NTP adjusted the clock by -3.2 s"})");
    const auto request = round_trip<SecurityEventNotificationRequest>(payload);
    EXPECT_EQ(request.type, CiString<50>("SettingSystemTime"));
    EXPECT_EQ(request.timestamp, DateTime::from_unix_millis(1'773'480'413'250));
    EXPECT_EQ(request.tech_info, CiString<255>("NTP adjusted the clock by -3.2 s"));

    // Offsets are accepted and normalised to UTC.
    const auto local = decode<SecurityEventNotificationRequest>(
        json{{"type", "StartupOfTheDevice"}, {"timestamp", "2026-03-14T10:26:53.250+01:00"}});
    EXPECT_EQ(local.timestamp, request.timestamp);
    EXPECT_EQ(encode(local)["timestamp"], "2026-03-14T09:26:53.250Z");
    EXPECT_FALSE(local.tech_info);

    round_trip<SecurityEventNotificationResponse>(json::object());
    const auto [code, path] = rejection<SecurityEventNotificationResponse>(json{{"status", "Accepted"}});
    EXPECT_EQ(code, "FormationViolation");
    EXPECT_EQ(path, "status");
}

TEST(MessagesTest, DataTransferCarriesDataAsAString) {
    const json payload = json::parse(R"({"vendorId": "com.parkgrid", "messageId": "TariffText",
                                         "data": "{\"connectorId\":1,\"text\":\"0.39 EUR/kWh\"}"})");
    const auto request = round_trip<DataTransferRequest>(payload);
    EXPECT_EQ(request.vendor_id, CiString<255>("com.parkgrid"));
    EXPECT_EQ(request.message_id, CiString<50>("TariffText"));
    EXPECT_EQ(request.data, R"({"connectorId":1,"text":"0.39 EUR/kWh"})");
    EXPECT_EQ(DataTransferRequest::initiator, Initiator::Either);

    // Vendors that put a JSON object into `data` violate the schema.
    const auto [code, path] =
        rejection<DataTransferRequest>(json{{"vendorId", "com.parkgrid"}, {"data", {{"connectorId", 1}}}});
    EXPECT_EQ(code, "TypeConstraintViolation");
    EXPECT_EQ(path, "data");

    const auto response =
        round_trip<DataTransferResponse>(json{{"status", "UnknownMessageId"}, {"data", "try TariffText2"}});
    EXPECT_EQ(response.status, DataTransferStatus::UnknownMessageId);
    EXPECT_EQ(response.data, "try TariffText2");
}

TEST(MessagesTest, DiagnosticsAndFirmwareLocationsMustBeAbsoluteUris) {
    const auto request = round_trip<GetDiagnosticsRequest>(json::parse(
        R"({"location": "ftp://diag:s3cret@upload.example.com/logs/cp-0042/", "retries": 3, "retryInterval": 60,
            "startTime": "2026-03-13T00:00:00Z", "stopTime": "2026-03-14T00:00:00Z"})"));
    EXPECT_EQ(request.location.str(), "ftp://diag:s3cret@upload.example.com/logs/cp-0042/");
    EXPECT_EQ(request.retry_interval, 60);

    for (const char* location : {"upload.example.com/logs", "ftp://upload.example.com/my logs", "://x",
                                 "ftp://a/%4", "http://a/#b#c", ""}) {
        const auto [code, path] = rejection<UpdateFirmwareRequest>(
            json{{"location", location}, {"retrieveDate", "2026-03-14T09:00:00Z"}});
        EXPECT_EQ(code, "PropertyConstraintViolation") << location;
        EXPECT_EQ(path, "location");
    }
    for (const char* location : {"https://fw.example.com/acme/ac7-2.4.1.bin?token=a%2Fb",
                                 "urn:isbn:0451450523", "ftp://[2001:db8::7]/fw.bin", "file:///fw.bin#v2"}) {
        EXPECT_TRUE(Uri::parse(location)) << location;
    }
    EXPECT_THROW(Uri("not a uri"), std::invalid_argument);
}

TEST(MessagesTest, SignedUpdateFirmwareAndGetLog) {
    const auto firmware = round_trip<SignedUpdateFirmwareRequest>(json::parse(R"({
        "retries": 2, "retryInterval": 300, "requestId": 17,
        "firmware": {"location": "https://fw.example.com/ac7-2.4.1.bin", "retrieveDateTime": "2026-03-15T02:00:00Z",
                     "installDateTime": "2026-03-15T03:00:00Z",
                     "signingCertificate": "-----BEGIN CERTIFICATE-----\nMIIB...\n-----END CERTIFICATE-----",
                     "signature": "MEUCIQDx..."}})"));
    EXPECT_EQ(firmware.request_id, 17);
    EXPECT_EQ(firmware.firmware.install_date_time, utc("2026-03-15T03:00:00Z"));

    const auto log = round_trip<GetLogRequest>(json::parse(R"({
        "log": {"remoteLocation": "https://logs.example.com/upload", "oldestTimestamp": "2026-03-01T00:00:00Z"},
        "logType": "SecurityLog", "requestId": 18})"));
    EXPECT_EQ(log.log_type, LogType::SecurityLog);
    EXPECT_EQ(log.log.remote_location, CiString<512>("https://logs.example.com/upload"));
    EXPECT_FALSE(log.log.latest_timestamp);

    EXPECT_EQ(round_trip<SignedFirmwareStatusNotificationRequest>(
                  json{{"status", "InvalidSignature"}, {"requestId", 17}})
                  .status,
              SignedFirmwareStatus::InvalidSignature);
    EXPECT_EQ(rejection<FirmwareStatusNotificationRequest>(json{{"status", "InvalidSignature"}}).code,
              "PropertyConstraintViolation");
    EXPECT_EQ(
        round_trip<ExtendedTriggerMessageRequest>(json{{"requestedMessage", "SignChargePointCertificate"}})
            .requested_message,
        ExtendedMessageTrigger::SignChargePointCertificate);
}

}  // namespace
}  // namespace parkgrid::ocpp
