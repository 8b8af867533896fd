#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "ocpp_test_client.hpp"

namespace parkgrid::testing {

// A charger running on its own thread that answers every central-system CALL, for command tests.
// Answers come from a table (schema-valid defaults for all 27 actions the central system can send);
// tests override them per action with a result, a CALLERROR, or silence.
class ChargerSimulator {
public:
    struct Answer {
        enum class Kind { Result, CallError, Silence };
        Kind kind = Kind::Result;
        nlohmann::json payload = nlohmann::json::object();
        std::string error_code;

        static Answer result(nlohmann::json payload) { return {Kind::Result, std::move(payload), {}}; }
        static Answer call_error(std::string code) {
            return {Kind::CallError, nlohmann::json::object(), std::move(code)};
        }
        static Answer silence() { return {Kind::Silence, nlohmann::json::object(), {}}; }
    };

    // Connects and boots; the charger must be registered (Accepted) for the central system to serve it.
    // `answers` override the defaults from the start, before the central system's first CALL.
    ChargerSimulator(std::uint16_t port, std::string identity, std::map<std::string, Answer> answers = {});
    ~ChargerSimulator();
    ChargerSimulator(const ChargerSimulator&) = delete;
    ChargerSimulator& operator=(const ChargerSimulator&) = delete;

    // Schema-valid answers to every action a central system sends.
    static const std::map<std::string, nlohmann::json>& default_answers();

    void set_answer(const std::string& action, Answer answer);
    // Answers the next CALL of `action` (after those queued before) with `answer`, then goes back to the
    // standing answer.
    void answer_next(const std::string& action, Answer answer);
    // Like a real charger: after accepting RemoteStartTransaction, send StartTransaction for it.
    void start_transactions_on_remote_start(bool enabled);

    // The CALLs received so far, oldest first.
    std::vector<Frame> received() const;
    // Waits until a CALL of `action` has arrived and returns the latest one.
    Frame wait_for(const std::string& action, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Transaction ids the central system gave to StartTransactions sent after remote starts.
    std::vector<int> started_transactions() const;
    // Waits for the first such transaction id.
    int wait_for_started_transaction(std::chrono::milliseconds timeout = std::chrono::seconds(10));

    // Sends a CALL from the charger (on the simulator thread) and returns the answer.
    Frame call(const std::string& action, const nlohmann::json& payload);

private:
    void run();
    void handle(const Frame& call);

    OcppTestClient client_;
    std::string identity_;
    mutable std::mutex mutex_;
    std::condition_variable changed_;
    std::map<std::string, Answer> answers_;
    std::map<std::string, std::deque<Answer>> next_answers_;
    bool start_on_remote_start_ = false;
    std::vector<Frame> received_;
    std::vector<int> started_transactions_;
    std::deque<std::function<void()>> tasks_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace parkgrid::testing
