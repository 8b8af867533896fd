#include "parkgrid/server/rpc_endpoint.hpp"

#include <atomic>
#include <boost/asio/post.hpp>

#include "parkgrid/ocpp/dispatcher.hpp"
#include "parkgrid/ocpp/inbound_frame.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

std::string next_unique_id() {
    static std::atomic<std::uint64_t> counter{0};
    return "pg-" + std::to_string(counter.fetch_add(1, std::memory_order_relaxed) + 1);
}

CommandEnd command_end(CallOutcome::Status status) {
    switch (status) {
        case CallOutcome::Status::Result: return CommandEnd::Result;
        case CallOutcome::Status::Error: return CommandEnd::CallError;
        case CallOutcome::Status::InvalidResponse: return CommandEnd::InvalidResponse;
        case CallOutcome::Status::Timeout: return CommandEnd::Timeout;
        case CallOutcome::Status::Closed: return CommandEnd::Closed;
        case CallOutcome::Status::QueueFull: return CommandEnd::QueueFull;
    }
    return CommandEnd::Result;
}

}  // namespace

RpcEndpoint::RpcEndpoint(boost::asio::any_io_executor executor, std::weak_ptr<ChargerLink> link,
                         InboundHandler handler, Options options, std::string charger_id)
    : executor_(std::move(executor)),
      link_(std::move(link)),
      handler_(std::move(handler)),
      options_(options),
      charger_id_(std::move(charger_id)),
      call_timer_(executor_) {}

void RpcEndpoint::receive(std::string_view text) {
    auto frame = ocpp::read_inbound_frame(text);
    if (auto* call = std::get_if<ocpp::Call>(&frame)) {
        enqueue_inbound(std::move(*call));
    } else if (auto* result = std::get_if<ocpp::CallResult>(&frame)) {
        on_call_result(std::move(*result));
    } else if (auto* error = std::get_if<ocpp::CallError>(&frame)) {
        on_call_error(std::move(*error));
    } else if (auto* rejected = std::get_if<ocpp::RejectedFrame>(&frame)) {
        count_malformed();
        log::warn("malformed OCPP-J frame", {{"charger", charger_id_},
                                             {"messageId", rejected->error.unique_id},
                                             {"reason", rejected->error.description},
                                             {"frame", std::string(text.substr(0, 200))}});
        send(ocpp::serialize(rejected->error));
    } else {
        count_malformed();
        log::warn("malformed OCPP-J frame dropped", {{"charger", charger_id_},
                                                     {"reason", std::get<ocpp::DroppedFrame>(frame).reason},
                                                     {"frame", std::string(text.substr(0, 200))}});
    }
}

void RpcEndpoint::enqueue_inbound(ocpp::Call call) {
    if (closed_) {
        return;
    }
    if (inbound_queue_.size() >= options_.max_pending_requests) {
        // The charger ignores OCPP-J's one-CALL-at-a-time rule; refuse rather than queue without bound.
        log::warn("too many unanswered CALLs from charger",
                  {{"charger", charger_id_}, {"messageId", call.unique_id}});
        if (options_.metrics) {  // answered at once, so counted with no handling time
            options_.metrics->record_inbound(call.action, CallAnswer::CallError, {});
        }
        send(ocpp::serialize(ocpp::CallError{call.unique_id,
                                             ocpp::CallErrorCode::GenericError,
                                             "too many unanswered requests; wait for each response",
                                             {}}));
        return;
    }
    inbound_queue_.push_back({std::move(call), std::chrono::steady_clock::now()});
    handle_next_inbound();
}

void RpcEndpoint::handle_next_inbound() {
    if (handling_ || inbound_queue_.empty() || closed_) {
        return;
    }
    const ocpp::Call call = std::move(inbound_queue_.front().call);
    handling_ = Handling{call.action, inbound_queue_.front().received_at};
    inbound_queue_.pop_front();
    log::debug("CALL received",
               {{"charger", charger_id_}, {"messageId", call.unique_id}, {"action", call.action}});
    // Replies may come from storage threads, and synchronously from inside the handler: always hop back
    // onto the strand so that the queue is only touched there and the handler is never re-entered.
    ocpp::ReplySink reply = [weak_self = weak_from_this(), executor = executor_](std::string frame) {
        boost::asio::post(executor, [weak_self, frame = std::move(frame)]() mutable {
            if (auto self = weak_self.lock()) {
                self->finish_inbound(std::move(frame));
            }
        });
    };
    try {
        const log::MessageScope scope(charger_id_, call.unique_id);
        handler_(call, reply);
    } catch (const std::exception& e) {
        log::error("handler failed",
                   {{"charger", charger_id_}, {"messageId", call.unique_id}, {"error", e.what()}});
        reply(ocpp::serialize(
            ocpp::CallError{call.unique_id, ocpp::CallErrorCode::InternalError, "internal error", {}}));
    }
}

void RpcEndpoint::finish_inbound(std::string reply) {
    const CallAnswer answer = reply.starts_with("[3") ? CallAnswer::Result : CallAnswer::CallError;
    send(std::move(reply));
    if (options_.metrics && handling_) {
        options_.metrics->record_inbound(handling_->action, answer,
                                         std::chrono::steady_clock::now() - handling_->received_at);
    }
    handling_.reset();
    handle_next_inbound();
}

void RpcEndpoint::count_malformed() {
    if (options_.metrics) {
        options_.metrics->record_malformed_frame();
    }
}

void RpcEndpoint::call(std::string action, nlohmann::json payload, CallCallback done) {
    PendingCall pending{next_unique_id(), std::move(action), {}, std::move(done)};
    pending.frame = ocpp::serialize(ocpp::Call{pending.unique_id, pending.action, ocpp::to_json_text(payload)});
    boost::asio::post(executor_, [self = shared_from_this(), pending = std::move(pending)]() mutable {
        self->enqueue_call(std::move(pending));
    });
}

void RpcEndpoint::enqueue_call(PendingCall pending) {
    if (closed_) {
        end_call(
            pending,
            {CallOutcome::Status::Closed, {}, ocpp::CallErrorCode::GenericError, "charger is not connected"});
        return;
    }
    if (outbound_queue_.size() >= options_.max_pending_calls) {
        end_call(pending, {CallOutcome::Status::QueueFull,
                           {},
                           ocpp::CallErrorCode::GenericError,
                           "too many calls are waiting for this charger"});
        return;
    }
    outbound_queue_.push_back(std::move(pending));
    send_next_call();
}

void RpcEndpoint::send_next_call() {
    if (in_flight_ || outbound_queue_.empty() || closed_) {
        return;
    }
    in_flight_ = std::move(outbound_queue_.front());
    outbound_queue_.pop_front();
    log::debug(
        "CALL sent",
        {{"charger", charger_id_}, {"messageId", in_flight_->unique_id}, {"action", in_flight_->action}});
    send(in_flight_->frame);
    call_timer_.expires_after(options_.call_timeout);
    call_timer_.async_wait([weak_self = weak_from_this(),
                            unique_id = in_flight_->unique_id](boost::system::error_code ec) {
        auto self = weak_self.lock();
        if (ec || !self || !self->in_flight_ || self->in_flight_->unique_id != unique_id) {
            return;
        }
        log::warn(
            "CALL timed out",
            {{"charger", self->charger_id_}, {"messageId", unique_id}, {"action", self->in_flight_->action}});
        self->finish_call({CallOutcome::Status::Timeout,
                           {},
                           ocpp::CallErrorCode::GenericError,
                           "the charger did not answer in time"});
    });
}

void RpcEndpoint::finish_call(CallOutcome outcome) {
    call_timer_.cancel();
    PendingCall call = std::move(*in_flight_);
    in_flight_.reset();
    end_call(call, std::move(outcome));
    send_next_call();
}

void RpcEndpoint::end_call(PendingCall& call, CallOutcome outcome) {
    if (options_.metrics) {
        options_.metrics->record_command(call.action, command_end(outcome.status));
    }
    const log::MessageScope scope(charger_id_, call.unique_id);
    call.done(std::move(outcome));
}

void RpcEndpoint::on_call_result(ocpp::CallResult result) {
    if (!in_flight_ || in_flight_->unique_id != result.unique_id) {
        log::warn("CALLRESULT for no outstanding CALL",
                  {{"charger", charger_id_}, {"messageId", result.unique_id}});
        return;
    }
    try {
        ocpp::validate_response(in_flight_->action, result.payload);
    } catch (const ocpp::ValidationError& error) {
        log::warn("invalid CALLRESULT",
                  {{"charger", charger_id_}, {"messageId", result.unique_id}, {"error", error.what()}});
        finish_call(
            {CallOutcome::Status::InvalidResponse, std::move(result.payload), error.code(), error.what()});
        return;
    }
    finish_call(
        {CallOutcome::Status::Result, std::move(result.payload), ocpp::CallErrorCode::GenericError, {}});
}

void RpcEndpoint::on_call_error(ocpp::CallError error) {
    if (!in_flight_ || in_flight_->unique_id != error.unique_id) {
        log::warn("CALLERROR for no outstanding CALL",
                  {{"charger", charger_id_}, {"messageId", error.unique_id}});
        return;
    }
    finish_call(
        {CallOutcome::Status::Error, std::move(error.details), error.code, std::move(error.description)});
}

void RpcEndpoint::shutdown() {
    if (closed_) {
        return;
    }
    closed_ = true;
    inbound_queue_.clear();
    call_timer_.cancel();
    const CallOutcome closed{
        CallOutcome::Status::Closed, {}, ocpp::CallErrorCode::GenericError, "connection closed"};
    if (in_flight_) {
        PendingCall call = std::move(*in_flight_);
        in_flight_.reset();
        end_call(call, closed);
    }
    while (!outbound_queue_.empty()) {
        PendingCall call = std::move(outbound_queue_.front());
        outbound_queue_.pop_front();
        end_call(call, closed);
    }
}

void RpcEndpoint::send(std::string frame) {
    if (auto link = link_.lock()) {
        link->send(std::move(frame));
    }
}

}  // namespace parkgrid::server
