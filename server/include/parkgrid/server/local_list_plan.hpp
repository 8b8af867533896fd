#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/operations_records.hpp"

namespace parkgrid::server {

// One SendLocalList to bring a charger's local authorization list to the desired entries.
struct LocalListUpdate {
    bool full = false;                             // updateType Full: `changed` is the whole list
    std::vector<storage::LocalListEntry> changed;  // added or different entries (with their idTagInfo)
    std::vector<std::string> removed;              // Differential only: entries sent without idTagInfo

    bool empty() const { return !full && changed.empty() && removed.empty(); }
};

// `acknowledged` is what the charger holds, or nullopt when unknown (never synchronised, or its version
// differs from ours), which calls for a Full update. Both lists are ordered by id tag.
LocalListUpdate plan_local_list(const std::vector<storage::LocalListEntry>& desired,
                                const std::optional<std::vector<storage::LocalListEntry>>& acknowledged);

// The entries a charger should hold for `tags`: a tag past its expiry date is listed as Expired, so a
// charger that is offline refuses it too.
std::vector<storage::LocalListEntry> local_list_entries(std::vector<storage::LocalListEntry> tags,
                                                        storage::Timestamp now);

}  // namespace parkgrid::server
