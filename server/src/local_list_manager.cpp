#include "parkgrid/server/local_list_manager.hpp"

#include <boost/asio/post.hpp>

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/get_local_list_version.hpp"
#include "parkgrid/ocpp/messages/send_local_list.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

constexpr auto kDebounce = std::chrono::milliseconds(500);
constexpr const char* kSystem = "system:local-list";

storage::Timestamp now() {
    return ocpp::DateTime::now().instant();
}

bool answered(const CommandOutcome& outcome) {
    return !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
}

// A charger that answers the local list actions with a CALLERROR like this has no local list.
bool lacks_local_list(const CommandOutcome& outcome) {
    return !outcome.offline && outcome.call.status == CallOutcome::Status::Error &&
           (outcome.call.error_code == ocpp::CallErrorCode::NotSupported ||
            outcome.call.error_code == ocpp::CallErrorCode::NotImplemented);
}

ocpp::AuthorizationData with_info(const storage::LocalListEntry& entry) {
    ocpp::IdTagInfo info;
    info.status = ocpp::enum_from_string<ocpp::AuthorizationStatus>(entry.status)
                      .value_or(ocpp::AuthorizationStatus::Invalid);
    if (entry.expiry_date) {
        info.expiry_date = ocpp::DateTime(*entry.expiry_date);
    }
    if (entry.parent_id_tag) {
        info.parent_id_tag = ocpp::IdToken(*entry.parent_id_tag);
    }
    return ocpp::AuthorizationData{ocpp::IdToken(entry.id_tag), info};
}

ocpp::SendLocalListRequest to_request(const LocalListUpdate& update, std::int32_t version) {
    ocpp::SendLocalListRequest request;
    request.list_version = version;
    request.update_type = update.full ? ocpp::UpdateType::Full : ocpp::UpdateType::Differential;
    std::vector<ocpp::AuthorizationData> list;
    for (const auto& entry : update.changed) {
        list.push_back(with_info(entry));
    }
    for (const auto& id_tag : update.removed) {
        list.push_back(ocpp::AuthorizationData{ocpp::IdToken(id_tag), std::nullopt});
    }
    request.local_authorization_list = std::move(list);
    return request;
}

struct Plan {
    bool supported = true;
    std::int32_t version = 0;  // the version to send
    LocalListUpdate update;
    std::vector<storage::LocalListEntry> desired;
};

void mark_unsupported(storage::Database& database, const std::string& charger_id) {
    storage::write(
        database,
        [charger_id](storage::Repositories& repositories) {
            repositories.local_lists().mark_unsupported(charger_id, now());
        },
        [](const storage::Outcome<storage::detail::Unit>&) {});
}

}  // namespace

LocalListManager::LocalListManager(boost::asio::any_io_executor executor, ChargerRegistry& registry,
                                   CommandService& commands, storage::Database& database, EventBus& events,
                                   BootSyncQueue& boot_syncs)
    : registry_(registry), commands_(commands), database_(database), debounce_(std::move(executor)) {
    on_boot_ = events.subscribe(
        [this, &boot_syncs](const EventPtr& event) {
            if (event->data.value("status", "") != "Accepted") {
                return;
            }
            boot_syncs.post(event->charger_id, [this, charger_id = event->charger_id](
                                                   const BootSyncQueue::Finished& finished) {
                synchronise(charger_id, true, kSystem, [finished](const Result&) { finished(); });
            });
        },
        {"charger.booted"});
    on_tags_changed_ = events.subscribe(
        [this](const EventPtr&) {
            boost::asio::post(debounce_.get_executor(), [this] {
                if (pending_) {
                    return;
                }
                pending_ = true;
                debounce_.expires_after(kDebounce);
                debounce_.async_wait([this](boost::system::error_code ec) {
                    pending_ = false;
                    if (!ec) {
                        synchronise_connected();
                    }
                });
            });
        },
        {"id_tags.changed"});
}

void LocalListManager::synchronise_connected() {
    for (const auto& session : registry_.all()) {
        if (session->state().registration == Registration::Accepted) {
            synchronise(session->state().id, false, kSystem, [](const Result&) {});
        }
    }
}

void LocalListManager::synchronise(const std::string& charger_id, bool check_version,
                                   const std::string& requested_by, Done done) {
    if (!check_version) {
        send(charger_id, std::nullopt, requested_by, false, std::move(done));
        return;
    }
    commands_.send(
        charger_id, ocpp::GetLocalListVersionRequest{}, requested_by,
        [this, charger_id, requested_by, done = std::move(done)](const CommandOutcome& outcome) mutable {
            if (lacks_local_list(outcome) ||
                (answered(outcome) && outcome.call.payload.value("listVersion", 0) < 0)) {
                mark_unsupported(database_, charger_id);  // -1: "not supported" (OCPP 1.6 section 6.31)
                done(Result{false, false, false, 0, "the charger has no local authorization list"});
                return;
            }
            if (!answered(outcome)) {
                done(Result{false, false, false, 0,
                            "GetLocalListVersion ended with " + command_status_name(outcome)});
                return;
            }
            send(charger_id, outcome.call.payload.value("listVersion", 0), requested_by, false,
                 std::move(done));
        });
}

void LocalListManager::send(const std::string& charger_id, std::optional<std::int32_t> charger_version,
                            const std::string& requested_by, bool retried, Done done) {
    storage::read(
        database_,
        [charger_id, charger_version, retried](storage::Repositories& repositories) {
            Plan plan;
            const auto charger = repositories.chargers().find(charger_id);
            if (!charger) {
                plan.supported = false;
                return plan;
            }
            auto& lists = repositories.local_lists();
            const auto state = lists.state(charger_id);
            // A charger that just reported a list version has a list, whatever it said before.
            plan.supported = charger_version.has_value() || !state || state->supported;
            plan.desired = local_list_entries(lists.allowed_tags(charger->institution_id), now());
            // What the charger holds is known only if it still has the version it acknowledged.
            const bool known = state && state->supported && !retried &&
                               (!charger_version || *charger_version == state->version);
            plan.update = plan_local_list(plan.desired,
                                          known ? std::optional(lists.entries(charger_id)) : std::nullopt);
            plan.version = std::max(state ? state->version : 0, charger_version.value_or(0)) + 1;
            return plan;
        },
        [this, charger_id, requested_by, retried,
         done = std::move(done)](storage::Outcome<Plan> planned) mutable {
            if (!planned.ok()) {
                done(Result{false, false, false, 0, "could not read the id tags"});
                return;
            }
            auto plan = std::move(planned.value());
            if (!plan.supported || plan.update.empty()) {
                done(Result{false, false, false, plan.version - 1,
                            plan.supported ? "" : "no local authorization list"});
                return;
            }
            const bool full = plan.update.full;
            // Built before `plan` moves into the callback (argument order is unspecified).
            auto request = to_request(plan.update, plan.version);
            commands_.send(
                charger_id, request, requested_by,
                [this, charger_id, requested_by, retried, plan = std::move(plan), full,
                 done = std::move(done)](const CommandOutcome& outcome) mutable {
                    const std::string status =
                        answered(outcome) ? outcome.call.payload.value("status", "") : "";
                    if (status == "Accepted") {
                        storage::write(
                            database_,
                            [charger_id, plan](storage::Repositories& repositories) {
                                repositories.local_lists().store(charger_id, plan.version, plan.desired,
                                                                 now());
                            },
                            [done, full,
                             version = plan.version](const storage::Outcome<storage::detail::Unit>& stored) {
                                done(Result{true, stored.ok(), full, version,
                                            stored.ok() ? "" : "could not store the list"});
                            });
                        return;
                    }
                    if (status == "VersionMismatch" && !retried) {
                        send(charger_id, std::nullopt, requested_by, true,
                             std::move(done));  // start over with Full
                        return;
                    }
                    if (status == "NotSupported" || lacks_local_list(outcome)) {
                        mark_unsupported(database_, charger_id);
                    }
                    log::warn("local authorization list not updated",
                              {{"charger", charger_id},
                               {"answer", status.empty() ? command_status_name(outcome) : status}});
                    done(
                        Result{true, false, full, plan.version,
                               "SendLocalList: " + (status.empty() ? command_status_name(outcome) : status)});
                });
        });
}

}  // namespace parkgrid::server
