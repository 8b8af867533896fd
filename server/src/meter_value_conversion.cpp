#include "meter_value_conversion.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

namespace parkgrid::server {
namespace {

std::optional<double> parse_number(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '+')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && text.back() == ' ') {
        text.remove_suffix(1);
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

// Units reported with a kilo prefix and the base unit they are stored in.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kKiloUnits{{
    {"kWh", "Wh"},
    {"kW", "W"},
    {"kvarh", "varh"},
    {"kvar", "var"},
    {"kVA", "VA"},
}};

}  // namespace

storage::SampledValueRecord to_record(const ocpp::SampledValue& sample) {
    storage::SampledValueRecord record;
    record.value = sample.value;
    record.context =
        std::string(ocpp::to_string(sample.context.value_or(ocpp::ReadingContext::SamplePeriodic)));
    record.format = std::string(ocpp::to_string(sample.format.value_or(ocpp::ValueFormat::Raw)));
    record.measurand =
        std::string(ocpp::to_string(sample.measurand.value_or(ocpp::Measurand::EnergyActiveImportRegister)));
    if (sample.phase) {
        record.phase = std::string(ocpp::to_string(*sample.phase));
    }
    record.location = std::string(ocpp::to_string(sample.location.value_or(ocpp::Location::Outlet)));
    record.unit = std::string(ocpp::to_string(sample.unit.value_or(ocpp::UnitOfMeasure::Wh)));

    if (record.format == "Raw") {
        if (const auto number = parse_number(record.value)) {
            record.normalized_value = *number;
            record.normalized_unit = record.unit;
            for (const auto& [kilo, base] : kKiloUnits) {
                if (record.unit == kilo) {
                    record.normalized_value = *number * 1000.0;
                    record.normalized_unit = std::string(base);
                }
            }
        }
    }
    return record;
}

storage::MeterValueRecord to_record(const ocpp::MeterValue& meter_value, const std::string& charger_id,
                                    std::int32_t connector_id, std::optional<std::int32_t> transaction_id,
                                    std::string source, storage::Timestamp received_at) {
    storage::MeterValueRecord record;
    record.charger_id = charger_id;
    record.connector_id = connector_id;
    record.transaction_id = transaction_id;
    record.timestamp = meter_value.timestamp.instant();
    record.source = std::move(source);
    record.received_at = received_at;
    record.samples.reserve(meter_value.sampled_value.size());
    for (const auto& sample : meter_value.sampled_value) {
        record.samples.push_back(to_record(sample));
    }
    return record;
}

}  // namespace parkgrid::server
