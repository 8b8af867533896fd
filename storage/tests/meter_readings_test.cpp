#include "meter_readings.hpp"

#include <gtest/gtest.h>

namespace parkgrid::storage {
namespace {

SampledValueRecord sample(std::string measurand, double normalized, std::string unit,
                          std::optional<std::string> phase = std::nullopt, std::string location = "Outlet") {
    return SampledValueRecord{
        .value = std::to_string(normalized),
        .context = "Sample.Periodic",
        .format = "Raw",
        .measurand = std::move(measurand),
        .phase = std::move(phase),
        .location = std::move(location),
        .unit = unit,
        .normalized_value = normalized,
        .normalized_unit = unit,
    };
}

constexpr const char* energy = "Energy.Active.Import.Register";
constexpr const char* power = "Power.Active.Import";

TEST(MeterReadingsTest, NoSamplesNoReadings) {
    const MeterReadings readings = extract_readings({});
    EXPECT_FALSE(readings.energy_import_wh);
    EXPECT_FALSE(readings.power_import_w);
    EXPECT_FALSE(readings.soc_percent);
}

TEST(MeterReadingsTest, TakesTheSampleWithoutPhase) {
    const MeterReadings readings = extract_readings({
        sample(energy, 100.0, "Wh", "L1"),
        sample(energy, 300.0, "Wh"),
        sample(power, 7400.0, "W"),
        sample("SoC", 55.0, "Percent", std::nullopt, "EV"),
        sample("Voltage", 230.0, "V", "L1-N"),
    });
    EXPECT_EQ(readings.energy_import_wh, 300.0);
    EXPECT_EQ(readings.power_import_w, 7400.0);
    EXPECT_EQ(readings.soc_percent, 55.0);
}

TEST(MeterReadingsTest, SumsThePhasesWhenThereIsNoTotal) {
    const MeterReadings readings = extract_readings({
        // clang-format off
        sample(power, 1000.0, "W", "L1"),
        sample(power, 2000.0, "W", "L2"),
        sample(power, 3000.0, "W", "L3"),
        sample(power, 9999.0, "W", "N"),
        sample(energy, 500.0, "Wh", "L1"),  // as a single-phase charger reports it
        // clang-format on
    });
    EXPECT_EQ(readings.power_import_w, 6000.0);
    EXPECT_EQ(readings.energy_import_wh, 500.0);
}

TEST(MeterReadingsTest, UsesTheNormalisedValue) {
    SampledValueRecord kwh = sample(energy, 12345.0, "Wh");
    kwh.value = "12.345";
    kwh.unit = "kWh";
    EXPECT_EQ(extract_readings({kwh}).energy_import_wh, 12345.0);
}

TEST(MeterReadingsTest, IgnoresNonNumericAndOtherUnits) {
    SampledValueRecord signed_data = sample(energy, 0.0, "Wh");
    signed_data.format = "SignedData";
    signed_data.normalized_value = std::nullopt;
    signed_data.normalized_unit = std::nullopt;
    const MeterReadings readings = extract_readings({signed_data, sample(energy, 5.0, "varh")});
    EXPECT_FALSE(readings.energy_import_wh);
}

TEST(MeterReadingsTest, PrefersTheOutletOverTheInlet) {
    EXPECT_EQ(
        extract_readings({sample(energy, 1100.0, "Wh", std::nullopt, "Inlet"), sample(energy, 1000.0, "Wh")})
            .energy_import_wh,
        1000.0);
    EXPECT_EQ(extract_readings({sample(energy, 1100.0, "Wh", std::nullopt, "Inlet")}).energy_import_wh,
              1100.0);
}

}  // namespace
}  // namespace parkgrid::storage
