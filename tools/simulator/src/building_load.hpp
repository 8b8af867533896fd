#pragma once

// The building's own (non-charging) load: a seeded office profile per circuit plus short spikes (lifts,
// compressors, kettles). The scheduler sees it only through the meter gateway and the fallback forecast.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parkgrid/scheduling/site_model.hpp"
#include "site.hpp"

namespace parkgrid::simulator {

enum class SpikeMode : std::uint8_t {
    None,
    WithinMargin,  // every spike fits in the margin of each circuit it loads
    OverMargin,    // every spike is 1.5-3 times the smallest margin on its circuit's path
};

struct Spike {
    std::size_t circuit = 0;
    scheduling::Seconds start = 0;
    scheduling::Seconds duration = 0;
    int phase = -1;    // -1: all three phases
    double share = 0;  // height as a share of the smallest margin on the circuit's path
};

class BuildingLoad {
public:
    // For simulated seconds [0, span). Margins are read when the truth is computed (they follow the limits).
    BuildingLoad(const Site& site, scheduling::Seconds span, SpikeMode spikes, std::uint64_t seed);

    // What ParkGrid may use as fallback for later hours: the profile without noise or spikes, of the
    // circuit and everything below it.
    scheduling::PhaseCurrents forecast(std::size_t circuit, scheduling::Seconds at) const;
    // The highest forecast of the circuit's own load (used to size the sub-boards).
    double own_day_peak_a(std::size_t circuit) const;
    const std::vector<Spike>& spikes() const { return spikes_; }
    scheduling::Seconds span() const { return span_; }

    struct Profile {
        double night_a = 0;
        double day_a = 0;
        scheduling::PhaseCurrents phase_weight{1, 1, 1};
        std::array<double, 3> noise_offset{};  // seeded phases of the slow wobble
    };
    // The circuit's own load at `at`; with noise or without.
    scheduling::PhaseCurrents own(std::size_t circuit, scheduling::Seconds at, bool noise) const;

private:
    std::vector<Profile> profiles_;
    std::vector<std::vector<std::size_t>> subtree_;  // per circuit: itself and every circuit below it
    std::vector<Spike> spikes_;
    scheduling::Seconds span_;
};

// The true building load of every circuit (it and everything below it), per second, for one set of limits.
class BuildingTruth {
public:
    // Without spikes when `spikes` is false (for measuring the uncontrolled peak, before limits exist).
    BuildingTruth(const BuildingLoad& load, const Site& site, bool spikes = true);

    const scheduling::PhaseCurrents& at(std::size_t circuit, scheduling::Seconds second) const {
        return series_[circuit][static_cast<std::size_t>(second)];
    }
    scheduling::Seconds span() const { return span_; }

private:
    std::vector<std::vector<scheduling::PhaseCurrents>> series_;
    scheduling::Seconds span_;
};

}  // namespace parkgrid::simulator
