#include "experiment.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

#include "building_load.hpp"
#include "edf_policy.hpp"
#include "equal_share_policy.hpp"
#include "optimum_lp.hpp"
#include "parkgrid_policy.hpp"

namespace parkgrid::simulator {

namespace {

constexpr std::size_t kEpisodesReported = 5;

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string clock_text(scheduling::Seconds at) {
    char text[64];
    std::snprintf(text, sizeof text, "day %lld %02lld:%02lld:%02lld", static_cast<long long>(at / 86400),
                  static_cast<long long>(at % 86400 / 3600), static_cast<long long>(at % 3600 / 60),
                  static_cast<long long>(at % 60));
    return text;
}

void report_run(const Site& site, const RunResult& run, CaseOutcome& outcome) {
    for (std::size_t k = 0; k < std::min(kEpisodesReported, run.overloads.size()); ++k) {
        const auto& episode = run.overloads[k];
        char text[256];
        std::snprintf(text, sizeof text,
                      "%s: over a limit %lld s from t=%lld (%s): circuit %zu L%d %.1f A > %.1f A",
                      run.policy.c_str(), static_cast<long long>(episode.end - episode.start),
                      static_cast<long long>(episode.start), clock_text(episode.start).c_str(),
                      episode.circuit, episode.phase + 1, episode.worst_load_a, episode.limit_a);
        outcome.findings.emplace_back(text);
    }
    if (run.overloads.size() > kEpisodesReported) {
        outcome.findings.push_back(run.policy + ": " +
                                   std::to_string(run.overloads.size() - kEpisodesReported) +
                                   " more overload episodes");
    }
    for (const auto& [connector, at] : run.flagged) {
        outcome.findings.push_back(run.policy + ": flagged " + site.chargers[connector].connector.charger_id +
                                   " as uncontrolled at t=" + std::to_string(at) +
                                   (site.chargers[connector].ignores_limits
                                        ? " (it ignores limits)"
                                        : " (it obeys limits: false alarm)"));
    }
}

// Seconds in which the building alone is over a circuit's limit: no policy can help those.
void report_building_overloads(const Site& site, const BuildingTruth& truth, scheduling::Seconds start,
                               CaseOutcome& outcome) {
    scheduling::Seconds seconds = 0;
    for (scheduling::Seconds t = start; t < truth.span(); ++t) {
        bool over = false;
        for (std::size_t c = 0; c < site.circuits.size(); ++c) {
            for (const double amps : truth.at(c, t)) {
                over = over || amps > site.circuits[c].limit_a;
            }
        }
        seconds += over ? 1 : 0;
    }
    if (seconds > 0) {
        outcome.findings.push_back("the building alone is over a circuit limit for " +
                                   std::to_string(seconds) + " s (counted for every policy)");
    }
}

}  // namespace

double uncontrolled_peak_a(const Instance& instance) {
    Site site = instance.site;
    set_root_limit(site, 1e9);
    const BuildingTruth truth(instance.building, site, false);
    UncontrolledPolicy policy;
    const auto run =
        simulate({&instance, &site, &truth, std::vector<double>(site.chargers.size(), 0.0)}, policy);
    return *std::max_element(run.root_peak_a.begin(), run.root_peak_a.end());
}

CaseOutcome run_case(const Instance& instance, double root_limit_a, const CaseSettings& settings) {
    CaseOutcome outcome;
    outcome.root_limit_a = root_limit_a;
    outcome.site = instance.site;
    set_root_limit(outcome.site, root_limit_a);
    const auto& site = outcome.site;
    const BuildingTruth truth(instance.building, site);
    const RunSetup setup{&instance, &site, &truth, boot_failsafe(site, instance.building)};
    report_building_overloads(site, truth, instance.start, outcome);

    std::optional<Metrics> optimum;
    for (const auto& name : settings.policies) {
        const auto started = std::chrono::steady_clock::now();
        PolicyOutcome result;
        if (name == "optimum") {
            const auto solved = solve_optimum(instance, site, truth);
            if (!solved.solved) {
                outcome.findings.push_back("optimum: " + solved.status);
                continue;
            }
            result.metrics = summarise(instance, solved);
            optimum = result.metrics;
        } else {
            std::unique_ptr<Policy> policy;
            ParkGridPolicy* parkgrid = nullptr;
            if (name == "uncontrolled") {
                policy = std::make_unique<UncontrolledPolicy>();
            } else if (name == "equal") {
                policy = std::make_unique<EqualSharePolicy>(site);
            } else if (name == "edf") {
                policy = std::make_unique<EdfPolicy>(site);
            } else if (name == "parkgrid") {
                auto owned = std::make_unique<ParkGridPolicy>(site, instance.building, setup.failsafe);
                parkgrid = owned.get();
                policy = std::move(owned);
            } else {
                throw std::invalid_argument("unknown policy '" + name + "'");
            }
            result.run = simulate(setup, *policy, name == settings.series_policy ? settings.series : nullptr);
            result.metrics = summarise(instance, result.run, parkgrid != nullptr);
            if (name != "uncontrolled") {
                report_run(site, result.run, outcome);
            }
            if (parkgrid) {
                outcome.plans = parkgrid->plans();
                outcome.planning_seconds = std::chrono::duration<double>(parkgrid->planning_time()).count();
                if (!parkgrid->contract_violation().empty()) {
                    outcome.findings.push_back("parkgrid: hard rule broken in plan: " +
                                               parkgrid->contract_violation());
                }
                const auto& flagged = result.run.flagged;
                for (std::size_t i = 0; i < site.chargers.size(); ++i) {
                    const bool found = std::any_of(flagged.begin(), flagged.end(),
                                                   [i](const auto& entry) { return entry.first == i; });
                    if (site.chargers[i].ignores_limits && !found) {
                        outcome.findings.push_back("parkgrid: " + site.chargers[i].connector.charger_id +
                                                   " ignores limits and was never flagged");
                    }
                }
            }
        }
        result.wall_seconds = seconds_since(started);
        outcome.policies.push_back(std::move(result));
    }
    if (optimum) {
        for (auto& policy : outcome.policies) {
            compare_with_optimum(policy.metrics, *optimum);
        }
    }
    return outcome;
}

const PolicyOutcome* find_policy(const CaseOutcome& outcome, const std::string& policy) {
    for (const auto& candidate : outcome.policies) {
        if (candidate.metrics.policy == policy) {
            return &candidate;
        }
    }
    return nullptr;
}

}  // namespace parkgrid::simulator
