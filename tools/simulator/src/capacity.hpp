#pragma once

// What the baselines share out: each circuit's usable current per phase, less the latest building reading.

#include <vector>

#include "parkgrid/scheduling/site_model.hpp"
#include "policy.hpp"
#include "site.hpp"

namespace parkgrid::simulator {

// limit - margin - building reading, per circuit and phase (no reading yet: nothing to share).
std::vector<scheduling::PhaseCurrents> charging_room(const Site& site, const ServerView& view);

// Whether `amps` on `phases` fits every circuit of `path` in `room`; and taking it.
double room_on(const std::vector<scheduling::PhaseCurrents>& room, const std::vector<std::size_t>& path,
               const std::vector<int>& phases);
void take(std::vector<scheduling::PhaseCurrents>& room, const std::vector<std::size_t>& path,
          const std::vector<int>& phases, double amps);

// The baselines' common rhythm: every 15 s a fresh set of limits; a limit goes out when it changed.
class PeriodicPolicy : public Policy {
public:
    explicit PeriodicPolicy(const Site& site);
    void step(const ServerView& view, std::vector<LimitSend>& sends) final;

protected:
    static constexpr scheduling::Seconds kPeriod = 15;
    // A limit per connector; only those of connectors with a transaction are used.
    virtual std::vector<double> plan(const ServerView& view) = 0;
    // The grid phases a session loads, as the server knows them.
    std::vector<int> phases_of(const ServerView& view, std::size_t connector) const;
    bool wants_energy(const ConnectorView& connector) const;

    const Site& site_;
    std::vector<std::vector<std::size_t>> paths_;  // per connector

private:
    std::vector<std::optional<double>> sent_;
};

}  // namespace parkgrid::simulator
