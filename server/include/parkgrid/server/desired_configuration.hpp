#pragma once

#include <map>
#include <string>
#include <vector>

#include "parkgrid/storage/operations_records.hpp"
#include "parkgrid/storage/records.hpp"

namespace parkgrid::server {

// The configuration administrators want `charger` to have: per key, the most specific entry that applies
// (its site's, else its model's, else the one for all chargers).
std::map<std::string, std::string> desired_values(
    const std::vector<storage::DesiredConfigurationRecord>& entries, const storage::ChargerRecord& charger);

struct ConfigurationChange {
    std::string key;
    std::string value;
};

// What to send so that `reported` matches `desired`. Keys whose reported value already matches are
// skipped, and so are attempts that cannot succeed again: a readonly key, or a key the charger answered
// NotSupported or Rejected for with this very value. Those are returned in `blocked` instead.
struct ConfigurationPlan {
    std::vector<ConfigurationChange> changes;
    std::vector<ConfigurationChange> blocked;
};
ConfigurationPlan plan_configuration(const std::map<std::string, std::string>& desired,
                                     const std::vector<storage::ConfigurationKeyRecord>& reported);

}  // namespace parkgrid::server
