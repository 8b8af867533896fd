#pragma once

// The organisation the generated year of charging belongs to, written through the repositories: 10
// institutions with 2 car parks each (a 4-period time-of-use tariff on every site), departments, about 3
// vehicles per charger with an id tag each, and the chargers spread evenly over the sites.

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "parkgrid/storage/database.hpp"

namespace parkgrid::energy_bench {

struct FleetVehicle {
    std::string id_tag;
    double battery_kwh = 0;
};

struct BenchCharger {
    std::string id;
    double rated_power_kw = 0;
    bool dc = false;
    std::vector<FleetVehicle> vehicles;  // the ones that usually charge here (same institution)
};

struct Organisation {
    std::vector<std::int64_t> institution_ids;
    std::vector<BenchCharger> chargers;
};

Organisation generate_organisation(storage::Database& database, std::size_t chargers, std::mt19937_64& rng);

}  // namespace parkgrid::energy_bench
