#include <boost/asio/steady_timer.hpp>
#include <mutex>

#include "body_reader.hpp"
#include "charger_access.hpp"
#include "command_response.hpp"
#include "json_views.hpp"
#include "parkgrid/ocpp/dispatcher.hpp"
#include "parkgrid/ocpp/messages/remote_start_transaction.hpp"
#include "parkgrid/server/log.hpp"
#include "routes.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

nlohmann::json command_json(const storage::CommandRecord& command) {
    const auto parsed = [](const std::optional<std::string>& text) {
        return text ? nlohmann::json::parse(*text, nullptr, false) : nlohmann::json();
    };
    return {{"id", command.id},
            {"chargerId", command.charger_id},
            {"action", command.action},
            {"request", nlohmann::json::parse(command.request, nullptr, false)},
            {"requestedBy", command.requested_by},
            {"requestedAt", to_json_time(command.requested_at)},
            {"status", command.status},
            {"response", parsed(command.response)},
            {"errorCode", command.error_code ? nlohmann::json(*command.error_code) : nlohmann::json()},
            {"errorDescription",
             command.error_description ? nlohmann::json(*command.error_description) : nlohmann::json()},
            {"completedAt", to_json_time(command.completed_at)}};
}

// Validates an API-supplied OCPP payload as the charger would: 422 naming the offending field.
void validate_command_payload(const std::string& action, const nlohmann::json& payload) {
    try {
        ocpp::validate_request(action, payload);
    } catch (const ocpp::ValidationError& error) {
        throw ApiError(422, "invalid_payload", error.what(),
                       error.path().empty() ? std::nullopt : std::optional(error.path()));
    }
    // Set through a raw command, ParkGrid would not know the new key and lock the charger out.
    if (is_authorization_key_change(action, payload)) {
        throw ApiError(
            422, "invalid_payload",
            "the AuthorizationKey is changed with POST /api/v1/chargers/{id}/authorization-key, which "
            "stores its hash once the charger accepts it",
            "key");
    }
}

// Waits for the StartTransaction that follows an accepted RemoteStartTransaction and answers with its id.
// The subscription is made before the command is sent: a charger may start the transaction before its
// answer to the remote start arrives.
class RemoteStartWaiter : public std::enable_shared_from_this<RemoteStartWaiter> {
public:
    RemoteStartWaiter(CentralSystem& central_system, std::string charger_id, std::string id_tag,
                      std::optional<std::int32_t> connector_id, HttpReply reply)
        : central_system_(central_system),
          charger_id_(std::move(charger_id)),
          id_tag_(std::move(id_tag)),
          connector_id_(connector_id),
          reply_(std::move(reply)),
          timer_(central_system.executor()) {}

    void start(nlohmann::json payload, const std::string& requested_by) {
        subscription_ = central_system_.events().subscribe(
            [weak = weak_from_this()](const EventPtr& event) {
                if (auto self = weak.lock()) {
                    self->on_started(*event);
                }
            },
            {"transaction.started"});
        central_system_.commands().send(
            charger_id_, "RemoteStartTransaction", std::move(payload), requested_by,
            [self = shared_from_this()](const CommandOutcome& outcome) { self->on_answer(outcome); });
    }

private:
    static bool same_tag(const std::string& a, const std::string& b) {
        return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                   return std::tolower(static_cast<unsigned char>(x)) ==
                          std::tolower(static_cast<unsigned char>(y));
               });
    }

    void on_started(const Event& event) {
        if (event.charger_id != charger_id_ || !same_tag(event.data.value("idTag", ""), id_tag_) ||
            (connector_id_ && event.data.value("connectorId", -1) != *connector_id_)) {
            return;
        }
        const std::lock_guard lock(mutex_);
        if (!transaction_id_) {
            transaction_id_ = event.data.at("transactionId").get<std::int32_t>();
        }
        try_finish();
    }

    void on_answer(const CommandOutcome& outcome) {
        const std::lock_guard lock(mutex_);
        command_id_ = outcome.command_id;
        if (outcome.offline || outcome.call.status != CallOutcome::Status::Result) {
            finish(command_response(outcome));
            return;
        }
        if (outcome.call.payload.value("status", "") != "Accepted") {
            auto response =
                error_response(ApiError(409, "rejected", "the charger rejected the remote start"));
            response.headers.emplace_back("X-Command-Id", std::to_string(command_id_));
            finish(std::move(response));
            return;
        }
        accepted_ = true;
        if (!try_finish()) {
            timer_.expires_after(central_system_.config().remote_start_wait);
            timer_.async_wait([self = shared_from_this()](boost::system::error_code ec) {
                if (!ec) {
                    self->on_timeout();
                }
            });
        }
    }

    void on_timeout() {
        const std::lock_guard lock(mutex_);
        auto response = error_response(
            ApiError(504, "no_transaction",
                     "the charger accepted the remote start but started no transaction within " +
                         std::to_string(central_system_.config().remote_start_wait.count()) + " s"));
        response.headers.emplace_back("X-Command-Id", std::to_string(command_id_));
        finish(std::move(response));
    }

    // Answers once the charger has accepted and the transaction is known. Called with the mutex held.
    bool try_finish() {
        if (!accepted_ || !transaction_id_) {
            return false;
        }
        auto response = json_response(
            200, {{"status", "Accepted"}, {"transactionId", *transaction_id_}, {"commandId", command_id_}});
        finish(std::move(response));
        return true;
    }

    void finish(HttpResponse response) {
        if (finished_) {
            return;
        }
        finished_ = true;
        timer_.cancel();
        reply_(std::move(response));
        // The subscription is released with this object; the bus may still hold a copy of the handler,
        // which finds the weak pointer expired.
    }

    CentralSystem& central_system_;
    std::string charger_id_;
    std::string id_tag_;
    std::optional<std::int32_t> connector_id_;
    HttpReply reply_;
    boost::asio::steady_timer timer_;
    EventBus::Subscription subscription_;
    std::mutex mutex_;
    bool accepted_ = false;
    bool finished_ = false;
    std::int64_t command_id_ = 0;
    std::optional<std::int32_t> transaction_id_;
};

}  // namespace

void add_command_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add("POST", "/api/v1/chargers/{id}/commands/{action}",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto& action = request.path_param(1);
                   if (!ocpp::is_sendable_by_central_system(action)) {
                       throw ApiError::not_found("command '" + action +
                                                 "' (use an OCPP 1.6 action the central system sends)");
                   }
                   auto payload = request.json_body();
                   validate_command_payload(action, payload);
                   with_visible_charger(
                       database, request.principal(), request.path_param(0), reply,
                       [&central_system, action, payload = std::move(payload),
                        requested_by = request.principal().subject,
                        reply](const storage::ChargerRecord& charger) mutable {
                           central_system.commands().send(
                               charger.id, action, std::move(payload), requested_by,
                               [reply](const CommandOutcome& outcome) { reply(command_response(outcome)); });
                       });
               });

    router.add("GET", "/api/v1/chargers/{id}/commands",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   const auto page = page_of(request);
                   read_then_reply(
                       database,
                       [charger_id = request.path_param(0), principal = request.principal(),
                        page](Repositories& repositories) {
                           require_charger(repositories, principal, charger_id);
                           auto& log = repositories.command_log();
                           return std::make_pair(log.for_charger(charger_id, page.limit, page.offset),
                                                 log.count_for_charger(charger_id));
                       },
                       [](const std::pair<std::vector<storage::CommandRecord>, std::size_t>& result) {
                           return json_response(200, {{"items", array_of(result.first, command_json)},
                                                      {"total", result.second}});
                       },
                       reply);
               });

    router.add("POST", "/api/v1/chargers/{id}/remote-start",
               [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
                   require_change_right(request.principal());
                   const auto body = request.json_body();
                   const BodyReader fields(body, {"connectorId", "idTag", "chargingProfile"});
                   nlohmann::json payload = {{"idTag", fields.required_string("idTag", 20)}};
                   std::optional<std::int32_t> connector_id;
                   if (fields.has("connectorId")) {
                       if (!body.at("connectorId").is_number_integer() ||
                           body.at("connectorId").get<std::int64_t>() < 1 ||
                           body.at("connectorId").get<std::int64_t>() > 1000) {
                           throw ApiError::invalid_field("connectorId",
                                                         "must be a connector number from 1 to 1000");
                       }
                       connector_id = body.at("connectorId").get<std::int32_t>();
                       payload["connectorId"] = *connector_id;
                   }
                   if (fields.has("chargingProfile")) {
                       payload["chargingProfile"] = body.at("chargingProfile");
                   }
                   validate_command_payload("RemoteStartTransaction", payload);
                   with_visible_charger(database, request.principal(), request.path_param(0), reply,
                                        [&central_system, connector_id, payload = std::move(payload),
                                         requested_by = request.principal().subject,
                                         reply](const storage::ChargerRecord& charger) mutable {
                                            const auto id_tag = payload.at("idTag").get<std::string>();
                                            std::make_shared<RemoteStartWaiter>(central_system, charger.id,
                                                                                id_tag, connector_id, reply)
                                                ->start(std::move(payload), requested_by);
                                        });
               });
}

}  // namespace parkgrid::server::api
