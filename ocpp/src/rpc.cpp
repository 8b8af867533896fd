#include "parkgrid/ocpp/rpc.hpp"

#include <array>
#include <cctype>
#include <cstdlib>

namespace parkgrid::ocpp {
namespace {

enum MessageTypeId : int { kCall = 2, kCallResult = 3, kCallError = 4 };

// The unique id of a frame JsonReader refused, `[ <type> , "<id>"` at its start, when the frame may be
// answered. Only a CALL may be: a broken CALLRESULT or CALLERROR must never get a CALLERROR back. In broken
// JSON the type must therefore be exactly `2`. JSON that is valid but beyond the reader (a number beyond 64
// bits, nesting beyond 1,024 levels) is answered like any frame whose type is not 3 or 4.
std::optional<std::string> scan_unique_id(std::string_view text, bool valid_json) {
    std::size_t pos = 0;
    const auto skip_space = [&] {
        while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) {
            ++pos;
        }
    };
    skip_space();
    if (pos >= text.size() || text[pos++] != '[') {
        return std::nullopt;
    }
    skip_space();
    if (valid_json) {
        const std::size_t start = pos;
        while (pos < text.size() && (std::isdigit(static_cast<unsigned char>(text[pos])) ||
                                     std::string_view("+-.eE").find(text[pos]) != std::string_view::npos)) {
            ++pos;
        }
        const double type = std::strtod(std::string(text.substr(start, pos - start)).c_str(), nullptr);
        if (pos == start || type == static_cast<double>(kCallResult) ||
            type == static_cast<double>(kCallError)) {
            return std::nullopt;
        }
    } else if (pos >= text.size() || text[pos++] != '2') {
        return std::nullopt;
    }
    skip_space();
    if (pos >= text.size() || text[pos++] != ',') {
        return std::nullopt;
    }
    skip_space();
    if (pos >= text.size() || text[pos++] != '"') {
        return std::nullopt;
    }
    const std::size_t id_start = pos;
    while (pos < text.size() && text[pos] != '"') {
        // Escapes or control characters: not an id we can echo faithfully.
        if (text[pos] == '\\' || static_cast<unsigned char>(text[pos]) < 0x20 ||
            pos - id_start >= kMaxUniqueIdLength) {
            return std::nullopt;
        }
        ++pos;
    }
    if (pos >= text.size()) {
        return std::nullopt;
    }
    std::string unique_id(text.substr(id_start, pos - id_start));
    // Invalid UTF-8 could not be echoed as it was sent: the answer would carry a different id.
    if (nlohmann::json::parse("\"" + unique_id + "\"", nullptr, /*allow_exceptions=*/false).is_discarded()) {
        return std::nullopt;
    }
    return unique_id;
}

// The message type id, compared as a number: 2.0 is 2, as any integer is in JSON Schema. 0 when it is none of
// the three (other numbers, or not a number at all).
int message_type_of(const JsonValue& value) {
    for (const int type : {kCall, kCallResult, kCallError}) {
        if ((value.kind() == JsonValue::Kind::Integer && value.as_int64() == type) ||
            (value.kind() == JsonValue::Kind::Float && value.as_double() == type)) {
            return type;
        }
    }
    return 0;
}

// The text of the last element of a JSON array of `element_count` elements, for text JsonReader has
// accepted. Payloads and error details are the last element of their frame; a CALL keeps its payload as this
// text, to be read straight into the typed request when it is dispatched. Only the elements before it are
// scanned (a CALL's first three take a few dozen bytes, its payload kilobytes); the array's closing bracket
// is its last one, as only whitespace may follow it.
std::string_view last_element_text(std::string_view array_text, std::size_t element_count) {
    const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t start = array_text.find('[') + 1;
    std::size_t separators_left = element_count - 1;
    int depth = 0;
    bool in_string = false;
    for (; separators_left > 0 && start < array_text.size(); ++start) {
        const char c = array_text[start];
        if (in_string) {
            if (c == '\\') {
                ++start;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            ++depth;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 0) {
            --separators_left;
        }
    }
    std::size_t end = array_text.rfind(']');
    while (start < end && is_space(array_text[start])) {
        ++start;
    }
    while (end > start && is_space(array_text[end - 1])) {
        --end;
    }
    return array_text.substr(start, end - start);
}

// The answers and error details the central system acts on stay nlohmann::json: they are few.
nlohmann::json last_element_json(std::string_view frame_text, std::size_t element_count) {
    // Never discarded in practice: the frame was accepted by JsonReader, whose grammar this one shares.
    auto value = nlohmann::json::parse(last_element_text(frame_text, element_count), nullptr,
                                       /*allow_exceptions=*/false);
    return value.is_discarded() ? nlohmann::json() : value;
}

MalformedFrame malformed(std::optional<std::string> unique_id, std::string reason) {
    return MalformedFrame{std::move(unique_id), std::move(reason)};
}

}  // namespace

Frame parse_frame(std::string_view text) {
    // A reader of its own: the dispatcher decodes payloads with this thread's shared one.
    thread_local JsonReader reader;
    auto message = reader.read(text);
    // nlohmann::json stops reading at a NUL byte as if the text ended there; JSON never holds a raw one.
    const auto valid_json = [&] {
        return text.find('\0') == std::string_view::npos && nlohmann::json::accept(text);
    };
    std::string rewritten;
    if (!message && reader.error() == JsonReader::Error::Number && valid_json()) {
        // An integer beyond 64 bits: read as a double, as JSON Schema validators do, so that the field is
        // refused as out of range (PropertyConstraintViolation) rather than the frame as unreadable. (Not
        // when the frame also nests too deep: nlohmann::json writes text out recursively.)
        const auto parsed = nlohmann::json::parse(text);
        if (!detail::nests_deeper_than(parsed, JsonReader::kMaxDepth)) {
            rewritten = to_json_text(parsed);
            text = rewritten;
            message = reader.read(text);
        }
    }
    if (!message) {
        if (valid_json()) {
            return malformed(scan_unique_id(text, /*valid_json=*/true),
                             "frame holds a number beyond 64 bits or nests deeper than 1,024 levels");
        }
        return malformed(scan_unique_id(text, /*valid_json=*/false), "frame is not valid JSON");
    }
    if (message->kind() != JsonValue::Kind::Array || message->size() < 2) {
        return malformed(std::nullopt, "frame is not a JSON array [messageTypeId, uniqueId, ...]");
    }
    const std::size_t size = message->size();
    std::array<std::optional<JsonValue>, 5> element;
    std::size_t index = 0;
    for (const JsonValue value : *message) {
        if (index == element.size()) {
            break;
        }
        element[index++] = value;
    }
    const auto is_string = [&](std::size_t i) { return element[i]->kind() == JsonValue::Kind::String; };
    if (!is_string(1)) {
        return malformed(std::nullopt, "unique id is not a string");
    }
    std::string unique_id(element[1]->as_string());
    const bool unique_id_valid = !unique_id.empty() && unique_id.size() <= kMaxUniqueIdLength;
    switch (message_type_of(*element[0])) {
        case kCall:
            if (!unique_id_valid) {
                return malformed(std::move(unique_id), "unique id must have 1 to 36 characters");
            }
            if (size != 4 || !is_string(2)) {
                return malformed(std::move(unique_id), "CALL must be [2, uniqueId, action, payload]");
            }
            return Call{std::move(unique_id), std::string(element[2]->as_string()),
                        std::string(last_element_text(text, size))};
        // A broken CALLRESULT or CALLERROR is dropped: answering it could start an endless exchange of
        // errors.
        case kCallResult:
            if (!unique_id_valid || size != 3) {
                return malformed(std::nullopt,
                                 "CALLRESULT for '" + unique_id + "' must be [3, uniqueId, payload]");
            }
            return CallResult{std::move(unique_id), last_element_json(text, size)};
        case kCallError: {
            if (!unique_id_valid || size != 5 || !is_string(2) || !is_string(3)) {
                return malformed(std::nullopt,
                                 "CALLERROR for '" + unique_id +
                                     "' must be [4, uniqueId, errorCode, errorDescription, errorDetails]");
            }
            const std::string_view code_text = element[2]->as_string();
            const auto code = call_error_code_from_string(code_text);
            std::string description(element[3]->as_string());
            if (!code) {
                description = "unknown error code '" + std::string(code_text) + "': " + description;
            }
            return CallError{std::move(unique_id), code.value_or(CallErrorCode::GenericError),
                             std::move(description), last_element_json(text, size)};
        }
        // OCPP-J lets a receiver answer an unknown message type whose unique id it can read.
        default: {
            // Only a number is quoted: writing out arbitrary JSON would echo whatever the sender nested
            // there.
            std::string reason = "unknown message type id";
            if (element[0]->is_number()) {
                reason += " " + element[0]->to_json_text();
            }
            return malformed(std::move(unique_id), std::move(reason));
        }
    }
}

std::string serialize(const Call& call) {
    // The payload is JSON text already: spliced in as the last element.
    std::string frame = to_json_text(nlohmann::json::array({kCall, call.unique_id, call.action}));
    frame.back() = ',';
    frame += call.payload;
    frame += ']';
    return frame;
}

std::string serialize(const CallResult& result) {
    return to_json_text(nlohmann::json::array({kCallResult, result.unique_id, result.payload}));
}

std::string serialize(const CallError& error) {
    const auto& details = error.details.is_object() ? error.details : nlohmann::json::object();
    return to_json_text(nlohmann::json::array(
        {kCallError, error.unique_id, std::string(to_string(error.code)), error.description, details}));
}

}  // namespace parkgrid::ocpp
