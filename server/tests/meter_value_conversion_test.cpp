#include "meter_value_conversion.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

TEST(MeterValueConversionTest, AppliesSpecDefaults) {
    ocpp::SampledValue sample;
    sample.value = "1234";
    const auto record = to_record(sample);
    EXPECT_EQ(record.context, "Sample.Periodic");
    EXPECT_EQ(record.format, "Raw");
    EXPECT_EQ(record.measurand, "Energy.Active.Import.Register");
    EXPECT_EQ(record.location, "Outlet");
    EXPECT_EQ(record.unit, "Wh");
    EXPECT_FALSE(record.phase);
    EXPECT_EQ(record.normalized_value, 1234.0);
    EXPECT_EQ(record.normalized_unit, "Wh");
}

TEST(MeterValueConversionTest, NormalisesKiloUnits) {
    const std::pair<ocpp::UnitOfMeasure, std::string> cases[] = {{ocpp::UnitOfMeasure::KWh, "Wh"},
                                                                 {ocpp::UnitOfMeasure::KW, "W"},
                                                                 {ocpp::UnitOfMeasure::Kvarh, "varh"},
                                                                 {ocpp::UnitOfMeasure::Kvar, "var"},
                                                                 {ocpp::UnitOfMeasure::KVA, "VA"}};
    for (const auto& [unit, base] : cases) {
        ocpp::SampledValue sample;
        sample.value = "12.345";
        sample.unit = unit;
        const auto record = to_record(sample);
        EXPECT_DOUBLE_EQ(*record.normalized_value, 12345.0) << base;
        EXPECT_EQ(record.normalized_unit, base);
        EXPECT_EQ(record.value, "12.345");  // the reading as sent is kept
    }
}

TEST(MeterValueConversionTest, KeepsNonNumericAndSignedValuesUnnormalised) {
    ocpp::SampledValue signed_value;
    signed_value.value = "AQIDBA==";
    signed_value.format = ocpp::ValueFormat::SignedData;
    EXPECT_FALSE(to_record(signed_value).normalized_value);
    ocpp::SampledValue text;
    text.value = "n/a";
    EXPECT_FALSE(to_record(text).normalized_value);
    ocpp::SampledValue padded;
    padded.value = " 42.5 ";
    EXPECT_EQ(to_record(padded).normalized_value, 42.5);
}

}  // namespace
}  // namespace parkgrid::server
