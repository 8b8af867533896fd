#include "parkgrid/server/rpc_endpoint.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>

#include "parkgrid/ocpp/messages/heartbeat.hpp"

namespace parkgrid::server {
namespace {

class RecordingLink : public ChargerLink {
public:
    void send(std::string frame) override { sent.push_back(std::move(frame)); }
    void close(CloseCode, std::string) override { closed = true; }

    std::vector<std::string> sent;
    bool closed = false;
};

class RpcEndpointTest : public ::testing::Test {
protected:
    std::shared_ptr<RpcEndpoint> make_endpoint(RpcEndpoint::InboundHandler handler,
                                               std::chrono::milliseconds timeout = std::chrono::seconds(30),
                                               Metrics* metrics = nullptr) {
        return std::make_shared<RpcEndpoint>(io_.get_executor(), link_, std::move(handler),
                                             RpcEndpoint::Options{timeout, 2, 3, metrics}, "CP-1");
    }

    // Runs what is ready now, without letting timers expire.
    void run() {
        io_.restart();
        io_.poll();
    }

    nlohmann::json sent(std::size_t index) const { return nlohmann::json::parse(link_->sent.at(index)); }

    boost::asio::io_context io_;
    std::shared_ptr<RecordingLink> link_ = std::make_shared<RecordingLink>();
};

TEST_F(RpcEndpointTest, HandlesInboundCallsOneAtATimeInOrder) {
    std::vector<std::pair<std::string, ocpp::ReplySink>> pending;
    auto endpoint = make_endpoint([&](const ocpp::Call& call, const ocpp::ReplySink& reply) {
        pending.emplace_back(call.unique_id, reply);
    });
    endpoint->receive(R"([2,"a","Heartbeat",{}])");
    endpoint->receive(R"([2,"b","Heartbeat",{}])");
    run();
    ASSERT_EQ(pending.size(), 1u);  // "b" waits until "a" is answered
    pending[0].second(R"([3,"a",{}])");
    run();
    ASSERT_EQ(pending.size(), 2u);
    EXPECT_EQ(pending[1].first, "b");
    pending[1].second(R"([3,"b",{}])");
    run();
    ASSERT_EQ(link_->sent.size(), 2u);
    EXPECT_EQ(sent(0)[1], "a");
    EXPECT_EQ(sent(1)[1], "b");
}

TEST_F(RpcEndpointTest, RefusesCallsBeyondTheInboundQueueLimit) {
    auto endpoint = make_endpoint([](const ocpp::Call&, const ocpp::ReplySink&) {});
    for (int i = 0; i < 6; ++i) {
        endpoint->receive(
            nlohmann::json::array({2, "id" + std::to_string(i), "Heartbeat", nlohmann::json::object()})
                .dump());
    }
    // One is being handled, three wait; the rest are refused at once.
    ASSERT_EQ(link_->sent.size(), 2u);
    EXPECT_EQ(sent(0)[2], "GenericError");
    EXPECT_EQ(sent(1)[1], "id5");
}

TEST_F(RpcEndpointTest, CountsAnswersRefusalsMalformedFramesAndCommandEnds) {
    Metrics metrics;
    std::vector<ocpp::ReplySink> replies;
    auto endpoint =
        make_endpoint([&](const ocpp::Call&, const ocpp::ReplySink& reply) { replies.push_back(reply); },
                      std::chrono::seconds(30), &metrics);
    for (int i = 0; i < 6; ++i) {  // one handled, three queued, two refused at once
        endpoint->receive(
            nlohmann::json::array({2, "id" + std::to_string(i), "Heartbeat", nlohmann::json::object()})
                .dump());
    }
    replies.at(0)(R"([3,"id0",{}])");
    run();
    endpoint->receive("garbage");
    endpoint->call("Reset", {{"type", "Soft"}}, [](const CallOutcome&) {});
    run();
    endpoint->shutdown();

    std::uint64_t results = 0;
    std::uint64_t call_errors = 0;
    std::uint64_t timed = 0;
    metrics.for_each_inbound([&](const std::string& action, const Metrics::InboundAction& counts) {
        EXPECT_EQ(action, "Heartbeat");
        results = counts.results.load();
        call_errors = counts.call_errors.load();
        timed = counts.duration.snapshot().cumulative_counts.back();
    });
    EXPECT_EQ(results, 1u);
    EXPECT_EQ(call_errors, 2u);
    EXPECT_EQ(timed, 3u);
    EXPECT_EQ(metrics.malformed_frames(), 1u);
    std::uint64_t closed = 0;
    metrics.for_each_command([&](const std::string& action, const Metrics::CommandAction& counts) {
        EXPECT_EQ(action, "Reset");
        closed = counts.ends[static_cast<std::size_t>(CommandEnd::Closed)].load();
    });
    EXPECT_EQ(closed, 1u);
}

TEST_F(RpcEndpointTest, AnswersReadableMalformedFramesWithFormationViolation) {
    auto endpoint = make_endpoint([](const ocpp::Call&, const ocpp::ReplySink&) { FAIL(); });
    endpoint->receive(R"([2,"x","Heartbeat")");
    endpoint->receive("garbage");
    ASSERT_EQ(link_->sent.size(), 1u);
    EXPECT_EQ(sent(0), (nlohmann::json{4, "x", "FormationViolation", "frame is not valid JSON",
                                       nlohmann::json::object()}));
}

TEST_F(RpcEndpointTest, SendsOneServerCallAtATimeAndValidatesTheResult) {
    auto endpoint = make_endpoint([](const ocpp::Call&, const ocpp::ReplySink&) {});
    std::vector<CallOutcome> outcomes;
    endpoint->call("ClearCache", nlohmann::json::object(),
                   [&](CallOutcome o) { outcomes.push_back(std::move(o)); });
    endpoint->call("Reset", {{"type", "Soft"}}, [&](CallOutcome o) { outcomes.push_back(std::move(o)); });
    run();
    ASSERT_EQ(link_->sent.size(), 1u);
    const auto first = sent(0);
    EXPECT_EQ(first[2], "ClearCache");
    endpoint->receive(nlohmann::json::array({3, first[1], {{"status", "Accepted"}}}).dump());
    run();
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].status, CallOutcome::Status::Result);
    ASSERT_EQ(link_->sent.size(), 2u);
    const auto second = sent(1);
    EXPECT_EQ(second[2], "Reset");
    endpoint->receive(nlohmann::json::array({3, second[1], {{"status", "Maybe"}}}).dump());
    run();
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(outcomes[1].status, CallOutcome::Status::InvalidResponse);
    EXPECT_EQ(outcomes[1].error_code, ocpp::CallErrorCode::PropertyConstraintViolation);
}

TEST_F(RpcEndpointTest, ReportsCallErrorsTimeoutsAndQueueOverflow) {
    auto endpoint =
        make_endpoint([](const ocpp::Call&, const ocpp::ReplySink&) {}, std::chrono::milliseconds(20));
    std::vector<CallOutcome> outcomes;
    const auto record = [&](CallOutcome o) { outcomes.push_back(std::move(o)); };
    endpoint->call("ClearCache", nlohmann::json::object(), record);
    endpoint->call("ClearCache", nlohmann::json::object(), record);
    endpoint->call("ClearCache", nlohmann::json::object(), record);
    endpoint->call("ClearCache", nlohmann::json::object(), record);  // beyond in-flight + 2 queued
    run();
    ASSERT_FALSE(outcomes.empty());
    EXPECT_EQ(outcomes[0].status, CallOutcome::Status::QueueFull);
    const auto first = sent(0);
    endpoint->receive(
        nlohmann::json::array({4, first[1], "NotSupported", "no cache", nlohmann::json::object()}).dump());
    io_.restart();
    io_.run_for(std::chrono::milliseconds(200));  // the next two time out
    ASSERT_EQ(outcomes.size(), 4u);
    EXPECT_EQ(outcomes[1].status, CallOutcome::Status::Error);
    EXPECT_EQ(outcomes[1].error_code, ocpp::CallErrorCode::NotSupported);
    EXPECT_EQ(outcomes[2].status, CallOutcome::Status::Timeout);
    EXPECT_EQ(outcomes[3].status, CallOutcome::Status::Timeout);
}

TEST_F(RpcEndpointTest, ShutdownEndsPendingCallsAndIgnoresLateAnswers) {
    auto endpoint = make_endpoint([](const ocpp::Call&, const ocpp::ReplySink&) {});
    std::vector<CallOutcome> outcomes;
    endpoint->call("ClearCache", nlohmann::json::object(),
                   [&](CallOutcome o) { outcomes.push_back(std::move(o)); });
    endpoint->call("ClearCache", nlohmann::json::object(),
                   [&](CallOutcome o) { outcomes.push_back(std::move(o)); });
    run();
    endpoint->shutdown();
    ASSERT_EQ(outcomes.size(), 2u);
    EXPECT_EQ(outcomes[0].status, CallOutcome::Status::Closed);
    EXPECT_EQ(outcomes[1].status, CallOutcome::Status::Closed);
    endpoint->receive(nlohmann::json::array({3, sent(0)[1], {{"status", "Accepted"}}}).dump());
    EXPECT_EQ(outcomes.size(), 2u);
}

TEST_F(RpcEndpointTest, UnansweredRequestStillGetsAnInternalError) {
    auto endpoint = make_endpoint([](const ocpp::Call& call, const ocpp::ReplySink& reply) {
        ocpp::Responder<ocpp::HeartbeatResponse>(call.unique_id, reply);  // dropped without an answer
    });
    endpoint->receive(R"([2,"lost","Heartbeat",{}])");
    run();
    ASSERT_EQ(link_->sent.size(), 1u);
    EXPECT_EQ(sent(0)[2], "InternalError");
}

}  // namespace
}  // namespace parkgrid::server
