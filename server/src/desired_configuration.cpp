#include "parkgrid/server/desired_configuration.hpp"

#include <algorithm>

namespace parkgrid::server {
namespace {

// 3 site, 2 model, 1 everyone, 0 does not apply.
int specificity(const storage::DesiredConfigurationRecord& entry, const storage::ChargerRecord& charger) {
    if (entry.site_id) {
        return charger.site_id == entry.site_id ? 3 : 0;
    }
    if (entry.charge_point_model) {
        const bool same_model = charger.boot_info && charger.boot_info->vendor == entry.charge_point_vendor &&
                                charger.boot_info->model == entry.charge_point_model;
        return same_model ? 2 : 0;
    }
    return 1;
}

}  // namespace

std::map<std::string, std::string> desired_values(
    const std::vector<storage::DesiredConfigurationRecord>& entries, const storage::ChargerRecord& charger) {
    std::map<std::string, std::pair<int, std::string>> best;
    for (const auto& entry : entries) {
        const int rank = specificity(entry, charger);
        if (rank == 0) {
            continue;
        }
        auto [it, inserted] = best.try_emplace(entry.key, rank, entry.value);
        if (!inserted && rank > it->second.first) {
            it->second = {rank, entry.value};
        }
    }
    std::map<std::string, std::string> values;
    for (auto& [key, ranked] : best) {
        values.emplace(key, std::move(ranked.second));
    }
    return values;
}

ConfigurationPlan plan_configuration(const std::map<std::string, std::string>& desired,
                                     const std::vector<storage::ConfigurationKeyRecord>& reported) {
    ConfigurationPlan plan;
    for (const auto& [key, value] : desired) {
        const auto it =
            std::find_if(reported.begin(), reported.end(),
                         [&](const storage::ConfigurationKeyRecord& record) { return record.key == key; });
        if (it != reported.end() && it->value == value) {
            continue;
        }
        const bool known_refusal = it != reported.end() && it->change_value == value &&
                                   (it->change_status == "NotSupported" || it->change_status == "Rejected");
        if ((it != reported.end() && it->readonly) || known_refusal) {
            plan.blocked.push_back({key, value});
        } else {
            plan.changes.push_back({key, value});
        }
    }
    return plan;
}

}  // namespace parkgrid::server
