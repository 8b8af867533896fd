#include "charger_simulator.hpp"

#include <future>
#include <stdexcept>

namespace parkgrid::testing {

const std::map<std::string, nlohmann::json>& ChargerSimulator::default_answers() {
    static const std::map<std::string, nlohmann::json> answers = {
        {"CancelReservation", {{"status", "Accepted"}}},
        {"CertificateSigned", {{"status", "Accepted"}}},
        {"ChangeAvailability", {{"status", "Accepted"}}},
        {"ChangeConfiguration", {{"status", "Accepted"}}},
        {"ClearCache", {{"status", "Accepted"}}},
        {"ClearChargingProfile", {{"status", "Accepted"}}},
        {"DataTransfer", {{"status", "Accepted"}, {"data", "ok"}}},
        {"DeleteCertificate", {{"status", "Accepted"}}},
        {"ExtendedTriggerMessage", {{"status", "Accepted"}}},
        {"GetCompositeSchedule",
         {{"status", "Accepted"},
          {"connectorId", 1},
          {"scheduleStart", "2026-11-25T00:00:00Z"},
          {"chargingSchedule",
           {{"chargingRateUnit", "A"}, {"chargingSchedulePeriod", {{{"startPeriod", 0}, {"limit", 7.3}}}}}}}},
        {"GetConfiguration",
         {{"configurationKey",
           {{{"key", "HeartbeatInterval"}, {"readonly", false}, {"value", "300"}},
            {{"key", "MeterValueSampleInterval"}, {"readonly", false}, {"value", "60"}}}}}},
        {"GetDiagnostics", {{"fileName", "diagnostics.zip"}}},
        {"GetInstalledCertificateIds", {{"status", "NotFound"}}},
        {"GetLocalListVersion", {{"listVersion", 0}}},
        {"GetLog", {{"status", "Accepted"}, {"filename", "security.log"}}},
        {"InstallCertificate", {{"status", "Accepted"}}},
        {"RemoteStartTransaction", {{"status", "Accepted"}}},
        {"RemoteStopTransaction", {{"status", "Accepted"}}},
        {"ReserveNow", {{"status", "Accepted"}}},
        {"Reset", {{"status", "Accepted"}}},
        {"SendLocalList", {{"status", "Accepted"}}},
        {"SetChargingProfile", {{"status", "Accepted"}}},
        {"SignedUpdateFirmware", {{"status", "Accepted"}}},
        {"TriggerMessage", {{"status", "Accepted"}}},
        {"UnlockConnector", {{"status", "Unlocked"}}},
        {"UpdateFirmware", nlohmann::json::object()},
    };
    return answers;
}

ChargerSimulator::ChargerSimulator(std::uint16_t port, std::string identity,
                                   std::map<std::string, Answer> answers)
    : client_(port, identity), identity_(std::move(identity)), answers_(std::move(answers)) {
    for (const auto& [action, payload] : default_answers()) {
        answers_.try_emplace(action, Answer::result(payload));
    }
    const auto boot = client_.boot("Simulator", "Sim-1");
    if (boot.payload.value("status", "") != "Accepted") {
        throw std::runtime_error("simulated charger " + identity_ +
                                 " was not accepted: " + boot.payload.dump());
    }
    thread_ = std::thread([this] { run(); });
}

ChargerSimulator::~ChargerSimulator() {
    {
        const std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    thread_.join();
}

void ChargerSimulator::set_answer(const std::string& action, Answer answer) {
    const std::lock_guard lock(mutex_);
    answers_[action] = std::move(answer);
}

void ChargerSimulator::answer_next(const std::string& action, Answer answer) {
    const std::lock_guard lock(mutex_);
    next_answers_[action].push_back(std::move(answer));
}

void ChargerSimulator::start_transactions_on_remote_start(bool enabled) {
    const std::lock_guard lock(mutex_);
    start_on_remote_start_ = enabled;
}

std::vector<Frame> ChargerSimulator::received() const {
    const std::lock_guard lock(mutex_);
    return received_;
}

std::vector<int> ChargerSimulator::started_transactions() const {
    const std::lock_guard lock(mutex_);
    return started_transactions_;
}

int ChargerSimulator::wait_for_started_transaction(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    if (!changed_.wait_for(lock, timeout, [&] { return !started_transactions_.empty(); })) {
        throw std::runtime_error(identity_ + " started no transaction");
    }
    return started_transactions_.front();
}

Frame ChargerSimulator::wait_for(const std::string& action, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    const auto found = [&] {
        return std::any_of(received_.begin(), received_.end(),
                           [&](const Frame& f) { return f.action == action; });
    };
    if (!changed_.wait_for(lock, timeout, found)) {
        throw std::runtime_error(identity_ + " received no " + action);
    }
    for (auto it = received_.rbegin(); it != received_.rend(); ++it) {
        if (it->action == action) {
            return *it;
        }
    }
    throw std::logic_error("unreachable");
}

Frame ChargerSimulator::call(const std::string& action, const nlohmann::json& payload) {
    auto promise = std::make_shared<std::promise<Frame>>();
    auto future = promise->get_future();
    {
        const std::lock_guard lock(mutex_);
        tasks_.push_back([this, action, payload, promise] {
            try {
                promise->set_value(client_.call(action, payload));
            } catch (...) {
                promise->set_exception(std::current_exception());
            }
        });
    }
    return future.get();
}

void ChargerSimulator::run() {
    while (true) {
        std::deque<std::function<void()>> tasks;
        {
            const std::lock_guard lock(mutex_);
            if (stopping_) {
                return;
            }
            tasks.swap(tasks_);
        }
        for (auto& task : tasks) {
            task();
        }
        if (!client_.is_open()) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            continue;
        }
        try {
            handle(client_.wait_for_server_call(std::chrono::milliseconds(20)));
        } catch (const std::runtime_error&) {
            // no CALL within the slice (or the connection closed): go round again
        }
    }
}

void ChargerSimulator::handle(const Frame& call) {
    Answer answer;
    bool start_transaction = false;
    {
        const std::lock_guard lock(mutex_);
        received_.push_back(call);
        if (auto next = next_answers_.find(call.action);
            next != next_answers_.end() && !next->second.empty()) {
            answer = std::move(next->second.front());
            next->second.pop_front();
        } else {
            const auto it = answers_.find(call.action);
            answer = it != answers_.end() ? it->second : Answer::call_error("NotImplemented");
        }
        start_transaction = start_on_remote_start_ && call.action == "RemoteStartTransaction" &&
                            answer.kind == Answer::Kind::Result &&
                            answer.payload.value("status", "") == "Accepted";
    }
    changed_.notify_all();
    switch (answer.kind) {
        case Answer::Kind::Result: client_.answer(call, answer.payload); break;
        case Answer::Kind::CallError:
            client_.send_text(nlohmann::json::array({4, call.unique_id, answer.error_code, "simulated error",
                                                     nlohmann::json::object()})
                                  .dump());
            break;
        case Answer::Kind::Silence: break;
    }
    if (start_transaction) {
        const auto started =
            client_.call("StartTransaction", {{"connectorId", call.payload.value("connectorId", 1)},
                                              {"idTag", call.payload.at("idTag")},
                                              {"meterStart", 0},
                                              {"timestamp", "2026-11-25T08:00:00Z"}});
        {
            const std::lock_guard lock(mutex_);
            started_transactions_.push_back(started.payload.at("transactionId").get<int>());
        }
        changed_.notify_all();
    }
}

}  // namespace parkgrid::testing
