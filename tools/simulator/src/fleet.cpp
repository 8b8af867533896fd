#include "fleet.hpp"

#include <algorithm>
#include <cmath>
#include <random>

namespace parkgrid::simulator {

namespace {

constexpr scheduling::Seconds kDay = 24 * 3600;

scheduling::Seconds clock(double hours) {
    return static_cast<scheduling::Seconds>(hours * 3600);
}

class FleetGenerator {
public:
    explicit FleetGenerator(std::uint64_t seed) : rng_(seed ^ 0xF1EE'7000'0000'0002ULL) {}

    Vehicle vehicle(std::size_t charger, scheduling::Seconds arrival, scheduling::Seconds departure) {
        Vehicle v;
        v.charger = charger;
        v.arrival = arrival;
        v.departure = departure;
        v.phases = chance(0.55) ? 1 : 3;
        // Most single-phase cars take 32 A, some older ones 16 A; three-phase ones mostly 16 A.
        v.max_current_a = v.phases == 1 ? (chance(0.8) ? 32 : 16) : (chance(0.75) ? 16 : 32);
        v.battery_kwh = std::round(uniform(40, 80));
        v.initial_soc = uniform(0.15, 0.7);
        const double target = uniform(0.8, 1.0);
        v.energy_kwh = std::max(1.0, (target - v.initial_soc) * v.battery_kwh);
        // Duty cars (the director's, the on-call ambulance) outrank the pool.
        v.priority = chance(0.1) ? 8 : 5;
        v.authorisation_delay = authorisation_delay();
        return v;
    }

    scheduling::Seconds at(scheduling::Seconds day_start, double from_hours, double to_hours) {
        return day_start + clock(uniform(from_hours, to_hours));
    }

    bool chance(double p) { return std::bernoulli_distribution(p)(rng_); }
    double uniform(double from, double to) { return std::uniform_real_distribution<double>(from, to)(rng_); }
    scheduling::Seconds authorisation_delay() { return std::uniform_int_distribution<int>(5, 30)(rng_); }

private:
    std::mt19937_64 rng_;
};

}  // namespace

std::vector<Vehicle> generate_fleet(const Site& site, int days, std::uint64_t seed) {
    FleetGenerator generator(seed);
    std::vector<Vehicle> vehicles;
    for (std::size_t charger = 0; charger < site.chargers.size(); ++charger) {
        scheduling::Seconds free_from = 0;  // the previous vehicle on this charger has left
        for (int day = 0; day < days; ++day) {
            const scheduling::Seconds start = day * kDay;
            const bool weekday = day % 7 < 5;
            if (weekday && generator.chance(0.85)) {
                auto arrival = generator.at(start, 7.5, 9.5);
                if (arrival < free_from + 300) {
                    arrival = free_from + 300 + static_cast<scheduling::Seconds>(generator.uniform(0, 1500));
                }
                const auto departure = generator.at(start, 16.5, 19.0);
                vehicles.push_back(generator.vehicle(charger, arrival, departure));
                free_from = departure;
            }
            if (generator.chance(0.5)) {
                auto arrival = generator.at(start, 17.0, 21.0);
                if (arrival < free_from + 600) {
                    arrival = free_from + 600 + static_cast<scheduling::Seconds>(generator.uniform(0, 1800));
                }
                const auto departure = generator.at(start + kDay, 6.5, 8.5);
                vehicles.push_back(generator.vehicle(charger, arrival, departure));
                free_from = departure;
            }
        }
    }
    std::stable_sort(vehicles.begin(), vehicles.end(),
                     [](const Vehicle& a, const Vehicle& b) { return a.arrival < b.arrival; });
    return vehicles;
}

void assign_authorisation_delays(std::vector<Vehicle>& vehicles, std::uint64_t seed) {
    FleetGenerator generator(seed);
    for (auto& vehicle : vehicles) {
        vehicle.authorisation_delay = generator.authorisation_delay();
    }
}

}  // namespace parkgrid::simulator
