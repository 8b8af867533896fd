#include "frames.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "latency.hpp"

namespace parkgrid::loadgen {
namespace {

using nlohmann::json;

MeterSample three_phase_sample() {
    MeterSample sample;
    sample.energy_wh = 12345;
    sample.power_w = 10488.7;
    sample.current_a = {15.21, 15.07, 15.33};
    sample.voltage_v = {229.8, 231.2, 230.4};
    sample.current_offered_a = 16;
    sample.power_offered_w = 11040;
    sample.soc_percent = 47;
    sample.temperature_c = 35.4;
    return sample;
}

std::string meter_values_frame(int phases) {
    const MeterValuesTemplate meter_template(phases);
    std::string payload;
    meter_template.append_payload(payload, 17, "2026-11-26T12:34:56.789Z", three_phase_sample());
    std::string frame;
    append_call(frame, 42, Action::MeterValues, payload);
    return frame;
}

const json* find_measurand(const json& values, const std::string& measurand, const std::string& phase = "") {
    for (const auto& value : values) {
        if (value.value("measurand", "") == measurand && value.value("phase", "") == phase) {
            return &value;
        }
    }
    return nullptr;
}

TEST(MeterValuesFrame, ThreePhaseIsValidJsonWithEveryMeasurand) {
    const std::string text = meter_values_frame(3);
    EXPECT_GE(text.size(), 1300u);
    EXPECT_LE(text.size(), 1800u);
    const json frame = json::parse(text);
    ASSERT_EQ(frame.size(), 4u);
    EXPECT_EQ(frame[0], 2);
    EXPECT_EQ(frame[1], "42");
    EXPECT_EQ(frame[2], "MeterValues");
    const json& payload = frame[3];
    EXPECT_EQ(payload["connectorId"], 1);
    EXPECT_EQ(payload["transactionId"], 17);
    ASSERT_EQ(payload["meterValue"].size(), 1u);
    EXPECT_EQ(payload["meterValue"][0]["timestamp"], "2026-11-26T12:34:56.789Z");
    const json& values = payload["meterValue"][0]["sampledValue"];
    EXPECT_EQ(values.size(), 12u);
    for (const auto& value : values) {
        EXPECT_TRUE(value["value"].is_string());
        EXPECT_EQ(value["context"], "Sample.Periodic");
        EXPECT_EQ(value["format"], "Raw");
        EXPECT_TRUE(value.contains("unit"));
    }
    const json* energy = find_measurand(values, "Energy.Active.Import.Register");
    ASSERT_NE(energy, nullptr);
    EXPECT_EQ((*energy)["value"], "12345");
    EXPECT_EQ((*energy)["unit"], "Wh");
    for (const char* phase : {"L1", "L2", "L3"}) {
        const json* current = find_measurand(values, "Current.Import", phase);
        ASSERT_NE(current, nullptr) << phase;
        EXPECT_EQ((*current)["unit"], "A");
    }
    const json* voltage = find_measurand(values, "Voltage", "L2-N");
    ASSERT_NE(voltage, nullptr);
    EXPECT_EQ((*voltage)["value"], "231.2");
    const json* soc = find_measurand(values, "SoC");
    ASSERT_NE(soc, nullptr);
    EXPECT_EQ((*soc)["location"], "EV");
    EXPECT_EQ((*soc)["unit"], "Percent");
    const json* temperature = find_measurand(values, "Temperature");
    ASSERT_NE(temperature, nullptr);
    EXPECT_EQ((*temperature)["location"], "Body");
    EXPECT_EQ((*temperature)["unit"], "Celsius");
    EXPECT_NE(find_measurand(values, "Power.Active.Import"), nullptr);
    EXPECT_NE(find_measurand(values, "Current.Offered"), nullptr);
    EXPECT_NE(find_measurand(values, "Power.Offered"), nullptr);
}

TEST(MeterValuesFrame, SinglePhaseIsSmaller) {
    const std::string text = meter_values_frame(1);
    EXPECT_GE(text.size(), 650u);
    EXPECT_LE(text.size(), 1000u);
    const json values = json::parse(text)[3]["meterValue"][0]["sampledValue"];
    EXPECT_EQ(find_measurand(values, "Current.Import", "L2"), nullptr);
    EXPECT_NE(find_measurand(values, "Current.Import", "L1"), nullptr);
}

TEST(OtherFrames, AreValidJson) {
    const json boot = json::parse(boot_notification_payload("LG-000001"));
    EXPECT_EQ(boot["chargePointVendor"], "ParkGrid");
    EXPECT_EQ(boot["chargePointSerialNumber"], "LG-000001");

    const json status = json::parse(status_notification_payload(0, "Available", "2026-01-01T00:00:00.000Z"));
    EXPECT_EQ(status["connectorId"], 0);
    EXPECT_EQ(status["status"], "Available");
    EXPECT_EQ(status["errorCode"], "NoError");

    const json start = json::parse(start_transaction_payload("TAG \"1\"", 0, "2026-01-01T00:00:00.000Z"));
    EXPECT_EQ(start["idTag"], "TAG \"1\"");
    EXPECT_EQ(start["meterStart"], 0);

    const json stop = json::parse(stop_transaction_payload(17, "T", 1234, "2026-01-01T00:00:01.000Z"));
    EXPECT_EQ(stop["transactionId"], 17);
    EXPECT_EQ(stop["meterStop"], 1234);
    EXPECT_EQ(stop["reason"], "Local");

    std::string line;
    append_ack_line(line, json_string("LG-000001"), Action::MeterValues, 17, "2026-01-01T00:00:01.000Z", 99);
    ASSERT_EQ(line.back(), '\n');
    const json ack = json::parse(line);
    EXPECT_EQ(ack["charger"], "LG-000001");
    EXPECT_EQ(ack["action"], "MeterValues");
    EXPECT_EQ(ack["transactionId"], 17);
    EXPECT_EQ(ack["energyWh"], 99);

    std::string error;
    append_call_error(error, "a\\\"b", "NotImplemented", "no");
    const json error_frame = json::parse(error);
    EXPECT_EQ(error_frame[1], "a\"b");
    EXPECT_EQ(error_frame[2], "NotImplemented");
}

TEST(Timestamps, AreRfc3339WithMillisecondsAndStrictlyIncreasing) {
    using namespace std::chrono;
    const SystemMillis time = sys_days{2026y / 2 / 28} + 23h + 59min + 59s + 7ms;
    EXPECT_EQ(std::string(view(format_timestamp(time))), "2026-02-28T23:59:59.007Z");
    IncreasingClock clock;
    const auto first = clock.next(time);
    const auto second = clock.next(time);
    const auto third = clock.next(time - 5s);
    EXPECT_EQ(first, time);
    EXPECT_EQ(second, time + 1ms);
    EXPECT_EQ(third, time + 2ms);
}

TEST(BasicAuthorization, EncodesUserColonPassword) {
    EXPECT_EQ(basic_authorization("LG-000001", "secret"), "Basic TEctMDAwMDAxOnNlY3JldA==");
    EXPECT_EQ(basic_authorization("a", "bc"), "Basic YTpiYw==");
    EXPECT_EQ(basic_authorization("ab", "c"), "Basic YWI6Yw==");
}

TEST(ScanFrame, ReadsCallResult) {
    InboundFrame frame;
    ASSERT_TRUE(scan_frame(
        R"([3,"17",{"status":"Accepted","currentTime":"2026-01-01T00:00:00Z","interval":300}])", frame));
    EXPECT_EQ(frame.type, 3);
    EXPECT_EQ(frame.id, "17");
    EXPECT_EQ(parse_message_id(frame.id), 17u);
    ResultFields fields;
    ASSERT_TRUE(scan_result_fields(frame.payload, fields));
    EXPECT_EQ(fields.status, "Accepted");
    EXPECT_EQ(fields.interval, 300);
    EXPECT_FALSE(fields.transaction_id);
}

TEST(ScanFrame, ToleratesWhitespaceAndEscapes) {
    InboundFrame frame;
    const std::string text =
        " [ 3 ,\n \"4\\u0032\" , { \"currentTime\" : \"x\\\"}]\" ,\t\"st\\u0061tus\" : \"Pend\\u0069ng\" , "
        "\"interval\" : 60 } ] \r\n";
    ASSERT_TRUE(scan_frame(text, frame));
    EXPECT_EQ(frame.type, 3);
    EXPECT_EQ(frame.id, "42");
    EXPECT_EQ(frame.raw_id, "4\\u0032");
    ResultFields fields;
    ASSERT_TRUE(scan_result_fields(frame.payload, fields));
    EXPECT_EQ(fields.status, "Pending");
    EXPECT_EQ(fields.interval, 60);
}

TEST(ScanFrame, ReadsStartTransactionResult) {
    InboundFrame frame;
    ASSERT_TRUE(scan_frame(
        R"([3,"9",{"idTagInfo":{"expiryDate":"2027-01-01T00:00:00Z","parentIdTag":"P","status":"Invalid"},"transactionId":1234567}])",
        frame));
    ResultFields fields;
    ASSERT_TRUE(scan_result_fields(frame.payload, fields));
    EXPECT_EQ(fields.status, "Invalid");
    EXPECT_EQ(fields.transaction_id, 1234567);
}

TEST(ScanFrame, ReadsCallErrorAndCall) {
    InboundFrame frame;
    ASSERT_TRUE(scan_frame(R"([4,"5","InternalError","db \"busy\"",{"retry":[1,2]}])", frame));
    EXPECT_EQ(frame.type, 4);
    EXPECT_EQ(frame.id, "5");
    EXPECT_EQ(frame.error_code, "InternalError");
    EXPECT_EQ(frame.error_description, "db \"busy\"");

    ASSERT_TRUE(scan_frame(R"([2,"srv-1","GetConfiguration",{"key":["HeartbeatInterval"]}])", frame));
    EXPECT_EQ(frame.type, 2);
    EXPECT_EQ(frame.action, "GetConfiguration");
    EXPECT_EQ(frame.payload, R"({"key":["HeartbeatInterval"]})");
    EXPECT_FALSE(parse_message_id(frame.id));
}

TEST(ScanFrame, RejectsBrokenFrames) {
    InboundFrame frame;
    EXPECT_FALSE(scan_frame("", frame));
    EXPECT_FALSE(scan_frame(R"([3,"1",{"status":"Accepted"})", frame));
    EXPECT_FALSE(scan_frame(R"([3,"1",{"status":"Accepted"}] x)", frame));
    EXPECT_FALSE(scan_frame(R"([7,"1",{}])", frame));
    EXPECT_FALSE(scan_frame(R"([3,"1\q",{}])", frame));
    ResultFields fields;
    EXPECT_FALSE(scan_result_fields(R"({"status":)", fields));
}

TEST(LatencyRecorder, NearestRankPercentilesAreExact) {
    LatencyRecorder recorder;
    for (int ms = 100; ms >= 1; --ms) {
        recorder.add_microseconds(static_cast<std::uint64_t>(ms) * 1000);
    }
    recorder.finish();
    EXPECT_EQ(recorder.count(), 100u);
    EXPECT_DOUBLE_EQ(recorder.percentile_ms(50), 50.0);
    EXPECT_DOUBLE_EQ(recorder.percentile_ms(90), 90.0);
    EXPECT_DOUBLE_EQ(recorder.percentile_ms(99), 99.0);
    EXPECT_DOUBLE_EQ(recorder.percentile_ms(99.9), 100.0);
    EXPECT_DOUBLE_EQ(recorder.max_ms(), 100.0);

    LatencyRecorder small;
    small.add_microseconds(1500);
    small.add_microseconds(2250);
    small.add_microseconds(1);
    LatencyRecorder other;
    other.add(std::chrono::microseconds(4000));
    small.merge(other);
    small.finish();
    EXPECT_DOUBLE_EQ(small.percentile_ms(50), 1.5);
    EXPECT_DOUBLE_EQ(small.percentile_ms(75), 2.25);
    EXPECT_DOUBLE_EQ(small.percentile_ms(76), 4.0);
    EXPECT_DOUBLE_EQ(small.percentile_ms(1), 0.001);
    EXPECT_DOUBLE_EQ(small.max_ms(), 4.0);

    LatencyRecorder empty;
    empty.finish();
    EXPECT_DOUBLE_EQ(empty.percentile_ms(99), 0.0);
}

}  // namespace
}  // namespace parkgrid::loadgen
