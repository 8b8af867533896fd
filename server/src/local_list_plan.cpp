#include "parkgrid/server/local_list_plan.hpp"

#include <algorithm>
#include <charconv>
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

std::optional<std::size_t> size_value(const storage::ConfigurationKeyRecord& key) {
    if (!key.value) {
        return std::nullopt;
    }
    std::size_t size = 0;
    const char* const end = key.value->data() + key.value->size();
    const auto [stop, error] = std::from_chars(key.value->data(), end, size);
    if (error != std::errc() || stop != end) {
        return std::nullopt;
    }
    return size;
}

// When a list is cut, entries of a lower rank stay before those of a higher one.
int rank(const storage::LocalListEntry& entry) {
    if (entry.status == "Blocked") {
        return 0;
    }
    if (entry.status == "Accepted") {
        return 1;
    }
    return 2;
}

}  // namespace

storage::LocalListUpdate plan_local_list(
    const std::vector<storage::LocalListEntry>& desired,
    const std::optional<std::vector<storage::LocalListEntry>>& acknowledged) {
    storage::LocalListUpdate update;
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

LocalListLimits local_list_limits(const std::vector<storage::ConfigurationKeyRecord>& reported) {
    LocalListLimits limits;
    for (const auto& key : reported) {
        if (key.key == "LocalAuthListMaxLength") {
            limits.max_entries = size_value(key);
        } else if (key.key == "SendLocalListMaxLength") {
            limits.max_per_message = size_value(key);
        }
    }
    return limits;
}

std::size_t fit_local_list(std::vector<storage::LocalListEntry>& entries, std::size_t max_entries) {
    if (entries.size() <= max_entries) {
        return 0;
    }
    std::vector<std::size_t> order(entries.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&entries](std::size_t a, std::size_t b) {
        return rank(entries[a]) < rank(entries[b]);
    });
    order.resize(max_entries);
    std::sort(order.begin(), order.end());
    std::vector<storage::LocalListEntry> kept;
    kept.reserve(max_entries);
    for (const std::size_t index : order) {
        kept.push_back(std::move(entries[index]));
    }
    const std::size_t left_out = entries.size() - kept.size();
    entries = std::move(kept);
    return left_out;
}

std::vector<storage::LocalListUpdate> split_local_list(storage::LocalListUpdate update,
                                                       std::size_t max_per_message) {
    std::vector<storage::LocalListUpdate> messages;
    if (update.empty()) {
        return messages;
    }
    max_per_message = std::max<std::size_t>(max_per_message, 1);
    const auto room_in_last = [&] {
        return messages.empty()
                   ? 0
                   : max_per_message - messages.back().changed.size() - messages.back().removed.size();
    };
    if (update.full) {
        messages.emplace_back().full = true;
    }
    for (auto& entry : update.changed) {
        if (room_in_last() == 0) {
            messages.emplace_back();
        }
        messages.back().changed.push_back(std::move(entry));
    }
    for (auto& id_tag : update.removed) {
        if (room_in_last() == 0) {
            messages.emplace_back();
        }
        messages.back().removed.push_back(std::move(id_tag));
    }
    return messages;
}

}  // namespace parkgrid::server
