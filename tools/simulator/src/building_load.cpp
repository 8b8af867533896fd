#include "building_load.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>

namespace parkgrid::simulator {

namespace {

constexpr scheduling::Seconds kDay = 24 * 3600;

double smoothstep(double from, double to, double x) {
    const double t = std::clamp((x - from) / (to - from), 0.0, 1.0);
    return t * t * (3 - 2 * t);
}

// 0 at night, 1 during office hours, a small lunch dip; weekends (days 5 and 6) at 30%.
double occupancy(scheduling::Seconds at) {
    const double hour = static_cast<double>(((at % kDay) + kDay) % kDay) / 3600.0;
    const double level = smoothstep(6.5, 9.0, hour) * (1 - smoothstep(17.5, 20.0, hour)) -
                         0.1 * smoothstep(12.0, 12.5, hour) * (1 - smoothstep(13.0, 13.5, hour));
    const bool weekend = (at / kDay) % 7 >= 5;
    return weekend ? 0.3 * level : level;
}

}  // namespace

BuildingLoad::BuildingLoad(const Site& site, scheduling::Seconds span, SpikeMode spikes, std::uint64_t seed)
    : span_(span) {
    std::mt19937_64 rng(seed ^ 0xB111'D000'0000'0003ULL);
    std::uniform_real_distribution<double> unit(0, 1);
    const double chargers = static_cast<double>(site.chargers.size());
    // The office on the grid connection, a workshop on board A, lighting on board B; scaled to the car
    // park so the building stays a modest share of the peak whatever the number of chargers.
    const std::array<std::pair<double, double>, 3> night_day{{{0.3, 0.8}, {0.05, 0.2}, {0.05, 0.1}}};
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        Profile profile;
        const auto& [night, day] = night_day[std::min(c, night_day.size() - 1)];
        profile.night_a = night * chargers;
        profile.day_a = day * chargers;
        for (std::size_t p = 0; p < 3; ++p) {
            profile.phase_weight[p] = 0.85 + 0.3 * unit(rng);
            profile.noise_offset[p] = 2 * std::numbers::pi * unit(rng);
        }
        profiles_.push_back(profile);
    }
    subtree_.resize(site.circuits.size());
    for (std::size_t c = 0; c < site.circuits.size(); ++c) {
        for (const auto ancestor : circuit_path(site, c)) {
            subtree_[ancestor].push_back(c);
        }
    }
    if (spikes == SpikeMode::None) {
        return;
    }
    // One spike at a time across the site: about four an hour in office hours, one at night.
    std::uniform_int_distribution<std::size_t> circuit(0, site.circuits.size() - 1);
    scheduling::Seconds t = 0;
    while (true) {
        const double rate_per_s = (0.25 + 0.75 * occupancy(t)) * 4.0 / 3600.0;
        t += 1 + static_cast<scheduling::Seconds>(std::exponential_distribution<double>(rate_per_s)(rng));
        if (t >= span) {
            break;
        }
        Spike spike;
        spike.circuit = circuit(rng);
        spike.start = t;
        // From a few seconds (a lift) to minutes (a compressor): log-uniform within 3-300 s.
        spike.duration =
            static_cast<scheduling::Seconds>(std::exp(std::log(3.0) + unit(rng) * std::log(100.0)));
        spike.phase = unit(rng) < 0.5 ? -1 : static_cast<int>(unit(rng) * 3) % 3;
        spike.share = spikes == SpikeMode::WithinMargin ? 0.3 + 0.5 * unit(rng) : 1.5 + 1.5 * unit(rng);
        spikes_.push_back(spike);
        t += spike.duration;
    }
}

scheduling::PhaseCurrents BuildingLoad::own(std::size_t circuit, scheduling::Seconds at, bool noise) const {
    const auto& profile = profiles_[circuit];
    const double level = profile.night_a + (profile.day_a - profile.night_a) * occupancy(at);
    scheduling::PhaseCurrents load{};
    for (std::size_t p = 0; p < 3; ++p) {
        double wobble = 1;
        if (noise) {
            // Slow enough that a 5-second-old reading is still right to a few hundredths of an ampere.
            const double x = static_cast<double>(at);
            const double offset = profile.noise_offset[p];
            wobble += 0.03 * std::sin(x / 1380.0 * 2 * std::numbers::pi + offset) +
                      0.02 * std::sin(x / 4260.0 * 2 * std::numbers::pi + 2 * offset) +
                      0.02 * std::sin(x / 11160.0 * 2 * std::numbers::pi + 3 * offset);
        }
        load[p] = level * profile.phase_weight[p] * wobble;
    }
    return load;
}

scheduling::PhaseCurrents BuildingLoad::forecast(std::size_t circuit, scheduling::Seconds at) const {
    scheduling::PhaseCurrents load{};
    for (const auto c : subtree_[circuit]) {
        const auto own_load = own(c, at, false);
        for (std::size_t p = 0; p < 3; ++p) {
            load[p] += own_load[p];
        }
    }
    return load;
}

double BuildingLoad::own_day_peak_a(std::size_t circuit) const {
    const auto& profile = profiles_[circuit];
    return std::max(profile.night_a, profile.day_a) *
           *std::max_element(profile.phase_weight.begin(), profile.phase_weight.end());
}

BuildingTruth::BuildingTruth(const BuildingLoad& load, const Site& site, bool spikes) : span_(load.span()) {
    const auto circuits = site.circuits.size();
    const auto seconds = static_cast<std::size_t>(span_);
    std::vector<std::vector<scheduling::PhaseCurrents>> own(circuits,
                                                            std::vector<scheduling::PhaseCurrents>(seconds));
    for (std::size_t c = 0; c < circuits; ++c) {
        for (std::size_t t = 0; t < seconds; ++t) {
            own[c][t] = load.own(c, static_cast<scheduling::Seconds>(t), true);
        }
    }
    for (const auto& spike : spikes ? load.spikes() : std::vector<Spike>{}) {
        double smallest_margin = 1e9;
        for (const auto c : circuit_path(site, spike.circuit)) {
            smallest_margin = std::min(smallest_margin, site.circuits[c].margin_a);
        }
        const double height = spike.share * smallest_margin;
        const auto end = std::min(spike.start + spike.duration, span_);
        for (auto t = spike.start; t < end; ++t) {
            for (std::size_t p = 0; p < 3; ++p) {
                if (spike.phase < 0 || static_cast<std::size_t>(spike.phase) == p) {
                    own[spike.circuit][static_cast<std::size_t>(t)][p] += height;
                }
            }
        }
    }
    series_.assign(circuits, std::vector<scheduling::PhaseCurrents>(seconds));
    for (std::size_t c = 0; c < circuits; ++c) {
        for (const auto ancestor : circuit_path(site, c)) {
            for (std::size_t t = 0; t < seconds; ++t) {
                for (std::size_t p = 0; p < 3; ++p) {
                    series_[ancestor][t][p] += own[c][t][p];
                }
            }
        }
    }
}

}  // namespace parkgrid::simulator
