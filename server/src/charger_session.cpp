#include "parkgrid/server/charger_session.hpp"

#include <boost/asio/post.hpp>

#include "parkgrid/ocpp/dispatcher.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {

ChargerSession::ChargerSession(boost::asio::any_io_executor executor, std::weak_ptr<ChargerLink> link,
                               std::shared_ptr<ChargerState> state, storage::Database& database,
                               EventBus& event_bus, const Config& config, Metrics* metrics)
    : executor_(std::move(executor)),
      link_(std::move(link)),
      state_(std::move(state)),
      service_(executor_, state_, database, event_bus, config),
      endpoint_(std::make_shared<RpcEndpoint>(
          executor_, link_,
          [this](const ocpp::Call& call, const ocpp::ReplySink& reply) { on_call(call, reply); },
          RpcEndpoint::Options{
              .call_timeout = std::chrono::duration_cast<std::chrono::milliseconds>(config.call_timeout),
              .max_pending_calls = config.max_pending_calls,
              .metrics = metrics},
          state_->id)) {}

void ChargerSession::receive(std::string_view frame) {
    endpoint_->receive(frame);
}

void ChargerSession::on_call(const ocpp::Call& call, const ocpp::ReplySink& reply) {
    // Until the central system accepts the charger, only BootNotification is processed (OCPP 1.6 section
    // 4.2; OCPP 2.0.1 B02.FR.09 names the error code). Unknown actions still get NotImplemented.
    const Registration registration = state_->registration;
    if (registration != Registration::Accepted && call.action != "BootNotification" &&
        ocpp::classify_action(call.action) == ocpp::ActionKind::ChargePointInitiated) {
        log::warn("CALL refused before acceptance",
                  {{"charger", state_->id}, {"messageId", call.unique_id}, {"action", call.action}});
        reply(ocpp::serialize(
            ocpp::CallError{call.unique_id,
                            ocpp::CallErrorCode::SecurityError,
                            "charge point is not accepted by the central system; send BootNotification",
                            {}}));
        return;
    }
    ocpp::dispatch(call, service_, reply);
}

void ChargerSession::call(std::string action, nlohmann::json payload, CallCallback done) {
    endpoint_->call(std::move(action), std::move(payload), std::move(done));
}

void ChargerSession::close(CloseCode code, std::string reason) {
    boost::asio::post(executor_, [link = link_, code, reason = std::move(reason)]() mutable {
        if (auto strong = link.lock()) {
            strong->close(code, std::move(reason));
        }
    });
}

void ChargerSession::closed() {
    endpoint_->shutdown();
}

}  // namespace parkgrid::server
