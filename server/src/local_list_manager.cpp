#include "parkgrid/server/local_list_manager.hpp"

#include <boost/asio/post.hpp>
#include <limits>
#include <memory>

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

ocpp::SendLocalListRequest to_request(const storage::LocalListUpdate& update, std::int32_t version) {
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

std::string left_out_problem(std::size_t left_out, std::size_t max_entries) {
    return std::to_string(left_out) + " id tags left out: the charger's list holds at most " +
           std::to_string(max_entries) + " (LocalAuthListMaxLength)";
}

void mark_unsupported(storage::Database& database, const std::string& charger_id) {
    storage::write(
        database,
        [charger_id](storage::Repositories& repositories) {
            repositories.local_lists().mark_unsupported(charger_id, now());
        },
        [](const storage::Outcome<storage::detail::Unit>&) {});
}

}  // namespace

// The SendLocalLists that bring a charger's list to what it should hold: versions `first_version`,
// `first_version` + 1, ... (one when it fits into one message).
struct LocalListManager::Plan {
    bool supported = true;
    std::int32_t first_version = 0;
    std::vector<storage::LocalListUpdate> messages;
    std::string problem;  // what the charger cannot hold
};

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
            // The limits come from the configuration the charger reported at this boot: its synchronisation
            // runs before this one (BootSyncQueue).
            const auto limits = local_list_limits(repositories.configuration().reported(charger_id));
            auto desired = local_list_entries(lists.allowed_tags(charger->institution_id), now());
            if (limits.max_entries) {
                if (const auto left_out = fit_local_list(desired, *limits.max_entries); left_out > 0) {
                    plan.problem = left_out_problem(left_out, *limits.max_entries);
                }
            }
            // What the charger holds is known only if it still has the version it acknowledged.
            const bool known = state && state->supported && !retried &&
                               (!charger_version || *charger_version == state->version);
            plan.messages = split_local_list(
                plan_local_list(desired, known ? std::optional(lists.entries(charger_id)) : std::nullopt),
                limits.max_per_message.value_or(std::numeric_limits<std::size_t>::max()));
            plan.first_version = std::max(state ? state->version : 0, charger_version.value_or(0)) + 1;
            return plan;
        },
        [this, charger_id, requested_by, retried,
         done = std::move(done)](storage::Outcome<Plan> planned) mutable {
            if (!planned.ok()) {
                done(Result{false, false, false, 0, "could not read the id tags"});
                return;
            }
            auto plan = std::make_shared<const Plan>(std::move(planned.value()));
            if (!plan->supported) {
                done(Result{false, false, false, plan->first_version - 1, "no local authorization list"});
                return;
            }
            if (plan->messages.empty()) {
                done(Result{false, false, false, plan->first_version - 1, plan->problem});
                return;
            }
            send_part(charger_id, requested_by, retried, plan, 0, std::move(done));
        });
}

void LocalListManager::send_part(const std::string& charger_id, const std::string& requested_by, bool retried,
                                 const std::shared_ptr<const Plan>& plan, std::size_t part, Done done) {
    const auto& update = plan->messages[part];
    const auto version = plan->first_version + static_cast<std::int32_t>(part);
    const bool full = plan->messages.front().full;
    commands_.send(
        charger_id, to_request(update, version), requested_by,
        [this, charger_id, requested_by, retried, plan, part, version, full,
         done = std::move(done)](const CommandOutcome& outcome) mutable {
            const std::string status = answered(outcome) ? outcome.call.payload.value("status", "") : "";
            if (status == "Accepted") {
                // Stored part by part: if a later part fails, the next synchronisation starts from this one.
                storage::write(
                    database_,
                    [charger_id, plan, part, version](storage::Repositories& repositories) {
                        repositories.local_lists().apply(charger_id, version, plan->messages[part], now());
                    },
                    [this, charger_id, requested_by, retried, plan, part, version, full,
                     done = std::move(done)](const storage::Outcome<storage::detail::Unit>& stored) mutable {
                        if (stored.ok() && part + 1 < plan->messages.size()) {
                            send_part(charger_id, requested_by, retried, plan, part + 1, std::move(done));
                            return;
                        }
                        done(Result{true, stored.ok(), full, version,
                                    stored.ok() ? plan->problem : "could not store the list"});
                    });
                return;
            }
            if (status == "VersionMismatch" && !retried) {
                send(charger_id, std::nullopt, requested_by, true, std::move(done));  // start over with Full
                return;
            }
            if (status == "NotSupported" || lacks_local_list(outcome)) {
                mark_unsupported(database_, charger_id);
            }
            const std::string answer = status.empty() ? command_status_name(outcome) : status;
            log::warn("local authorization list not updated", {{"charger", charger_id}, {"answer", answer}});
            done(Result{true, false, full, version, "SendLocalList: " + answer});
        });
}

}  // namespace parkgrid::server
