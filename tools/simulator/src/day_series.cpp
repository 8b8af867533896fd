#include "day_series.hpp"

#include <cstdio>
#include <stdexcept>

#include "tariff.hpp"

namespace parkgrid::simulator {

DaySeries::DaySeries(const std::string& path, const Instance& instance, const Site& site,
                     scheduling::Seconds step)
    : path_(path), instance_(instance), site_(site), step_(step), out_(path) {
    if (!out_) {
        throw std::runtime_error("cannot write " + path);
    }
    out_ << "time_s,hour,building_l1,building_l2,building_l3,charging_l1,charging_l2,charging_l3,limit_a,"
            "usable_a,"
            "price_cny_kwh";
    for (std::size_t v = 0; v < instance.vehicles.size(); ++v) {
        out_ << ",v" << v;
    }
    out_ << '\n';
}

void DaySeries::record(scheduling::Seconds now, const std::vector<scheduling::PhaseCurrents>& building,
                       const std::vector<scheduling::PhaseCurrents>& charging,
                       const std::vector<double>& delivered_kwh) {
    if (now % step_ != 0) {
        return;
    }
    const auto& root = site_.circuits[kRootCircuit];
    char text[64];
    std::snprintf(text, sizeof text, "%lld,%.4f", static_cast<long long>(now),
                  static_cast<double>(now) / 3600.0);
    out_ << text;
    for (const auto& phases : {building[kRootCircuit], charging[kRootCircuit]}) {
        for (const double amps : phases) {
            std::snprintf(text, sizeof text, ",%.2f", amps);
            out_ << text;
        }
    }
    std::snprintf(text, sizeof text, ",%.1f,%.1f,%.2f", root.limit_a, root.limit_a - root.margin_a,
                  price_at(now));
    out_ << text;
    for (const double kwh : delivered_kwh) {
        std::snprintf(text, sizeof text, ",%.3f", kwh);
        out_ << text;
    }
    out_ << '\n';
}

std::string DaySeries::vehicles_path(const std::string& path) {
    const auto dot = path.rfind(".csv");
    return (dot == std::string::npos ? path : path.substr(0, dot)) + "-vehicles.csv";
}

void DaySeries::write_vehicles(const RunResult& run) const {
    std::ofstream out(vehicles_path(path_));
    if (!out) {
        throw std::runtime_error("cannot write " + vehicles_path(path_));
    }
    out << "vehicle,charger,arrival_h,departure_h,phases,requested_kwh,delivered_kwh\n";
    char text[160];
    for (std::size_t v = 0; v < instance_.vehicles.size(); ++v) {
        const auto& vehicle = instance_.vehicles[v];
        std::snprintf(text, sizeof text, "%zu,%zu,%.3f,%.3f,%d,%.3f,%.3f\n", v, vehicle.charger,
                      static_cast<double>(vehicle.arrival) / 3600.0,
                      static_cast<double>(vehicle.departure) / 3600.0, effective_phases(instance_, vehicle),
                      vehicle.energy_kwh, run.delivered_kwh[v]);
        out << text;
    }
}

}  // namespace parkgrid::simulator
