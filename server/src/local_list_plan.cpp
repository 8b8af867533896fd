#include "parkgrid/server/local_list_plan.hpp"

#include <algorithm>
#include <map>

namespace parkgrid::server {
namespace {

// Id tags are case-insensitive, so entries are matched on their lower-case form.
std::string folded(const std::string& id_tag) {
    std::string out = id_tag;
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

}  // namespace

LocalListUpdate plan_local_list(const std::vector<storage::LocalListEntry>& desired,
                                const std::optional<std::vector<storage::LocalListEntry>>& acknowledged) {
    LocalListUpdate update;
    if (!acknowledged) {
        update.full = true;
        update.changed = desired;
        return update;
    }
    std::map<std::string, const storage::LocalListEntry*> held;
    for (const auto& entry : *acknowledged) {
        held.emplace(folded(entry.id_tag), &entry);
    }
    for (const auto& entry : desired) {
        const auto it = held.find(folded(entry.id_tag));
        if (it == held.end() || !(*it->second == entry)) {
            update.changed.push_back(entry);
        }
        if (it != held.end()) {
            held.erase(it);
        }
    }
    for (const auto& [key, entry] : held) {
        update.removed.push_back(entry->id_tag);
    }
    return update;
}

std::vector<storage::LocalListEntry> local_list_entries(std::vector<storage::LocalListEntry> tags,
                                                        storage::Timestamp now) {
    for (auto& tag : tags) {
        if (tag.status == "Accepted" && tag.expiry_date && *tag.expiry_date <= now) {
            tag.status = "Expired";
        }
    }
    return tags;
}

}  // namespace parkgrid::server
