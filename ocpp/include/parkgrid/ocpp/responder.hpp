#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>

#include "parkgrid/ocpp/rpc.hpp"

namespace parkgrid::ocpp {

// Receives the serialised CALLRESULT or CALLERROR of one inbound CALL.
using ReplySink = std::function<void(std::string frame)>;

// Answers one inbound CALL exactly once. Copies share state; the first answer wins and later ones are
// ignored. If every copy is destroyed unanswered (a handler lost the request, e.g. on an exception path),
// the charger still gets an InternalError instead of waiting for a response that never comes.
template <typename Response>
class Responder {
public:
    Responder(std::string unique_id, ReplySink sink)
        : state_(std::make_shared<State>(std::move(unique_id), std::move(sink))) {}

    void respond(const Response& response) const {
        if (state_->claim()) {
            state_->sink(serialize(CallResult{state_->unique_id, encode(response)}));
        }
    }

    void fail(CallErrorCode code, std::string description) const {
        if (state_->claim()) {
            state_->sink(serialize(CallError{state_->unique_id, code, std::move(description), {}}));
        }
    }

    const std::string& unique_id() const { return state_->unique_id; }

private:
    struct State {
        State(std::string id, ReplySink reply_sink) : unique_id(std::move(id)), sink(std::move(reply_sink)) {}
        State(const State&) = delete;
        State& operator=(const State&) = delete;
        ~State() {
            if (claim()) {
                sink(serialize(
                    CallError{unique_id, CallErrorCode::InternalError, "request was not answered", {}}));
            }
        }
        bool claim() { return !answered.exchange(true); }

        std::string unique_id;
        ReplySink sink;
        std::atomic<bool> answered{false};
    };

    std::shared_ptr<State> state_;
};

}  // namespace parkgrid::ocpp
