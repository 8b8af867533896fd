#include "meter_sample_json.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "sample_records.hpp"

namespace parkgrid::storage {
namespace {

SampledValueRecord full_sample() {
    return SampledValueRecord{
        .value = "12.345",
        .context = "Sample.Periodic",
        .format = "Raw",
        .measurand = "Energy.Active.Import.Register",
        .phase = "L1",
        .location = "Outlet",
        .unit = "kWh",
        .normalized_value = 12345.0,
        .normalized_unit = "Wh",
    };
}

SampledValueRecord signed_sample() {
    return SampledValueRecord{
        .value = "ABCDEF0123==",
        .context = "Transaction.End",
        .format = "SignedData",
        .measurand = "Energy.Active.Import.Register",
        .phase = std::nullopt,
        .location = "Inlet",
        .unit = "Wh",
        .normalized_value = std::nullopt,
        .normalized_unit = std::nullopt,
    };
}

void expect_same(const SampledValueRecord& actual, const SampledValueRecord& expected) {
    EXPECT_EQ(actual.value, expected.value);
    EXPECT_EQ(actual.context, expected.context);
    EXPECT_EQ(actual.format, expected.format);
    EXPECT_EQ(actual.measurand, expected.measurand);
    EXPECT_EQ(actual.phase, expected.phase);
    EXPECT_EQ(actual.location, expected.location);
    EXPECT_EQ(actual.unit, expected.unit);
    EXPECT_EQ(actual.normalized_value, expected.normalized_value);
    EXPECT_EQ(actual.normalized_unit, expected.normalized_unit);
}

TEST(MeterSampleJsonTest, RoundTripsEveryAttribute) {
    SampledValueRecord awkward = full_sample();
    awkward.normalized_value = 0.1 + 0.2;  // not exactly representable in decimal: must survive exactly
    awkward.value = "quote \" and unicode \u00e9";
    const std::vector<SampledValueRecord> samples = {full_sample(), signed_sample(), awkward};
    const std::vector<SampledValueRecord> restored = samples_from_json(samples_to_json(samples));
    ASSERT_EQ(restored.size(), samples.size());
    for (std::size_t i = 0; i < samples.size(); ++i) {
        expect_same(restored[i], samples[i]);
    }
}

TEST(MeterSampleJsonTest, EscapesWhatJsonRequires) {
    SampledValueRecord awkward = signed_sample();
    using namespace std::string_literals;
    awkward.value = "back\\slash \"quoted\" line\nbreak tab\t nul\0 bell\x07 \u00b0C"s;
    const std::string json = samples_to_json({awkward});
    EXPECT_TRUE(nlohmann::json::accept(json)) << json;
    EXPECT_EQ(samples_from_json(json).at(0).value, awkward.value);
}

TEST(MeterSampleJsonTest, NonFiniteNumbersBecomeNoValue) {
    SampledValueRecord sample = full_sample();
    sample.normalized_value = std::numeric_limits<double>::quiet_NaN();
    const std::vector<SampledValueRecord> restored = samples_from_json(samples_to_json({sample}));
    EXPECT_FALSE(restored.at(0).normalized_value);
    EXPECT_EQ(restored.at(0).normalized_unit, "Wh");
}

TEST(MeterSampleJsonTest, IsCompactAndLeavesOutAbsentAttributes) {
    const std::string json = samples_to_json({signed_sample()});
    EXPECT_EQ(json.find(' '), std::string::npos);
    EXPECT_EQ(json.find("phase"), std::string::npos);
    EXPECT_EQ(json.find("normalized"), std::string::npos);
    EXPECT_EQ(samples_to_json({}), "[]");
}

TEST(MeterSampleJsonTest, LeavesOutDefaultsAndNormalisedValuesThatTheValueImplies) {
    const SampledValueRecord energy =
        testing::periodic_sample("12345", "Energy.Active.Import.Register", std::nullopt, "Wh", 12345.0, "Wh");
    const SampledValueRecord voltage = testing::periodic_sample("230.1", "Voltage", "L1-N", "V", 230.1, "V");
    EXPECT_EQ(samples_to_json({energy, voltage}),
              R"([{"value":"12345"},{"value":"230.1","measurand":"Voltage","phase":"L1-N","unit":"V"}])");
    // A unit with a kilo prefix is normalised to another value, so that one is written.
    EXPECT_EQ(
        samples_to_json({full_sample()}),
        R"([{"value":"12.345","phase":"L1","unit":"kWh","normalizedValue":12345,"normalizedUnit":"Wh"}])");
}

// Every combination of what decides whether the normalised value is written must read back as it was.
TEST(MeterSampleJsonTest, RoundTripsWhateverTheNormalisedValueIs) {
    const std::vector<std::string> values = {"12",  "0.1", "-0",  "1e3", "+12",
                                             " 12", "12 ", "abc", "",    "0x10"};
    const std::vector<std::optional<double>> normalized_values = {std::nullopt, 12.0, 0.1, 1000.0, 0.0, -3.5};
    const std::vector<std::optional<std::string>> normalized_units = {std::nullopt, "Wh", "kWh", "V"};
    std::size_t cases = 0;
    for (const char* format : {"Raw", "SignedData"}) {
        for (const char* unit : {"Wh", "kWh"}) {
            for (const std::string& value : values) {
                for (const auto& normalized_value : normalized_values) {
                    for (const auto& normalized_unit : normalized_units) {
                        SampledValueRecord sample = signed_sample();
                        sample.format = format;
                        sample.unit = unit;
                        sample.value = value;
                        sample.normalized_value = normalized_value;
                        sample.normalized_unit = normalized_unit;
                        const std::string json = samples_to_json({sample});
                        SCOPED_TRACE(json);
                        expect_same(samples_from_json(json).at(0), sample);
                        ++cases;
                    }
                }
            }
        }
    }
    EXPECT_EQ(cases, 2U * 2U * values.size() * normalized_values.size() * normalized_units.size());
}

TEST(MeterSampleJsonTest, ReadsRowsThatSpellOutEveryAttribute) {
    const std::vector<SampledValueRecord> restored = samples_from_json(
        R"([{"value":"12.345","context":"Sample.Periodic","format":"Raw","measurand":"Energy.Active.Import.Register",)"
        R"("phase":"L1","location":"Outlet","unit":"kWh","normalizedValue":12345.0,"normalizedUnit":"Wh"},)"
        R"({"value":"ABCDEF0123==","context":"Transaction.End","format":"SignedData",)"
        R"("measurand":"Energy.Active.Import.Register","location":"Inlet","unit":"Wh"}])");
    ASSERT_EQ(restored.size(), 2U);
    expect_same(restored[0], full_sample());
    expect_same(restored[1], signed_sample());
}

TEST(MeterSampleJsonTest, RejectsCorruptText) {
    EXPECT_THROW(samples_from_json("not json"), std::runtime_error);
    EXPECT_THROW(samples_from_json("{}"), std::runtime_error);
    EXPECT_THROW(samples_from_json(R"([{"unit":"Wh"}])"), std::runtime_error);
    EXPECT_THROW(samples_from_json(R"([{"value":12}])"), std::runtime_error);
    EXPECT_THROW(samples_from_json(R"([{"value":"1","normalizedValue":"1"}])"), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage
