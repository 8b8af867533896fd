#include "parkgrid/ocpp/rpc.hpp"

#include <cctype>

namespace parkgrid::ocpp {
namespace {

enum MessageTypeId : int { kCall = 2, kCallResult = 3, kCallError = 4 };

// Best effort for text that is not valid JSON: `[ <digits> , "<id>"` at the start of the frame.
std::optional<std::string> scan_unique_id(std::string_view text) {
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
    // Only a CALL may be answered: a broken CALLRESULT or CALLERROR must never get a CALLERROR back.
    if (pos >= text.size() || text[pos++] != '2') {
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
int message_type_of(const nlohmann::json& value) {
    for (const int type : {kCall, kCallResult, kCallError}) {
        if (value.is_number() && value == type) {
            return type;
        }
    }
    return 0;
}

std::string dump(const nlohmann::json& frame) {
    // Text we echo (descriptions, ids) must never make serialisation throw.
    return frame.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

MalformedFrame malformed(std::optional<std::string> unique_id, std::string reason) {
    return MalformedFrame{std::move(unique_id), std::move(reason)};
}

}  // namespace

Frame parse_frame(std::string_view text) {
    // nlohmann::json stops reading at a NUL byte as if the text ended there, yet JSON text never holds a raw
    // NUL (inside strings it must be escaped): without this check "[2,...]\0garbage" would pass.
    nlohmann::json message = text.find('\0') == std::string_view::npos
                                 ? nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false)
                                 : nlohmann::json(nlohmann::json::value_t::discarded);
    if (message.is_discarded()) {
        return malformed(scan_unique_id(text), "frame is not valid JSON");
    }
    if (!message.is_array() || message.size() < 2) {
        return malformed(std::nullopt, "frame is not a JSON array [messageTypeId, uniqueId, ...]");
    }
    if (!message[1].is_string()) {
        return malformed(std::nullopt, "unique id is not a string");
    }
    std::string unique_id = message[1].get<std::string>();
    const bool unique_id_valid = !unique_id.empty() && unique_id.size() <= kMaxUniqueIdLength;
    switch (message_type_of(message[0])) {
        case kCall:
            if (!unique_id_valid) {
                return malformed(std::move(unique_id), "unique id must have 1 to 36 characters");
            }
            if (message.size() != 4 || !message[2].is_string()) {
                return malformed(std::move(unique_id), "CALL must be [2, uniqueId, action, payload]");
            }
            return Call{std::move(unique_id), message[2].get<std::string>(), std::move(message[3])};
        // A broken CALLRESULT or CALLERROR is dropped: answering it could start an endless exchange of
        // errors.
        case kCallResult:
            if (!unique_id_valid || message.size() != 3) {
                return malformed(std::nullopt,
                                 "CALLRESULT for '" + unique_id + "' must be [3, uniqueId, payload]");
            }
            return CallResult{std::move(unique_id), std::move(message[2])};
        case kCallError: {
            if (!unique_id_valid || message.size() != 5 || !message[2].is_string() ||
                !message[3].is_string()) {
                return malformed(std::nullopt,
                                 "CALLERROR for '" + unique_id +
                                     "' must be [4, uniqueId, errorCode, errorDescription, errorDetails]");
            }
            const auto& code_text = message[2].get_ref<const std::string&>();
            const auto code = call_error_code_from_string(code_text);
            std::string description = message[3].get<std::string>();
            if (!code) {
                description = "unknown error code '" + code_text + "': " + description;
            }
            return CallError{std::move(unique_id), code.value_or(CallErrorCode::GenericError),
                             std::move(description), std::move(message[4])};
        }
        // OCPP-J lets a receiver answer an unknown message type whose unique id it can read.
        default: {
            // Only a number is quoted: dumping arbitrary JSON would recurse as deep as the sender nested it.
            std::string reason = "unknown message type id";
            if (message[0].is_number()) {
                reason += " " + message[0].dump();
            }
            return malformed(std::move(unique_id), std::move(reason));
        }
    }
}

std::string serialize(const Call& call) {
    return dump(nlohmann::json::array({kCall, call.unique_id, call.action, call.payload}));
}

std::string serialize(const CallResult& result) {
    return dump(nlohmann::json::array({kCallResult, result.unique_id, result.payload}));
}

std::string serialize(const CallError& error) {
    const auto& details = error.details.is_object() ? error.details : nlohmann::json::object();
    return dump(nlohmann::json::array(
        {kCallError, error.unique_id, std::string(to_string(error.code)), error.description, details}));
}

}  // namespace parkgrid::ocpp
