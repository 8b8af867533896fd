#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/operations_records.hpp"

namespace parkgrid::server {

// `acknowledged` is what the charger holds, or nullopt when unknown (never synchronised, or its version
// differs from ours), which calls for a Full update. Both lists are ordered by id tag.
storage::LocalListUpdate plan_local_list(
    const std::vector<storage::LocalListEntry>& desired,
    const std::optional<std::vector<storage::LocalListEntry>>& acknowledged);

// The entries a charger should hold for `tags`: a tag past its expiry date is listed as Expired, so a
// charger that is offline refuses it too.
std::vector<storage::LocalListEntry> local_list_entries(std::vector<storage::LocalListEntry> tags,
                                                        storage::Timestamp now);

// What a charger's local list can take, from the configuration keys it reported (OCPP 1.6 section 9.4);
// nullopt where it reported none or no number.
struct LocalListLimits {
    std::optional<std::size_t> max_entries;      // LocalAuthListMaxLength: entries the list holds
    std::optional<std::size_t> max_per_message;  // SendLocalListMaxLength: entries in one SendLocalList
};
LocalListLimits local_list_limits(const std::vector<storage::ConfigurationKeyRecord>& reported);

// Cuts `entries` (ordered by id tag) down to `max_entries` and returns how many it left out. An offline
// charger decides on its list before its cache, so what stays is what matters most there: blocked cards
// first (few, and each one a revocation: a lost card must not charge from the cache), then accepted ones,
// then the rest (expired, invalid). What stays keeps its id tag order.
std::size_t fit_local_list(std::vector<storage::LocalListEntry>& entries, std::size_t max_entries);

// The SendLocalList messages that carry `update` with at most `max_per_message` entries each: a Full list
// too long for one message goes as a Full first part followed by Differential parts. An empty update needs
// no message; an empty Full list is one.
std::vector<storage::LocalListUpdate> split_local_list(storage::LocalListUpdate update,
                                                       std::size_t max_per_message);

}  // namespace parkgrid::server
