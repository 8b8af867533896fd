#include "load/meter_reading.hpp"

#include <gtest/gtest.h>

#include "parkgrid/ocpp/codec.hpp"

namespace parkgrid::server::load {
namespace {

nlohmann::json sample(const std::string& measurand, const std::string& value, const std::string& phase = "",
                      const std::string& unit = "") {
    nlohmann::json s = {{"value", value}, {"measurand", measurand}};
    if (!phase.empty()) {
        s["phase"] = phase;
    }
    if (!unit.empty()) {
        s["unit"] = unit;
    }
    return s;
}

MeterReading read(const nlohmann::json& meter_values) {
    return read_meter_values(ocpp::decode<std::vector<ocpp::MeterValue>>(meter_values));
}

TEST(MeterReadingTest, TakesTheHighestPhaseCurrentAndCountsThePhasesDrawing) {
    const nlohmann::json values = {
        {{"timestamp", "2026-11-25T10:00:00Z"},
         {"sampledValue",
          {sample("Current.Import", "15.2", "L1", "A"), sample("Current.Import", "0.3", "L2", "A"),
           sample("Current.Import", "0.1", "L3", "A"), sample("SoC", "64"),
           sample("Energy.Active.Import.Register", "12.5", "", "kWh")}}}};

    const auto reading = read(values);

    EXPECT_DOUBLE_EQ(reading.current_a.value(), 15.2);
    EXPECT_EQ(reading.phases_drawing, 1);
    EXPECT_DOUBLE_EQ(reading.soc_percent.value(), 64);
    EXPECT_DOUBLE_EQ(reading.energy_wh.value(), 12500);
}

TEST(MeterReadingTest, AppliesTheOcppDefaultsAndSkipsWhatIsNotANumber) {
    const nlohmann::json values = {
        {{"timestamp", "2026-11-25T10:00:00Z"},
         {"sampledValue",
          {{{"value", "4200"}}, sample("Current.Import", "16"), sample("Current.Import", "n/a", "L2-N")}}}};

    const auto reading = read(values);

    EXPECT_DOUBLE_EQ(reading.energy_wh.value(), 4200);  // measurand and unit default to the register in Wh
    EXPECT_DOUBLE_EQ(reading.current_a.value(), 16);
    EXPECT_FALSE(reading.phases_drawing);  // no per-phase figures
    EXPECT_FALSE(reading.soc_percent);
}

TEST(MeterReadingTest, TravelsAsEventDataAndBack) {
    const MeterReading reading{.current_a = 15.5, .phases_drawing = 2, .soc_percent = 61, .energy_wh = 1200};
    const auto data = to_event_data(reading);
    EXPECT_EQ(data,
              (nlohmann::json{
                  {"currentA", 15.5}, {"phasesDrawing", 2}, {"socPercent", 61.0}, {"energyWh", 1200.0}}));
    const auto back = from_event_data(data);
    EXPECT_EQ(back.current_a, reading.current_a);
    EXPECT_EQ(back.phases_drawing, reading.phases_drawing);
    EXPECT_EQ(back.soc_percent, reading.soc_percent);
    EXPECT_EQ(back.energy_wh, reading.energy_wh);

    // What a reading lacks stays absent.
    EXPECT_EQ(to_event_data(MeterReading{}), nlohmann::json::object());
    EXPECT_FALSE(from_event_data(nlohmann::json::object()).current_a);
}

}  // namespace
}  // namespace parkgrid::server::load
