#include "meter_sample_json.hpp"

#include <charconv>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace parkgrid::storage {

namespace {

// Written by hand rather than through nlohmann::json: this runs for every MeterValue on the writer thread,
// and building a json object tree first cost more than the INSERT itself.

void append_string(std::string& out, std::string_view text) {
    out += '"';
    for (const char c : text) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    constexpr char hex[] = "0123456789abcdef";
                    out += "\\u00";
                    out += hex[(c >> 4) & 0xf];
                    out += hex[c & 0xf];
                } else {
                    out += c;  // UTF-8 passes through; the protocol layer has validated it
                }
        }
    }
    out += '"';
}

void append_member(std::string& out, std::string_view key, std::string_view value) {
    out += ",\"";
    out += key;
    out += "\":";
    append_string(out, value);
}

void append_number_member(std::string& out, std::string_view key, double value) {
    out += ",\"";
    out += key;
    out += "\":";
    if (!std::isfinite(value)) {
        out += "null";  // JSON has no NaN or infinity; read back as "no normalised value"
        return;
    }
    // Shortest form that reads back as exactly the same double.
    char buffer[32];
    const auto result = std::to_chars(std::begin(buffer), std::end(buffer), value);
    out.append(buffer, result.ptr);
}

// What OCPP 1.6 says a charger means when it leaves these attributes out.
constexpr std::string_view kDefaultContext = "Sample.Periodic";
constexpr std::string_view kDefaultFormat = "Raw";
constexpr std::string_view kDefaultMeasurand = "Energy.Active.Import.Register";
constexpr std::string_view kDefaultLocation = "Outlet";
constexpr std::string_view kDefaultUnit = "Wh";

void append_unless_default(std::string& out, std::string_view key, std::string_view value,
                           std::string_view default_value) {
    if (value != default_value) {
        append_member(out, key, value);
    }
}

// The normalised value a sample left without one stands for: its value read as a number, in its own unit.
// Only a Raw value has one (SignedData is not a reading).
std::optional<double> implied_normalized_value(std::string_view format, std::string_view value) {
    if (format != kDefaultFormat) {
        return std::nullopt;
    }
    double number = 0.0;
    const char* const end = value.data() + value.size();
    const auto result = std::from_chars(value.data(), end, number);
    if (value.empty() || result.ec != std::errc() || result.ptr != end || !std::isfinite(number)) {
        return std::nullopt;
    }
    return number;
}

}  // namespace

std::string samples_to_json(const std::vector<SampledValueRecord>& samples) {
    std::string out;
    out.reserve(samples.size() * 64 + 2);
    out += '[';
    for (const SampledValueRecord& sample : samples) {
        if (&sample != &samples.front()) {
            out += ',';
        }
        out += "{\"value\":";
        append_string(out, sample.value);
        append_unless_default(out, "context", sample.context, kDefaultContext);
        append_unless_default(out, "format", sample.format, kDefaultFormat);
        append_unless_default(out, "measurand", sample.measurand, kDefaultMeasurand);
        if (sample.phase) {
            append_member(out, "phase", *sample.phase);
        }
        append_unless_default(out, "location", sample.location, kDefaultLocation);
        append_unless_default(out, "unit", sample.unit, kDefaultUnit);

        const std::optional<double> implied = implied_normalized_value(sample.format, sample.value);
        const bool implied_is_right =
            implied && sample.normalized_value == implied && sample.normalized_unit == sample.unit;
        if (!implied_is_right) {
            if (sample.normalized_value) {
                append_number_member(out, "normalizedValue", *sample.normalized_value);
            } else if (implied || sample.normalized_unit) {
                out += ",\"normalizedValue\":null";  // none, although the value reads as a number
            }
            if (sample.normalized_unit) {
                append_member(out, "normalizedUnit", *sample.normalized_unit);
            }
        }
        out += '}';
    }
    out += ']';
    return out;
}

std::vector<SampledValueRecord> samples_from_json(std::string_view json) {
    const auto text_or = [](const nlohmann::json& object, const char* key, std::string_view default_value) {
        const auto member = object.find(key);
        return member == object.end() ? std::string(default_value) : member->get<std::string>();
    };
    try {
        const nlohmann::json array = nlohmann::json::parse(json);
        if (!array.is_array()) {
            throw std::runtime_error("corrupt meter value samples: not a JSON array");
        }
        std::vector<SampledValueRecord> samples;
        samples.reserve(array.size());
        for (const nlohmann::json& object : array) {
            SampledValueRecord sample;
            sample.value = object.at("value").get<std::string>();
            sample.context = text_or(object, "context", kDefaultContext);
            sample.format = text_or(object, "format", kDefaultFormat);
            sample.measurand = text_or(object, "measurand", kDefaultMeasurand);
            sample.location = text_or(object, "location", kDefaultLocation);
            sample.unit = text_or(object, "unit", kDefaultUnit);
            if (const auto phase = object.find("phase"); phase != object.end()) {
                sample.phase = phase->get<std::string>();
            }
            const auto value = object.find("normalizedValue");
            const auto unit = object.find("normalizedUnit");
            if (value == object.end() && unit == object.end()) {
                sample.normalized_value = implied_normalized_value(sample.format, sample.value);
                if (sample.normalized_value) {
                    sample.normalized_unit = sample.unit;
                }
            } else {
                if (value != object.end() && !value->is_null()) {
                    sample.normalized_value = value->get<double>();
                }
                if (unit != object.end()) {
                    sample.normalized_unit = unit->get<std::string>();
                }
            }
            samples.push_back(std::move(sample));
        }
        return samples;
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("corrupt meter value samples: ") + error.what());
    }
}

}  // namespace parkgrid::storage
