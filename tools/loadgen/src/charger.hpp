#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "frames.hpp"
#include "meter.hpp"
#include "options.hpp"
#include "run_control.hpp"
#include "stats.hpp"
#include "transport.hpp"

namespace parkgrid::loadgen {

// What the chargers of one thread share: their io_context, the read-only setup, the thread's statistics
// and scratch space (one thread, so no locks).
struct ChargerContext {
    boost::asio::io_context& io;
    const Options& options;
    const Connector& connector;
    const MeterValuesTemplate& meter_template;
    RunControl& control;
    RunStats& stats;
    std::string* ack_lines;  // null without --ack-log
    Action measured_action;  // what "messages" of the report counts
    SteadyClock::duration call_timeout;
    InboundFrame inbound{};
    ResultFields result{};
    std::string frame{};
};

// One simulated charger: connects, boots, reports its connectors' status, then heartbeats (idle mode) or
// charges (closed and open mode); reconnects with back-off and resends unacknowledged transaction messages
// like a real charger's queue.
class Charger final : private TransportEvents {
public:
    // `index` gives the id (prefix + 6 digits); `position` (0..chargers-1 in this process) the source address
    // and the phase of the open-loop schedule.
    Charger(ChargerContext& context, int index, int position);
    ~Charger();
    Charger(const Charger&) = delete;
    Charger& operator=(const Charger&) = delete;

    void start();
    // A site-wide power cut: drop the connection, reconnect at once, boot again.
    void storm(SteadyTime started);
    // Times out the oldest unanswered CALL if it is older than --call-timeout; the charger then reconnects.
    void check_timeout(SteadyTime now);
    // Closes the connection (WebSocket close) and stops all timers.
    void shutdown();

private:
    enum class Link { Down, Connecting, Open };
    enum class TransactionState { None, Starting, Active, Stopping };
    enum class RetryPurpose { Reconnect, Boot, StartTransaction };

    struct PendingCall {
        std::uint64_t id;
        Action action;
        SteadyTime latency_start;  // open mode: when the message was due
        SteadyTime sent_at;
        std::uint64_t transaction_seq;  // 0: not a transaction message
        bool in_window;
    };

    // A transaction message kept until acknowledged, to be resent unchanged after a reconnect.
    struct TransactionMessage {
        std::uint64_t seq;
        Action action;
        std::string payload;
        std::int64_t transaction_id;  // 0 for StartTransaction
        Timestamp timestamp;
        std::int64_t meter_wh;
        SteadyTime latency_start;
        bool in_flight = false;
        bool sent_before = false;
    };

    // TransportEvents
    void on_open() override;
    void on_message(std::string_view text) override;
    void on_connect_failed(std::string_view kind) override;
    void on_closed(std::string_view kind) override;

    void connect();
    void lose_connection(bool count_lost);
    void drop_and_reconnect();
    void schedule_reconnect(bool immediately);
    void arm_retry(RetryPurpose purpose, SteadyClock::duration delay);
    void on_retry(RetryPurpose purpose);

    void send_call(Action action, std::string_view payload);
    void send_boot();
    void send_status(int connector_id);
    void answer_server_call(const InboundFrame& frame);
    void on_answer(const InboundFrame& frame);
    void on_boot_answer(const InboundFrame& frame);
    void on_status_answer();
    void on_ready();
    void become_running();

    void enqueue(TransactionMessage message);
    void transmit(TransactionMessage& message);
    void resend_unacknowledged();
    void on_transaction_answer(const PendingCall& call, const InboundFrame& frame);
    void write_ack(const TransactionMessage& message, std::int64_t transaction_id);
    void continue_session();
    void start_transaction();
    void stop_transaction();
    void send_meter_values(SteadyTime latency_start);
    void fill_closed_loop();
    void send_held();
    void stop_if_session_complete();
    bool session_complete() const;

    void schedule_heartbeat(bool first);
    void start_open_schedule();
    void arm_tick(SteadyTime at);
    void on_tick();
    void on_due(SteadyTime due);

    Timestamp next_timestamp();
    std::string take_spare_string();

    ChargerContext& context_;
    std::string id_;
    std::string id_json_;
    std::string boot_payload_;
    std::string id_tag_;
    ConnectRequest request_;
    int position_;
    SmallRandom random_;
    SimulatedMeter meter_;
    IncreasingClock clock_;

    std::shared_ptr<Transport> transport_;
    Link link_ = Link::Down;
    bool running_ = false;  // booted and, on this connection, free to send transaction messages
    bool booted_ = false;   // BootNotification accepted since the last power-up
    bool counted_ready_ = false;
    bool ever_opened_ = false;
    bool shut_down_ = false;
    int statuses_awaited_ = 0;
    int backoff_attempt_ = 0;
    SteadyTime connect_started_{};
    std::uint64_t next_message_id_ = 1;
    std::vector<PendingCall> pending_;

    bool storm_pending_ = false;
    SteadyTime storm_started_{};

    TransactionState transaction_state_ = TransactionState::None;
    std::int64_t transaction_id_ = 0;
    int session_sent_ = 0;  // MeterValues of the current transaction
    int meter_values_unacked_ = 0;
    std::uint64_t next_transaction_seq_ = 1;
    std::vector<TransactionMessage> unacknowledged_;
    std::vector<std::string> spare_strings_;

    boost::asio::steady_timer retry_timer_;
    std::uint64_t retry_generation_ = 0;
    boost::asio::steady_timer tick_timer_;  // heartbeats (idle) or the open-loop schedule
    std::uint64_t tick_generation_ = 0;
    SteadyClock::duration heartbeat_interval_{};
    bool schedule_started_ = false;
    SteadyClock::duration period_{};
    SteadyTime next_due_{};
    std::vector<SteadyTime> held_;  // open mode: due while no transaction was open
};

}  // namespace parkgrid::loadgen
