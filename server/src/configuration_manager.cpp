#include "parkgrid/server/configuration_manager.hpp"

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/change_configuration.hpp"
#include "parkgrid/ocpp/messages/get_configuration.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

bool answered(const CommandOutcome& outcome) {
    return !outcome.offline && outcome.call.status == CallOutcome::Status::Result;
}

std::vector<storage::ConfigurationKeyRecord> to_records(const ocpp::GetConfigurationResponse& response) {
    std::vector<storage::ConfigurationKeyRecord> keys;
    for (const auto& entry : response.configuration_key.value_or(std::vector<ocpp::KeyValue>{})) {
        storage::ConfigurationKeyRecord key;
        key.key = entry.key.str();
        if (entry.value) {
            key.value = entry.value->str();
        }
        key.readonly = entry.readonly;
        keys.push_back(std::move(key));
    }
    return keys;
}

}  // namespace

ConfigurationManager::ConfigurationManager(CommandService& commands, storage::Database& database,
                                           EventBus& events, BootSyncQueue& boot_syncs)
    : commands_(commands), database_(database), events_(events) {
    // The charger.booted event is published before the BootNotification is answered, but every command
    // first waits for its command-log commit, so the answer reaches the charger before any CALL: OCPP
    // forbids CALLs to a charger before its boot is accepted.
    on_boot_ = events_.subscribe(
        [this, &boot_syncs](const EventPtr& event) {
            if (event->data.value("status", "") != "Accepted") {
                return;
            }
            boot_syncs.post(event->charger_id, [this, charger_id = event->charger_id](
                                                   const BootSyncQueue::Finished& finished) {
                synchronise(charger_id, "system:configuration", [charger_id, finished](const Result& result) {
                    if (!result.problem.empty()) {
                        log::warn("configuration not synchronised",
                                  {{"charger", charger_id}, {"problem", result.problem}});
                    }
                    finished();
                });
            });
        },
        {"charger.booted"});
}

void ConfigurationManager::synchronise(const std::string& charger_id, const std::string& requested_by,
                                       Done done) {
    commands_.send(
        charger_id, ocpp::GetConfigurationRequest{}, requested_by,
        [this, charger_id, requested_by, done](const CommandOutcome& outcome) {
            auto result = std::make_shared<Result>();
            if (!answered(outcome)) {
                result->problem = "GetConfiguration ended with " + command_status_name(outcome);
                done(*result);
                return;
            }
            result->read = true;
            const auto keys = to_records(ocpp::decode<ocpp::GetConfigurationResponse>(outcome.call.payload));
            storage::write(
                database_,
                [charger_id, keys](storage::Repositories& repositories) {
                    auto& configuration = repositories.configuration();
                    configuration.replace_reported(charger_id, keys, ocpp::DateTime::now().instant());
                    const auto charger = repositories.chargers().find(charger_id);
                    if (!charger) {
                        return ConfigurationPlan{};
                    }
                    return plan_configuration(desired_values(configuration.list_desired(), *charger),
                                              configuration.reported(charger_id));
                },
                [this, charger_id, requested_by, result, done](storage::Outcome<ConfigurationPlan> planned) {
                    if (!planned.ok()) {
                        result->problem = "could not store the configuration";
                        done(*result);
                        return;
                    }
                    for (const auto& blocked : planned.value().blocked) {
                        log::info("desired configuration cannot be applied",
                                  {{"charger", charger_id}, {"key", blocked.key}, {"value", blocked.value}});
                    }
                    apply(charger_id, requested_by, std::move(planned.value().changes), result, done);
                });
        });
}

void ConfigurationManager::apply(const std::string& charger_id, const std::string& requested_by,
                                 std::vector<ConfigurationChange> changes, std::shared_ptr<Result> result,
                                 Done done) {
    if (changes.empty()) {
        events_.publish("configuration.synchronised", charger_id,
                        {{"changesSent", result->changes_sent},
                         {"changesAccepted", result->changes_accepted},
                         {"rebootRequired", result->reboot_required}});
        done(*result);
        return;
    }
    const ConfigurationChange change = changes.front();
    changes.erase(changes.begin());
    ++result->changes_sent;
    ocpp::ChangeConfigurationRequest request;
    request.key = change.key;
    request.value = change.value;
    commands_.send(charger_id, request, requested_by,
                   [this, charger_id, requested_by, change, changes = std::move(changes), result,
                    done](const CommandOutcome& outcome) mutable {
                       const std::string status = answered(outcome) ? outcome.call.payload.value("status", "")
                                                                    : command_status_name(outcome);
                       const bool applied = status == "Accepted" || status == "RebootRequired";
                       result->changes_accepted += applied ? 1 : 0;
                       result->reboot_required = result->reboot_required || status == "RebootRequired";
                       storage::write(
                           database_,
                           [charger_id, change, status, applied](storage::Repositories& repositories) {
                               repositories.configuration().record_change(charger_id, change.key,
                                                                          change.value, status, applied,
                                                                          ocpp::DateTime::now().instant());
                           },
                           [this, charger_id, requested_by, changes = std::move(changes), result,
                            done](const storage::Outcome<storage::detail::Unit>&) mutable {
                               apply(charger_id, requested_by, std::move(changes), result, done);
                           });
                   });
}

}  // namespace parkgrid::server
