#include "limit_stability.hpp"

#include <algorithm>

namespace parkgrid::scheduling {
namespace {

// Whether the limits in `changes` fit in `now`, counting each connector at `count(change)`; marks the
// connectors on an overloaded circuit.
template <typename Count>
bool fits(const std::vector<LimitChange>& changes, const CapacityGrid& now, Count count,
          std::vector<bool>& on_overloaded_circuit) {
    CapacityGrid load = now;
    for (const auto& change : changes) {
        load.reserve(0, *change.where, count(change));
    }
    bool fit = true;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        on_overloaded_circuit[i] = load.overloaded(0, *changes[i].where);
        fit = fit && !on_overloaded_circuit[i];
    }
    return fit;
}

}  // namespace

void settle_changes(std::vector<LimitChange>& changes, const CapacityGrid& now) {
    for (auto& change : changes) {
        change.send = change.may_change && change.target_a != change.current_a;
        change.sent_a = change.send ? change.target_a : change.current_a;
    }
    std::vector<bool> overloaded(changes.size());

    // The limits held back must still fit once everything sent took effect; lower them where they don't.
    // Ends: each round lowers at least one held limit to its target, and the targets fit.
    while (!fits(
        changes, now, [](const LimitChange& c) { return c.sent_a; }, overloaded)) {
        bool lowered = false;
        for (std::size_t i = 0; i < changes.size(); ++i) {
            auto& change = changes[i];
            if (overloaded[i] && change.sent_a > change.target_a) {
                change.sent_a = change.target_a;
                change.send = true;
                change.forced = !change.may_change;
                lowered = true;
            }
        }
        if (lowered) {
            continue;
        }
        // Even the targets are too much (a limit is settling, or the load moved since the plan): pause.
        for (std::size_t i = 0; i < changes.size(); ++i) {
            auto& change = changes[i];
            if (overloaded[i] && change.sent_a > 0) {
                change.sent_a = 0;
                change.send = true;
                change.forced = true;
                lowered = true;
            }
        }
        if (!lowered) {
            break;  // over capacity whatever the limits (e.g. uncontrolled chargers): nothing more to do
        }
    }

    // Until the decreases took effect, a connector draws up to the higher of its old and new limit. Hold
    // back the increases that only fit once the decreases are done; the next plan sends them.
    while (!fits(
        changes, now, [](const LimitChange& c) { return std::max(c.drawing_a, c.sent_a); }, overloaded)) {
        bool held = false;
        for (std::size_t i = 0; i < changes.size(); ++i) {
            auto& change = changes[i];
            if (overloaded[i] && change.sent_a > change.current_a) {
                change.sent_a = change.current_a;
                change.send = false;
                change.forced = false;
                held = true;
            }
        }
        if (!held) {
            break;
        }
    }
}

}  // namespace parkgrid::scheduling
