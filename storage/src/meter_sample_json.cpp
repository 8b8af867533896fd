#include "meter_sample_json.hpp"

#include <charconv>
#include <cmath>
#include <iterator>
#include <nlohmann/json.hpp>
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

}  // namespace

std::string samples_to_json(const std::vector<SampledValueRecord>& samples) {
    std::string out;
    out.reserve(samples.size() * 200 + 2);
    out += '[';
    for (const SampledValueRecord& sample : samples) {
        if (&sample != &samples.front()) {
            out += ',';
        }
        out += "{\"value\":";
        append_string(out, sample.value);
        append_member(out, "context", sample.context);
        append_member(out, "format", sample.format);
        append_member(out, "measurand", sample.measurand);
        if (sample.phase) {
            append_member(out, "phase", *sample.phase);
        }
        append_member(out, "location", sample.location);
        append_member(out, "unit", sample.unit);
        if (sample.normalized_value) {
            append_number_member(out, "normalizedValue", *sample.normalized_value);
        }
        if (sample.normalized_unit) {
            append_member(out, "normalizedUnit", *sample.normalized_unit);
        }
        out += '}';
    }
    out += ']';
    return out;
}

std::vector<SampledValueRecord> samples_from_json(std::string_view json) {
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
            sample.context = object.at("context").get<std::string>();
            sample.format = object.at("format").get<std::string>();
            sample.measurand = object.at("measurand").get<std::string>();
            sample.location = object.at("location").get<std::string>();
            sample.unit = object.at("unit").get<std::string>();
            if (const auto phase = object.find("phase"); phase != object.end()) {
                sample.phase = phase->get<std::string>();
            }
            if (const auto value = object.find("normalizedValue");
                value != object.end() && !value->is_null()) {
                sample.normalized_value = value->get<double>();
            }
            if (const auto unit = object.find("normalizedUnit"); unit != object.end()) {
                sample.normalized_unit = unit->get<std::string>();
            }
            samples.push_back(std::move(sample));
        }
        return samples;
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("corrupt meter value samples: ") + error.what());
    }
}

}  // namespace parkgrid::storage
