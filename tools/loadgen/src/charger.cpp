#include "charger.hpp"

#include <algorithm>
#include <cmath>
#include <map>

namespace parkgrid::loadgen {
namespace {

using namespace std::chrono_literals;

// Retry delays a real charger would choose when the central system gives none.
constexpr auto kBootRetryWithoutInterval = 10s;
constexpr auto kDefaultHeartbeat = 300s;
constexpr auto kStartRetry = 1s;
constexpr std::size_t kMaxHeld = 10000;

// Answers to the central system's CALLs: enough for it to carry on, nothing simulated behind them.
const std::map<std::string, std::string_view, std::less<>>& server_call_answers() {
    static const std::map<std::string, std::string_view, std::less<>> answers = {
        {"GetConfiguration", R"({"configurationKey":[],"unknownKey":[]})"},
        {"ChangeConfiguration", R"({"status":"Accepted"})"},
        {"SetChargingProfile", R"({"status":"Accepted"})"},
        {"ClearChargingProfile", R"({"status":"Accepted"})"},
        {"ChangeAvailability", R"({"status":"Accepted"})"},
        {"ClearCache", R"({"status":"Accepted"})"},
        {"GetCompositeSchedule", R"({"status":"Rejected"})"},
        {"TriggerMessage", R"({"status":"Rejected"})"},
        {"RemoteStartTransaction", R"({"status":"Rejected"})"},
        {"RemoteStopTransaction", R"({"status":"Rejected"})"},
        {"Reset", R"({"status":"Rejected"})"},
        {"ReserveNow", R"({"status":"Rejected"})"},
        {"CancelReservation", R"({"status":"Rejected"})"},
        {"UnlockConnector", R"({"status":"NotSupported"})"},
        {"SendLocalList", R"({"status":"Accepted"})"},
        {"GetLocalListVersion", R"({"listVersion":0})"},
        {"DataTransfer", R"({"status":"UnknownVendorId"})"},
    };
    return answers;
}

// --id-tag with "{i}" replaced by the charger's 6-digit index: one tag per charger, so that a central system
// does not answer ConcurrentTx to every charger but the first.
std::string charger_id_tag(const std::string& pattern, int index) {
    std::string tag = pattern;
    if (const auto at = tag.find("{i}"); at != std::string::npos) {
        tag.replace(at, 3, charger_id("", index));
    }
    return tag;
}

}  // namespace

Charger::Charger(ChargerContext& context, int index, int position)
    : context_(context),
      id_(charger_id(context.options.id_prefix, index)),
      id_json_(json_string(id_)),
      boot_payload_(boot_notification_payload(id_)),
      id_tag_(charger_id_tag(context.options.id_tag, index)),
      position_(position),
      random_(0x5eed0000ULL + static_cast<std::uint64_t>(index) * 7919),
      meter_(context.options.phases, static_cast<std::uint64_t>(index) * 104729 + 17),
      retry_timer_(context.io),
      tick_timer_(context.io) {
    const auto& options = context.options;
    request_.target = options.server.path + "/" + id_;
    if (options.basic_auth) {
        request_.authorization = basic_authorization(id_, *options.basic_auth);
    }
    if (!options.sources.empty()) {
        request_.source_address =
            options.sources[static_cast<std::size_t>(position) % options.sources.size()];
    }
}

Charger::~Charger() {
    if (transport_) {
        transport_->abandon();
    }
}

void Charger::start() {
    connect();
}

void Charger::connect() {
    if (shut_down_) {
        return;
    }
    link_ = Link::Connecting;
    ++context_.stats.connect.attempted;
    connect_started_ = SteadyClock::now();
    transport_ = context_.connector.open(context_.io, request_, *this);
}

void Charger::on_open() {
    link_ = Link::Open;
    auto& connect = context_.stats.connect;
    ++connect.succeeded;
    connect.latency.add(SteadyClock::now() - connect_started_);
    context_.control.connected.fetch_add(1, std::memory_order_relaxed);
    if (ever_opened_) {
        ++context_.stats.reconnects;
    }
    ever_opened_ = true;
    if (!booted_) {
        send_boot();
        return;
    }
    // Reconnected without a restart: no boot, the connector's status, then the queue.
    send_status(1);
    become_running();
}

void Charger::on_connect_failed(std::string_view kind) {
    ++context_.stats.connect.failed;
    context_.stats.count_error(kind);
    if (storm_pending_) {
        ++context_.stats.storm.failed_connects;
    }
    lose_connection(true);
    schedule_reconnect(false);
}

void Charger::on_closed(std::string_view kind) {
    context_.stats.count_error(kind);
    lose_connection(true);
    schedule_reconnect(false);
}

void Charger::lose_connection(bool count_lost) {
    transport_.reset();
    if (link_ == Link::Open) {
        context_.control.connected.fetch_sub(1, std::memory_order_relaxed);
    }
    link_ = Link::Down;
    running_ = false;
    statuses_awaited_ = 0;
    auto& window = context_.stats.window;
    for (const auto& call : pending_) {
        if (count_lost && call.in_window) {
            ++window.lost;
        }
    }
    context_.control.outstanding.fetch_sub(static_cast<std::int64_t>(pending_.size()),
                                           std::memory_order_relaxed);
    pending_.clear();
    for (auto& message : unacknowledged_) {
        message.in_flight = false;
    }
    for (const auto due : held_) {
        if (count_lost && context_.control.in_window(due)) {
            ++window.missed;
        }
    }
    held_.clear();
    ++retry_generation_;
    retry_timer_.cancel();
    if (context_.options.mode == Mode::Idle) {
        ++tick_generation_;
        tick_timer_.cancel();
    }
}

void Charger::drop_and_reconnect() {
    if (transport_) {
        transport_->abandon();
    }
    lose_connection(true);
    schedule_reconnect(false);
}

void Charger::schedule_reconnect(bool immediately) {
    if (shut_down_) {
        return;
    }
    if (immediately) {
        connect();
        return;
    }
    // Exponential back-off with full jitter: anywhere between 0 and the current cap.
    const auto& options = context_.options;
    const double cap_ms = std::min<double>(
        options.backoff_max_ms, options.backoff_min_ms * std::ldexp(1.0, std::min(backoff_attempt_, 30)));
    ++backoff_attempt_;
    arm_retry(RetryPurpose::Reconnect,
              std::chrono::duration_cast<SteadyClock::duration>(
                  std::chrono::duration<double, std::milli>(random_.between(0, cap_ms))));
}

void Charger::arm_retry(RetryPurpose purpose, SteadyClock::duration delay) {
    // A generation, because a timer that already fired cannot be cancelled: its handler may still be queued.
    const auto generation = ++retry_generation_;
    retry_timer_.expires_after(delay);
    retry_timer_.async_wait([this, purpose, generation](const boost::system::error_code& ec) {
        if (!ec && generation == retry_generation_ && !shut_down_) {
            on_retry(purpose);
        }
    });
}

void Charger::on_retry(RetryPurpose purpose) {
    switch (purpose) {
        case RetryPurpose::Reconnect: connect(); break;
        case RetryPurpose::Boot:
            if (link_ == Link::Open && !booted_) {
                send_boot();
            }
            break;
        case RetryPurpose::StartTransaction: continue_session(); break;
    }
}

void Charger::send_call(Action action, std::string_view payload) {
    const auto now = SteadyClock::now();
    const auto id = next_message_id_++;
    auto& frame = context_.frame;
    frame.clear();
    append_call(frame, id, action, payload);
    transport_->send(frame);
    const bool in_window = action == context_.measured_action && context_.control.in_window(now);
    pending_.push_back({id, action, now, now, 0, in_window});
    ++context_.stats.action(action).sent;
    if (in_window) {
        ++context_.stats.window.sent;
    }
    context_.control.outstanding.fetch_add(1, std::memory_order_relaxed);
}

void Charger::send_boot() {
    running_ = false;
    send_call(Action::BootNotification, boot_payload_);
}

void Charger::send_status(int connector_id) {
    const std::string_view status =
        connector_id == 1 && transaction_state_ != TransactionState::None ? "Charging" : "Available";
    const auto timestamp = next_timestamp();
    send_call(Action::StatusNotification, status_notification_payload(connector_id, status, view(timestamp)));
}

void Charger::on_message(std::string_view text) {
    auto& frame = context_.inbound;
    if (!scan_frame(text, frame)) {
        context_.stats.count_error("bad_frame");
        return;
    }
    if (frame.type == 2) {
        answer_server_call(frame);
    } else {
        on_answer(frame);
    }
}

void Charger::answer_server_call(const InboundFrame& frame) {
    context_.stats.count_server_call(frame.action);
    auto& out = context_.frame;
    out.clear();
    const auto& answers = server_call_answers();
    if (const auto answer = answers.find(frame.action); answer != answers.end()) {
        append_call_result(out, frame.raw_id, answer->second);
    } else {
        append_call_error(out, frame.raw_id, "NotImplemented", "not simulated by parkgrid_loadgen");
    }
    if (transport_) {
        transport_->send(out);
    }
}

void Charger::on_answer(const InboundFrame& frame) {
    const auto id = parse_message_id(frame.id);
    const auto found = std::find_if(pending_.begin(), pending_.end(),
                                    [&](const PendingCall& call) { return id && call.id == *id; });
    if (found == pending_.end()) {
        context_.stats.count_error("unexpected_answer");
        return;
    }
    const PendingCall call = *found;
    pending_.erase(found);
    context_.control.outstanding.fetch_sub(1, std::memory_order_relaxed);
    context_.control.answered.fetch_add(1, std::memory_order_relaxed);
    backoff_attempt_ = 0;

    const auto latency = SteadyClock::now() - call.latency_start;
    auto& stats = context_.stats;
    auto& action_stats = stats.action(call.action);
    if (frame.type == 3) {
        ++action_stats.answered;
        action_stats.latency.add(latency);
        if (call.in_window) {
            ++stats.window.answered;
            stats.window.latency.add(latency);
        }
    } else {
        ++action_stats.call_errors;
        if (call.in_window) {
            ++stats.window.call_errors;
        }
        stats.count_error("call_error:" + frame.error_code);
    }

    switch (call.action) {
        case Action::BootNotification:
            if (frame.type == 3) {
                stats.boot.latency.add(latency);
            }
            on_boot_answer(frame);
            break;
        case Action::StatusNotification: on_status_answer(); break;
        case Action::Heartbeat: break;
        case Action::StartTransaction:
        case Action::MeterValues:
        case Action::StopTransaction: on_transaction_answer(call, frame); break;
    }
}

void Charger::on_boot_answer(const InboundFrame& frame) {
    auto& result = context_.result;
    if (frame.type != 3 || !scan_result_fields(frame.payload, result)) {
        if (frame.type == 3) {
            context_.stats.count_error("bad_answer:BootNotification");
        }
        arm_retry(RetryPurpose::Boot, kBootRetryWithoutInterval);
        return;
    }
    const std::int64_t interval = result.interval.value_or(0);
    auto& boot = context_.stats.boot;
    if (result.status == "Accepted") {
        ++boot.accepted;
        booted_ = true;
        heartbeat_interval_ = context_.options.heartbeat_seconds
                                  ? seconds(*context_.options.heartbeat_seconds)
                              : interval > 0 ? SteadyClock::duration(std::chrono::seconds(interval))
                                             : kDefaultHeartbeat;
        statuses_awaited_ = 2;
        send_status(0);
        send_status(1);
        return;
    }
    ++(result.status == "Pending" ? boot.pending : boot.rejected);
    arm_retry(RetryPurpose::Boot, interval > 0 ? SteadyClock::duration(std::chrono::seconds(interval))
                                               : kBootRetryWithoutInterval);
}

void Charger::on_status_answer() {
    if (statuses_awaited_ > 0 && --statuses_awaited_ == 0) {
        on_ready();
    }
}

void Charger::on_ready() {
    if (!counted_ready_) {
        counted_ready_ = true;
        context_.control.ready.fetch_add(1, std::memory_order_relaxed);
    }
    if (storm_pending_) {
        storm_pending_ = false;
        ++context_.stats.storm.accepted;
        context_.stats.storm.per_charger.add(SteadyClock::now() - storm_started_);
        context_.control.storm_done.fetch_add(1, std::memory_order_relaxed);
    }
    become_running();
}

void Charger::become_running() {
    running_ = true;
    resend_unacknowledged();
    switch (context_.options.mode) {
        case Mode::Idle: schedule_heartbeat(true); break;
        case Mode::Closed: continue_session(); break;
        case Mode::Open:
            start_open_schedule();
            continue_session();
            break;
    }
}

void Charger::enqueue(TransactionMessage message) {
    unacknowledged_.push_back(std::move(message));
    if (link_ == Link::Open && running_) {
        transmit(unacknowledged_.back());
    }
}

void Charger::transmit(TransactionMessage& message) {
    const auto now = SteadyClock::now();
    const auto id = next_message_id_++;
    auto& frame = context_.frame;
    frame.clear();
    append_call(frame, id, message.action, message.payload);
    transport_->send(frame);
    const bool resend = message.sent_before;
    const bool in_window =
        message.action == context_.measured_action && context_.control.in_window(message.latency_start);
    pending_.push_back(
        {id, message.action, resend ? now : message.latency_start, now, message.seq, in_window});
    ++context_.stats.action(message.action).sent;
    if (in_window) {
        ++(resend ? context_.stats.window.resent : context_.stats.window.sent);
    }
    message.in_flight = true;
    message.sent_before = true;
    context_.control.outstanding.fetch_add(1, std::memory_order_relaxed);
}

void Charger::resend_unacknowledged() {
    for (auto& message : unacknowledged_) {
        if (!message.in_flight) {
            transmit(message);
        }
    }
}

void Charger::on_transaction_answer(const PendingCall& call, const InboundFrame& frame) {
    const auto found =
        std::find_if(unacknowledged_.begin(), unacknowledged_.end(),
                     [&](const TransactionMessage& m) { return m.seq == call.transaction_seq; });
    if (found == unacknowledged_.end()) {
        return;
    }
    TransactionMessage message = std::move(*found);
    unacknowledged_.erase(found);
    const bool accepted = frame.type == 3;
    switch (message.action) {
        case Action::StartTransaction: {
            auto& result = context_.result;
            const bool readable = accepted && scan_result_fields(frame.payload, result);
            if (!readable || !result.transaction_id) {
                if (accepted) {
                    context_.stats.count_error("bad_answer:StartTransaction");
                }
                transaction_state_ = TransactionState::None;
                arm_retry(RetryPurpose::StartTransaction, kStartRetry);
                return;
            }
            if (result.status != "Accepted") {
                context_.stats.count_error("start_not_accepted:" + result.status.value_or("?"));
            }
            transaction_id_ = *result.transaction_id;
            transaction_state_ = TransactionState::Active;
            session_sent_ = 0;
            write_ack(message, transaction_id_);
            break;
        }
        case Action::MeterValues:
            --meter_values_unacked_;
            if (accepted) {
                write_ack(message, message.transaction_id);
            }
            if (spare_strings_.size() < 8) {
                spare_strings_.push_back(std::move(message.payload));
            }
            break;
        case Action::StopTransaction:
            if (accepted) {
                write_ack(message, message.transaction_id);
            }
            transaction_state_ = TransactionState::None;
            break;
        default: break;
    }
    continue_session();
}

void Charger::write_ack(const TransactionMessage& message, std::int64_t transaction_id) {
    if (context_.ack_lines != nullptr) {
        append_ack_line(*context_.ack_lines, id_json_, message.action, transaction_id,
                        view(message.timestamp), message.meter_wh);
    }
}

void Charger::continue_session() {
    if (!running_ || link_ != Link::Open || context_.options.mode == Mode::Idle) {
        return;
    }
    switch (transaction_state_) {
        case TransactionState::None:
            if (!context_.control.sending_stopped()) {
                start_transaction();
            }
            break;
        case TransactionState::Active:
            if (context_.options.mode == Mode::Closed) {
                fill_closed_loop();
            } else {
                send_held();
                stop_if_session_complete();
            }
            break;
        default: break;
    }
}

void Charger::start_transaction() {
    transaction_state_ = TransactionState::Starting;
    const auto now = SteadyClock::now();
    TransactionMessage message{next_transaction_seq_++, Action::StartTransaction, {}, 0,
                               next_timestamp(),        meter_.register_wh(now),  now};
    message.payload = start_transaction_payload(id_tag_, message.meter_wh, view(message.timestamp));
    enqueue(std::move(message));
}

void Charger::stop_transaction() {
    transaction_state_ = TransactionState::Stopping;
    const auto now = SteadyClock::now();
    TransactionMessage message{next_transaction_seq_++, Action::StopTransaction, {}, transaction_id_,
                               next_timestamp(),        meter_.register_wh(now), now};
    message.payload =
        stop_transaction_payload(transaction_id_, id_tag_, message.meter_wh, view(message.timestamp));
    enqueue(std::move(message));
}

void Charger::send_meter_values(SteadyTime latency_start) {
    const auto now = SteadyClock::now();
    const MeterSample sample = meter_.read(now);
    TransactionMessage message{
        next_transaction_seq_++, Action::MeterValues, take_spare_string(), transaction_id_,
        next_timestamp(),        sample.energy_wh,    latency_start};
    message.payload.clear();
    context_.meter_template.append_payload(message.payload, transaction_id_, view(message.timestamp), sample);
    ++session_sent_;
    ++meter_values_unacked_;
    enqueue(std::move(message));
}

bool Charger::session_complete() const {
    return context_.options.session_messages > 0 && session_sent_ >= context_.options.session_messages;
}

void Charger::stop_if_session_complete() {
    if (transaction_state_ == TransactionState::Active && session_complete() && meter_values_unacked_ == 0) {
        stop_transaction();
    }
}

void Charger::fill_closed_loop() {
    while (transaction_state_ == TransactionState::Active && !context_.control.sending_stopped() &&
           meter_values_unacked_ < context_.options.inflight && !session_complete()) {
        send_meter_values(SteadyClock::now());
    }
    stop_if_session_complete();
}

void Charger::send_held() {
    std::size_t sent = 0;
    while (sent < held_.size() && transaction_state_ == TransactionState::Active && !session_complete()) {
        send_meter_values(held_[sent++]);
    }
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(sent));
}

void Charger::schedule_heartbeat(bool first) {
    const auto delay =
        first ? std::chrono::duration_cast<SteadyClock::duration>(heartbeat_interval_ * random_.uniform())
              : heartbeat_interval_;
    const auto generation = ++tick_generation_;
    tick_timer_.expires_after(delay);
    tick_timer_.async_wait([this, generation](const boost::system::error_code& ec) {
        if (ec || generation != tick_generation_ || shut_down_) {
            return;
        }
        if (link_ == Link::Open && running_ && !context_.control.sending_stopped()) {
            send_call(Action::Heartbeat, "{}");
            schedule_heartbeat(false);
        }
    });
}

void Charger::start_open_schedule() {
    if (schedule_started_) {
        return;
    }
    schedule_started_ = true;
    // All chargers send every N/R seconds, charger p at phase p/R: R frames a second, evenly spread.
    const double rate = context_.options.rate;
    period_ = seconds(context_.options.chargers / rate);
    const SteadyTime origin = context_.control.epoch() + seconds(position_ / rate);
    const auto now = SteadyClock::now();
    next_due_ = origin;
    if (now > origin) {
        const auto periods = (now - origin + period_ - SteadyClock::duration(1)) / period_;
        next_due_ = origin + periods * period_;
    }
    arm_tick(next_due_);
}

void Charger::arm_tick(SteadyTime at) {
    const auto generation = ++tick_generation_;
    tick_timer_.expires_at(at);
    tick_timer_.async_wait([this, generation](const boost::system::error_code& ec) {
        if (!ec && generation == tick_generation_ && !shut_down_) {
            on_tick();
        }
    });
}

void Charger::on_tick() {
    if (context_.control.sending_stopped()) {
        return;
    }
    // Every send that came due, even if this thread was late: the schedule does not wait for anyone.
    const auto now = SteadyClock::now();
    while (next_due_ <= now) {
        on_due(next_due_);
        next_due_ += period_;
    }
    arm_tick(next_due_);
}

void Charger::on_due(SteadyTime due) {
    if (link_ != Link::Open || !running_) {
        if (context_.control.in_window(due)) {
            ++context_.stats.window.missed;
        }
        return;
    }
    if (transaction_state_ == TransactionState::Active && !session_complete()) {
        send_meter_values(due);
    } else if (held_.size() < kMaxHeld) {
        held_.push_back(due);  // sent, late, as soon as the next transaction is open
    } else if (context_.control.in_window(due)) {
        ++context_.stats.window.missed;
    }
}

void Charger::storm(SteadyTime started) {
    if (shut_down_) {
        return;
    }
    ++context_.stats.storm.chargers;
    storm_pending_ = true;
    storm_started_ = started;
    booted_ = false;  // the power came back: boot again
    if (transport_) {
        transport_->abandon();
    }
    lose_connection(true);
    backoff_attempt_ = 0;
    connect();
}

void Charger::check_timeout(SteadyTime now) {
    if (pending_.empty() || now - pending_.front().sent_at < context_.call_timeout) {
        return;
    }
    const PendingCall call = pending_.front();
    pending_.erase(pending_.begin());
    context_.control.outstanding.fetch_sub(1, std::memory_order_relaxed);
    ++context_.stats.action(call.action).timeouts;
    if (call.in_window) {
        ++context_.stats.window.timeouts;
    }
    context_.stats.count_error("call_timeout");
    drop_and_reconnect();
}

void Charger::shutdown() {
    shut_down_ = true;
    ++retry_generation_;
    retry_timer_.cancel();
    ++tick_generation_;
    tick_timer_.cancel();
    if (transport_) {
        if (link_ == Link::Open) {
            transport_->close();
        } else {
            transport_->abandon();
        }
    }
    lose_connection(false);
}

Timestamp Charger::next_timestamp() {
    return format_timestamp(
        clock_.next(std::chrono::floor<std::chrono::milliseconds>(std::chrono::system_clock::now())));
}

std::string Charger::take_spare_string() {
    if (spare_strings_.empty()) {
        std::string fresh;
        fresh.reserve(2048);
        return fresh;
    }
    std::string spare = std::move(spare_strings_.back());
    spare_strings_.pop_back();
    return spare;
}

}  // namespace parkgrid::loadgen
