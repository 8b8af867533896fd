// libFuzzer target: one text frame from a charge point, through exactly the steps the server runs
// (read_inbound_frame, then dispatch: typed decode, handler, encode of the answer). Crashes, sanitizer
// reports and the invariants below are findings; add each to tools/fuzz/make_malformed_corpus.py once fixed.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "parkgrid/ocpp/dispatcher.hpp"
#include "parkgrid/ocpp/inbound_frame.hpp"
#include "support/default_answer_handler.hpp"

namespace parkgrid::ocpp {
namespace {

[[noreturn]] void violated(const char* invariant, std::string_view detail) {
    std::fprintf(stderr, "invariant violated: %s\n%.*s\n", invariant, static_cast<int>(detail.size()),
                 detail.data());
    std::abort();
}

void require(bool condition, const char* invariant, std::string_view detail) {
    if (!condition) {
        violated(invariant, detail);
    }
}

// An answer is a well-formed CALLRESULT or CALLERROR for `unique_id`; a CALLRESULT fits the response schema.
void check_answer(const std::string& answer, const std::string& unique_id, const std::string& action) {
    const auto frame = nlohmann::json::parse(answer, nullptr, /*allow_exceptions=*/false);
    require(frame.is_array() && frame.size() >= 3, "answer is a JSON array", answer);
    require(frame[1].is_string() && frame[1].get<std::string>() == unique_id, "answer echoes the unique id",
            answer);
    if (frame[0] == 3) {
        require(frame.size() == 3 && frame[2].is_object(), "CALLRESULT is [3, id, {...}]", answer);
        try {
            validate_response(action, frame[2]);
        } catch (const std::exception& e) {
            violated("CALLRESULT payload fits the response schema", answer + "\n" + e.what());
        }
        return;
    }
    require(frame[0] == 4 && frame.size() == 5, "CALLERROR is [4, id, code, description, details]", answer);
    require(frame[2].is_string() && call_error_code_from_string(frame[2].get<std::string>()).has_value(),
            "CALLERROR code is an OCPP-J 1.6 code", answer);
    require(frame[3].is_string() && frame[4].is_object(), "CALLERROR description and details", answer);
}

void fuzz_one(std::string_view text) {
    testing::DefaultAnswerHandler handler;
    std::vector<std::string> answers;
    const ReplySink sink = [&](std::string frame) { answers.push_back(std::move(frame)); };

    auto frame = read_inbound_frame(text);
    if (const auto* call = std::get_if<Call>(&frame)) {
        dispatch(*call, handler, sink);
        require(answers.size() == 1, "every CALL is answered exactly once", text);
        check_answer(answers.front(), call->unique_id, call->action);
        const bool answered_with_result = nlohmann::json::parse(answers.front())[0] == 3;
        require(answered_with_result == (handler.requests == 1), "only valid requests reach the handler",
                text);
        if (handler.requests == 1) {
            // Whatever the decoder accepted can be written back and read again.
            try {
                validate_request(handler.last_action, handler.last_request);
            } catch (const std::exception& e) {
                violated("a decoded request encodes to a valid request",
                         handler.last_request.dump() + "\n" + e.what());
            }
        }
        if (classify_action(call->action) == ActionKind::CentralSystemInitiated) {
            // Also the check ParkGrid runs before it sends such a request itself.
            try {
                validate_request(call->action, nlohmann::json::parse(call->payload));
            } catch (const ValidationError&) {
            }
        }
    } else if (const auto* rejected = std::get_if<RejectedFrame>(&frame)) {
        require(rejected->error.code == CallErrorCode::FormationViolation,
                "malformed CALLs get FormationViolation", text);
        check_answer(serialize(rejected->error), rejected->error.unique_id, "");
    } else if (const auto* result = std::get_if<CallResult>(&frame)) {
        // A charge point's answer to a CALL of ours: fuzz the response decoders, keyed by the unique id.
        if (classify_action(result->unique_id) != ActionKind::Unknown) {
            try {
                validate_response(result->unique_id, result->payload);
            } catch (const ValidationError&) {
            }
        }
    }
}

}  // namespace
}  // namespace parkgrid::ocpp

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    parkgrid::ocpp::fuzz_one(std::string_view(reinterpret_cast<const char*>(data), size));
    return 0;
}
