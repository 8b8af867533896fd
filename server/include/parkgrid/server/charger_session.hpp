#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "parkgrid/server/charge_point_service.hpp"
#include "parkgrid/server/charger_link.hpp"
#include "parkgrid/server/charger_state.hpp"
#include "parkgrid/server/metrics.hpp"
#include "parkgrid/server/rpc_endpoint.hpp"

namespace parkgrid::server {

// The OCPP side of one charger connection: admission of CALLs by registration state, dispatch to the
// ChargePointService, and server-initiated CALLs. Lives on the connection's strand.
class ChargerSession : public std::enable_shared_from_this<ChargerSession> {
public:
    ChargerSession(boost::asio::any_io_executor executor, std::weak_ptr<ChargerLink> link,
                   std::shared_ptr<ChargerState> state, storage::Database& database, EventBus& event_bus,
                   const Config& config, Metrics* metrics = nullptr);

    const ChargerState& state() const { return *state_; }
    std::shared_ptr<ChargerState> shared_state() const { return state_; }

    // A text frame from the charger; on the strand.
    void receive(std::string_view frame);
    // Sends a CALL to the charger (queued behind earlier ones); any thread.
    void call(std::string action, nlohmann::json payload, CallCallback done);
    // Closes the connection; any thread.
    void close(CloseCode code, std::string reason);
    // The transport has closed; on the strand.
    void closed();

private:
    void on_call(const ocpp::Call& call, const ocpp::ReplySink& reply);

    boost::asio::any_io_executor executor_;
    std::weak_ptr<ChargerLink> link_;
    std::shared_ptr<ChargerState> state_;
    ChargePointService service_;
    std::shared_ptr<RpcEndpoint> endpoint_;
};

}  // namespace parkgrid::server
