#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/ocpp/responder.hpp"
#include "parkgrid/ocpp/rpc.hpp"
#include "parkgrid/server/charger_link.hpp"
#include "parkgrid/server/metrics.hpp"

namespace parkgrid::server {

// How a server-initiated CALL ended.
struct CallOutcome {
    enum class Status {
        Result,           // the charger answered with a valid CALLRESULT; see payload
        Error,            // the charger answered with a CALLERROR; see error_code and description
        InvalidResponse,  // the CALLRESULT did not match the response schema
        Timeout,
        Closed,     // the connection closed before an answer
        QueueFull,  // too many CALLs waiting for this charger; not sent
    };
    Status status = Status::Result;
    nlohmann::json payload;
    ocpp::CallErrorCode error_code = ocpp::CallErrorCode::GenericError;
    std::string description;
};

using CallCallback = std::function<void(CallOutcome)>;

// The OCPP-J peer logic of one charger connection, independent of the socket.
//
// Inbound CALLs are handled one at a time, in arrival order: a charger's messages must be processed in
// order (a StopTransaction must not overtake its StartTransaction), and OCPP-J lets a charger send its next
// CALL only after the previous one was answered anyway. Server-initiated CALLs are queued with at most one
// outstanding; each is answered, times out, or fails when the connection closes.
//
// All members run on the connection's strand (`executor`); `call` may be used from any thread.
class RpcEndpoint : public std::enable_shared_from_this<RpcEndpoint> {
public:
    using InboundHandler = std::function<void(const ocpp::Call& call, const ocpp::ReplySink& reply)>;

    struct Options {
        std::chrono::milliseconds call_timeout{30'000};
        std::size_t max_pending_calls = 64;
        std::size_t max_pending_requests = 32;  // inbound CALLs waiting while one is being handled
        Metrics* metrics = nullptr;             // where messages and commands are counted, if anywhere
    };

    RpcEndpoint(boost::asio::any_io_executor executor, std::weak_ptr<ChargerLink> link,
                InboundHandler handler, Options options, std::string charger_id);

    // A text frame from the charger.
    void receive(std::string_view frame);
    // Sends a CALL to the charger once every earlier one has ended.
    void call(std::string action, nlohmann::json payload, CallCallback done);
    // The connection is gone: pending CALLs end with Closed; queued inbound CALLs are dropped.
    void shutdown();

    std::size_t pending_calls() const { return outbound_queue_.size() + (in_flight_ ? 1 : 0); }

private:
    struct PendingCall {
        std::string unique_id;
        std::string action;
        std::string frame;
        CallCallback done;
    };

    struct InboundCall {
        ocpp::Call call;
        std::chrono::steady_clock::time_point received_at;
    };

    void enqueue_inbound(ocpp::Call call);
    void handle_next_inbound();
    void finish_inbound(std::string reply);
    void enqueue_call(PendingCall call);
    void send_next_call();
    void finish_call(CallOutcome outcome);
    void end_call(PendingCall& call, CallOutcome outcome);
    void on_call_result(ocpp::CallResult result);
    void on_call_error(ocpp::CallError error);
    void send(std::string frame);
    void count_malformed();

    boost::asio::any_io_executor executor_;
    std::weak_ptr<ChargerLink> link_;
    InboundHandler handler_;
    Options options_;
    std::string charger_id_;

    std::deque<InboundCall> inbound_queue_;
    struct Handling {
        std::string action;
        std::chrono::steady_clock::time_point received_at;
    };
    std::optional<Handling> handling_;  // the CALL whose answer is awaited

    std::deque<PendingCall> outbound_queue_;
    std::optional<PendingCall> in_flight_;
    boost::asio::steady_timer call_timer_;
    bool closed_ = false;
};

}  // namespace parkgrid::server
