#pragma once

// --csv-day: one run's series at the grid connection and every vehicle's energy, for plot_day.sh.

#include <fstream>
#include <string>

#include "instance.hpp"
#include "simulation.hpp"

namespace parkgrid::simulator {

// Columns: time_s, hour, building_l1..3, charging_l1..3 (true loads at the grid connection, A), limit_a,
// usable_a (limit - margin), price_cny_kwh, then energy_kwh of every vehicle (v0, v1, ...: delivered so far).
class DaySeries final : public SeriesSink {
public:
    DaySeries(const std::string& path, const Instance& instance, const Site& site, scheduling::Seconds step);

    void record(scheduling::Seconds now, const std::vector<scheduling::PhaseCurrents>& building,
                const std::vector<scheduling::PhaseCurrents>& charging,
                const std::vector<double>& delivered_kwh) override;

    // FILE's companion FILE-vehicles.csv: vehicle, charger, arrival_h, departure_h, phases, requested_kwh,
    // delivered_kwh (the run's final figures).
    void write_vehicles(const RunResult& run) const;
    static std::string vehicles_path(const std::string& path);

private:
    std::string path_;
    const Instance& instance_;
    const Site& site_;
    scheduling::Seconds step_;
    std::ofstream out_;
};

}  // namespace parkgrid::simulator
