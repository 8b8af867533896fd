// Checks across the sessions of one connector or charger: [5] overlapping and duplicate transactions, [8]
// register change between consecutive sessions, [11] the same energy on many sessions.

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "finding_builder.hpp"

namespace parkgrid::reporting {
namespace {

using quality::FindingKey;
using quality::format_instant;

bool is_finished(const ConnectorSession& session) {
    return session.stop_at && session.meter_stop_wh;
}

nlohmann::json optional_json(const std::optional<std::int64_t>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

// [5] Whether `later` (not earlier by start) records the same charging as `earlier`.
bool is_duplicate(const ConnectorSession& earlier, const ConnectorSession& later,
                  const QualityLimits& limits) {
    if (later.start_at - earlier.start_at > limits.duplicate_start_window_ms ||
        later.meter_start_wh != earlier.meter_start_wh) {
        return false;
    }
    // One charging recorded twice overlaps itself; a session stopped before the next one began is a retry
    // (typically a start that failed without energy, then a new one with the same card), not a duplicate.
    const bool together =
        !earlier.stop_at || later.start_at < *earlier.stop_at || later.start_at == earlier.start_at;
    if (!together) {
        return false;
    }
    const bool same_stop =
        is_finished(earlier) && is_finished(later) && *earlier.meter_stop_wh == *later.meter_stop_wh;
    return same_stop || earlier.id_tag == later.id_tag;
}

class ConnectorHistory {
public:
    ConnectorHistory(const std::string& charger_id, std::int32_t connector_id,
                     std::vector<ConnectorSession> sessions, const QualityLimits& limits)
        : charger_id_(charger_id),
          connector_id_(connector_id),
          sessions_(std::move(sessions)),
          limits_(limits) {
        // By start; the transaction id orders sessions that started together, so findings do not depend on
        // the order the sessions were given in.
        std::sort(sessions_.begin(), sessions_.end(),
                  [](const ConnectorSession& a, const ConnectorSession& b) {
                      return a.start_at != b.start_at ? a.start_at < b.start_at
                                                      : a.transaction_id < b.transaction_id;
                  });
        name_ = "charger " + charger_id_ + " connector " + std::to_string(connector_id_);
    }

    std::vector<Finding> check() {
        find_duplicates();
        find_overlaps();
        find_register_changes();
        return std::move(findings_);
    }

private:
    void add(std::string_view kind, Severity severity, const ConnectorSession& about, FindingKey identity,
             std::string message, nlohmann::json evidence) {
        findings_.push_back(quality::make_finding(
            kind, severity, quality::transaction_subject(about.transaction_id, charger_id_, connector_id_),
            identity, std::move(message), std::move(evidence)));
    }

    // [5] Each duplicate once, against the earliest session it repeats.
    void find_duplicates() {
        duplicate_.assign(sessions_.size(), false);
        std::size_t first_in_window = 0;
        for (std::size_t later = 1; later < sessions_.size(); ++later) {
            const ConnectorSession& session = sessions_[later];
            while (first_in_window < later && session.start_at - sessions_[first_in_window].start_at >
                                                  limits_.duplicate_start_window_ms) {
                ++first_in_window;
            }
            std::optional<std::size_t> original;
            for (std::size_t earlier = first_in_window; earlier < later; ++earlier) {
                if (is_duplicate(sessions_[earlier], session, limits_)) {
                    duplicate_pairs_.emplace(earlier, later);
                    original = original.value_or(earlier);
                }
            }
            if (!original) {
                continue;
            }
            duplicate_[later] = true;
            const ConnectorSession& repeated = sessions_[*original];
            add(finding::kDuplicateTransaction, Severity::Error, session,
                FindingKey().add("tx", session.transaction_id),
                "Transaction " + std::to_string(session.transaction_id) + " on " + name_ +
                    " repeats transaction " + std::to_string(repeated.transaction_id) + ": it started " +
                    quality::format_duration(session.start_at - repeated.start_at) +
                    " later at the same meter reading of " + std::to_string(session.meter_start_wh) + " Wh.",
                {{"transactionId", session.transaction_id},
                 {"originalTransactionId", repeated.transaction_id},
                 {"startAt", session.start_at},
                 {"originalStartAt", repeated.start_at},
                 {"meterStartWh", session.meter_start_wh},
                 {"meterStopWh", optional_json(session.meter_stop_wh)},
                 {"originalMeterStopWh", optional_json(repeated.meter_stop_wh)},
                 {"sameIdTag", session.id_tag == repeated.id_tag}});
        }
    }

    // [5] Every pair where one session started before the other stopped, unless the pair is a duplicate.
    void find_overlaps() {
        for (std::size_t earlier = 0; earlier < sessions_.size(); ++earlier) {
            const ConnectorSession& previous = sessions_[earlier];
            for (std::size_t later = earlier + 1; later < sessions_.size(); ++later) {
                const ConnectorSession& session = sessions_[later];
                if (previous.stop_at && session.start_at >= *previous.stop_at) {
                    break;  // by start, so no later session overlaps `previous` either
                }
                if (duplicate_pairs_.count({earlier, later}) > 0) {
                    continue;
                }
                nlohmann::json overlap_ms = nullptr;
                if (previous.stop_at) {
                    overlap_ms = std::min(*previous.stop_at, session.stop_at.value_or(*previous.stop_at)) -
                                 session.start_at;
                }
                add(finding::kOverlappingTransactions, Severity::Error, session,
                    FindingKey().add("tx", session.transaction_id).add("overlaps", previous.transaction_id),
                    "Transaction " + std::to_string(session.transaction_id) + " started on " + name_ +
                        " at " + format_instant(session.start_at) + " while transaction " +
                        std::to_string(previous.transaction_id) +
                        (previous.stop_at ? " ran until " + format_instant(*previous.stop_at) + "."
                                          : " was still running."),
                    {{"transactionId", session.transaction_id},
                     {"previousTransactionId", previous.transaction_id},
                     {"startAt", session.start_at},
                     {"previousStartAt", previous.start_at},
                     {"previousStopAt", optional_json(previous.stop_at)},
                     {"overlapMs", overlap_ms}});
            }
        }
    }

    // [8] meterStart of each finished session against meterStop of the finished one before it.
    void find_register_changes() {
        const ConnectorSession* previous = nullptr;
        for (std::size_t index = 0; index < sessions_.size(); ++index) {
            const ConnectorSession& next = sessions_[index];
            // A duplicate repeats the readings of its original: compared with it, it would show a decrease.
            if (!is_finished(next) || duplicate_[index]) {
                continue;
            }
            // Overlapping sessions are reported as such; their readings do not follow one another.
            if (previous != nullptr && next.start_at >= *previous->stop_at) {
                check_change(*previous, next);
            }
            previous = &next;
        }
    }

    void check_change(const ConnectorSession& previous, const ConnectorSession& next) {
        const std::int64_t delta_wh = next.meter_start_wh - *previous.meter_stop_wh;
        if (delta_wh >= -limits_.unattributed_wh && delta_wh <= limits_.unattributed_wh) {
            return;
        }
        const bool decrease = delta_wh < 0;
        const std::string between = " between transaction " + std::to_string(previous.transaction_id) +
                                    " (meterStop " + std::to_string(*previous.meter_stop_wh) +
                                    " Wh) and transaction " + std::to_string(next.transaction_id) +
                                    " (meterStart " + std::to_string(next.meter_start_wh) + " Wh)";
        add(decrease ? finding::kRegisterDecrease : finding::kUnattributedEnergy,
            decrease ? Severity::Error : Severity::Warning, next,
            FindingKey().add("tx", next.transaction_id).add("after", previous.transaction_id),
            decrease ? "The energy register of " + name_ + " fell by " + std::to_string(-delta_wh) + " Wh" +
                           between + "."
                     : "The energy register of " + name_ + " counted " + std::to_string(delta_wh) + " Wh" +
                           between + ", outside any transaction.",
            {{"previousTransactionId", previous.transaction_id},
             {"nextTransactionId", next.transaction_id},
             {"deltaWh", delta_wh},
             {"previousMeterStopWh", *previous.meter_stop_wh},
             {"nextMeterStartWh", next.meter_start_wh}});
    }

    std::string charger_id_;
    std::int32_t connector_id_;
    std::vector<ConnectorSession> sessions_;
    const QualityLimits& limits_;
    std::string name_;
    std::vector<bool> duplicate_;
    std::set<std::pair<std::size_t, std::size_t>> duplicate_pairs_;
    std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> check_connector_history(const std::string& charger_id, std::int32_t connector_id,
                                             std::vector<ConnectorSession> sessions,
                                             const QualityLimits& limits) {
    return ConnectorHistory(charger_id, connector_id, std::move(sessions), limits).check();
}

std::optional<Finding> check_repeated_energy(
    const std::string& charger_id, const std::string& period,
    const std::vector<std::pair<std::int32_t, std::int64_t>>& energies_wh, const QualityLimits& limits) {
    // Sets, so that a session listed twice is counted once and the ids come out in order.
    std::map<std::int64_t, std::set<std::int32_t>> sessions_by_energy;
    for (const auto& [transaction_id, wh] : energies_wh) {
        if (wh != 0) {  // sessions without energy are zero_energy's
            sessions_by_energy[wh].insert(transaction_id);
        }
    }
    nlohmann::json repeated = nlohmann::json::array();
    const std::pair<const std::int64_t, std::set<std::int32_t>>* most = nullptr;
    for (const auto& group : sessions_by_energy) {
        if (group.second.size() < limits.repeated_energy_count) {
            continue;
        }
        repeated.push_back({{"energyWh", group.first}, {"transactionIds", group.second}});
        if (most == nullptr || group.second.size() > most->second.size()) {
            most = &group;
        }
    }
    if (most == nullptr) {
        return std::nullopt;
    }
    std::string ids;
    for (const std::int32_t id : most->second) {
        ids += (ids.empty() ? "" : ", ") + std::to_string(id);
    }
    FindingSubject subject;
    subject.charger_id = charger_id;
    subject.period = period;
    // One finding per charger and period: the most repeated energy, and every repeated one in the evidence.
    return quality::make_finding(
        finding::kRepeatedValues, Severity::Warning, std::move(subject),
        FindingKey().add("charger", charger_id).add("period", period),
        "Charger " + charger_id + " recorded exactly " + std::to_string(most->first) + " Wh on " +
            std::to_string(most->second.size()) + " sessions in " + period + " (transactions " + ids + ").",
        {{"energyWh", most->first},
         {"count", most->second.size()},
         {"transactionIds", most->second},
         {"repeated", repeated}});
}

}  // namespace parkgrid::reporting
