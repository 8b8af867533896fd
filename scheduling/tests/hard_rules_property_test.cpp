// Property tests of the hard rules on random sites: whatever the tree, loads, sessions and the limits the
// chargers have now, the limits the scheduler leaves in place fit every circuit and phase, and are 0 or
// between the minimum and the rating.

#include <gtest/gtest.h>

#include <random>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::scheduling {
namespace {

constexpr Seconds kNow = 1'795'000'000;
constexpr double kTolerance = 1e-6;

class RandomSite {
public:
    explicit RandomSite(std::uint64_t seed) : random_(seed) {}

    SiteState make() {
        SiteState site;
        site.now = kNow;
        const int circuits = uniform(1, 6);
        for (int c = 0; c < circuits; ++c) {
            Circuit circuit;
            circuit.id = c + 1;
            if (c > 0) {
                circuit.parent = static_cast<std::size_t>(uniform(0, c - 1));
            }
            circuit.limit_a = real(10, 250);
            circuit.margin_a = chance(0.5) ? real(0, circuit.limit_a / 4) : 0;
            circuit.phases = chance(0.15) && (c == 0 || site.circuits[*circuit.parent].phases == 1) ? 1 : 3;
            if (c > 0 && site.circuits[*circuit.parent].phases == 1) {
                circuit.phases = 1;
            }
            if (chance(0.2)) {
                circuit.limit_kw = real(5, 150);
            }
            site.circuits.push_back(circuit);
            if (chance(0.1)) {
                site.building_load.push_back(std::nullopt);
            } else {
                site.building_load.push_back(PhaseCurrents{
                    real(0, circuit.limit_a), real(0, circuit.limit_a / 2), real(0, circuit.limit_a / 3)});
            }
        }
        if (chance(0.5)) {
            site.building_load_forecast = [this](std::size_t, Seconds at) -> std::optional<PhaseCurrents> {
                const double level = static_cast<double>((at / 3600) % 7) * 5;
                return PhaseCurrents{level, level / 2, level / 3};
            };
        }
        if (chance(0.5)) {
            site.price_per_kwh = [](Seconds at) { return (at / 3600) % 24 < 7 ? 0.3 : 1.0; };
        }
        const int connectors = uniform(1, 12);
        for (int i = 0; i < connectors; ++i) {
            site.connectors.push_back(connector(site));
        }
        return site;
    }

private:
    Connector connector(const SiteState& site) {
        Connector c;
        c.charger_id = "CP" + std::to_string(site.connectors.size());
        c.circuit = static_cast<std::size_t>(uniform(0, static_cast<int>(site.circuits.size()) - 1));
        c.phases = site.circuits[c.circuit].phases == 1 || chance(0.4) ? 1 : 3;
        c.max_current_a = chance(0.5) ? 32 : 16;
        c.min_current_a = chance(0.8) ? 6 : real(1, 10);
        if (c.phases == 3 && chance(0.5)) {
            c.wiring = {1, 2, 0};
        } else if (c.phases == 1 && site.circuits[c.circuit].phases == 3) {
            c.wiring[0] = uniform(0, 2);
        }
        c.mode = chance(0.1) ? ConnectorMode::Uncontrolled : ConnectorMode::Controlled;
        if (chance(0.7)) {
            Session s;
            s.energy_needed_kwh = chance(0.2) ? std::numeric_limits<double>::infinity() : real(0, 80);
            s.departure = kNow + static_cast<Seconds>(real(-3600, 20 * 3600));
            s.priority = uniform(0, 10);
            s.started_at = kNow - uniform(0, 7200);
            s.vehicle_phases = uniform(0, 3);
            if (chance(0.5)) {
                s.measured_a = real(0, c.max_current_a);
            }
            c.session = s;
            if (chance(0.8)) {
                c.current_limit_a = chance(0.2) ? 0 : real(c.min_current_a, c.max_current_a);
                c.current_limit_since = kNow - uniform(0, 900);
                if (chance(0.3)) {
                    c.previous_limit_a = real(0, c.max_current_a);
                }
            }
        } else {
            c.idle_budget_a = chance(0.3) ? real(0, 10) : 0;
        }
        return c;
    }

    int uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }
    double real(double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random_);
    }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

    std::mt19937_64 random_;
};

std::vector<std::size_t> path(const SiteState& site, std::size_t circuit) {
    std::vector<std::size_t> result;
    for (std::optional<std::size_t> at = circuit; at; at = site.circuits[*at].parent) {
        result.push_back(*at);
    }
    return result;
}

// Load per circuit and phase: `fixed` (uncontrolled and idle budgets) and `limits` (controlled sessions).
struct Loads {
    std::vector<PhaseCurrents> fixed;
    std::vector<PhaseCurrents> limits;
    std::vector<double> fixed_kw;
    std::vector<double> limits_kw;
};

Loads loads_of(const SiteState& site, const SitePlan& plan) {
    Loads loads{std::vector<PhaseCurrents>(site.circuits.size()),
                std::vector<PhaseCurrents>(site.circuits.size()), std::vector<double>(site.circuits.size()),
                std::vector<double>(site.circuits.size())};
    for (std::size_t i = 0; i < site.connectors.size(); ++i) {
        const auto& c = site.connectors[i];
        const bool controlled_session = c.session && c.mode == ConnectorMode::Controlled;
        const int vehicle = controlled_session ? c.session->vehicle_phases : 0;
        const int loaded = vehicle > 0 ? std::min(vehicle, c.phases) : c.phases;
        const double amps = controlled_session                      ? plan.connectors[i].limit_a
                            : c.mode == ConnectorMode::Uncontrolled ? c.max_current_a
                                                                    : c.idle_budget_a;
        auto& target = controlled_session ? loads.limits : loads.fixed;
        auto& target_kw = controlled_session ? loads.limits_kw : loads.fixed_kw;
        for (const auto circuit : path(site, c.circuit)) {
            for (int k = 0; k < loaded; ++k) {
                target[circuit][static_cast<std::size_t>(c.wiring[static_cast<std::size_t>(k)])] += amps;
            }
            target_kw[circuit] += amps * site.circuits[c.circuit].voltage_v * loaded / 1000.0;
        }
    }
    return loads;
}

class HardRulesTest : public ::testing::TestWithParam<std::uint64_t> {};

TEST_P(HardRulesTest, LimitsFitEveryCircuitAndPhaseAndRespectTheMinimum) {
    RandomSite generator(GetParam());
    for (int round = 0; round < 20; ++round) {
        const auto site = generator.make();
        const auto plan = plan_site(site);
        ASSERT_EQ(plan.connectors.size(), site.connectors.size());

        for (std::size_t i = 0; i < site.connectors.size(); ++i) {
            const auto& c = site.connectors[i];
            if (!c.session || c.mode != ConnectorMode::Controlled) {
                continue;
            }
            const double limit = plan.connectors[i].limit_a;
            EXPECT_TRUE(limit == 0 ||
                        (limit >= c.min_current_a - kTolerance && limit <= c.max_current_a + kTolerance))
                << "connector " << i << " limit " << limit << " round " << round;
        }

        const auto loads = loads_of(site, plan);
        for (std::size_t circuit = 0; circuit < site.circuits.size(); ++circuit) {
            const auto& limits = site.circuits[circuit];
            const auto& building = site.building_load[circuit];
            for (std::size_t phase = 0; phase < kGridPhases; ++phase) {
                const double usable =
                    limits.limit_a - limits.margin_a - (building ? (*building)[phase] : 1e18);
                const double fixed = loads.fixed[circuit][phase];
                // Budgets ParkGrid cannot choose may overload a circuit already; then no limit may add to it.
                const double allowed = std::max(0.0, usable - fixed);
                EXPECT_LE(loads.limits[circuit][phase], allowed + kTolerance)
                    << "circuit " << circuit << " phase " << phase << " round " << round;
            }
            if (limits.limit_kw && building) {
                double building_kw = 0;
                for (std::size_t phase = 0; phase < static_cast<std::size_t>(limits.phases); ++phase) {
                    building_kw += (*building)[phase] * limits.voltage_v / 1000.0;
                }
                const double usable_kw = *limits.limit_kw -
                                         limits.margin_a * limits.voltage_v * limits.phases / 1000.0 -
                                         building_kw;
                EXPECT_LE(loads.limits_kw[circuit], std::max(0.0, usable_kw - loads.fixed_kw[circuit]) + 1e-4)
                    << "circuit " << circuit << " kW, round " << round;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(RandomSites, HardRulesTest, ::testing::Range<std::uint64_t>(1, 51));

}  // namespace
}  // namespace parkgrid::scheduling
