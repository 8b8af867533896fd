#pragma once

// The circuit loads of a site's recent scheduler runs, for the load chart of GET /sites/{id}/load. Kept in
// memory only (a restart starts an empty history), thinned to one entry per `resolution` and cut at `span`,
// so that a site costs a bounded amount of memory however often its scheduler runs.

#include <cstdint>
#include <deque>
#include <nlohmann/json.hpp>
#include <vector>

#include "parkgrid/scheduling/scheduler.hpp"

namespace parkgrid::server::load {

using scheduling::Seconds;

// One circuit's loads in one scheduler run.
struct CircuitFigures {
    std::int64_t circuit_id = 0;
    int phases = 3;  // how many of the load's phases the circuit has
    scheduling::CircuitLoad load{};
};

// {"circuitId", "buildingA", "chargingA", "usableA"}: amperes to 0.1 A per phase of the circuit. The plan
// view and the history both write circuits with it, so that a chart can join the two.
nlohmann::json circuit_figures_json(const CircuitFigures& figures);

class LoadHistory {
public:
    static constexpr Seconds kSpan = 24 * 60 * 60;
    static constexpr Seconds kResolution = 10;

    explicit LoadHistory(Seconds span = kSpan, Seconds resolution = kResolution);

    // Adds the figures of a run at `at`. A run less than `resolution` after the run that opened the newest
    // entry replaces that entry (its time and figures become this run's), so runs triggered by every
    // meter reading do not crowd the history. Entries more than `span` before `at` are dropped.
    void record(Seconds at, std::vector<CircuitFigures> circuits);

    // The entries at or after `from`, oldest first: [{"at": "...Z", "circuits": [...]}].
    nlohmann::json since(Seconds from) const;

    std::size_t size() const { return entries_.size(); }

private:
    struct Entry {
        Seconds at = 0;      // the run whose figures the entry holds
        Seconds opened = 0;  // the first run the entry held; the next entry starts `resolution` later
        std::vector<CircuitFigures> circuits{};
    };

    Seconds span_;
    Seconds resolution_;
    std::deque<Entry> entries_;
};

}  // namespace parkgrid::server::load
