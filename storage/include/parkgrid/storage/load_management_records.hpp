#pragma once

// Plain records of load management: a site's circuit tree, each charger's electrical settings, building
// load readings and fallback profiles, time-of-use tariff periods, and what a running transaction still
// needs. Vocabularies are carried as their API strings; the API validates them and the schema's CHECK
// constraints refuse anything else.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

// A node of a site's distribution tree: the grid connection (no parent), feeders and boards below.
struct CircuitRecord {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::optional<std::int64_t> parent_id{};  // a circuit of the same site; nullopt for the grid connection
    std::string name{};
    double limit_a = 0;                // per phase
    std::optional<double> limit_kw{};  // all phases together
    std::int32_t phases = 3;           // 1 or 3
    double voltage_v = 230;            // phase-to-neutral
    double margin_a = 0;               // kept free on every phase
    // False for a board that feeds chargers only: its building load is zero rather than unknown.
    bool has_building_load = true;
    Timestamp created_at{};
    Timestamp updated_at{};
};

// How a charger is wired and what it may draw; columns of the charger.
struct ChargerLoadSettings {
    std::string charger_id{};
    std::optional<std::int64_t> site_id{};
    std::optional<std::int64_t> circuit_id{};  // of the charger's site
    std::optional<double> max_current_a{};     // rated current per phase; nullopt: not managed
    double min_current_a = 6;
    std::int32_t phases = 3;              // 1 or 3
    std::string phase_wiring = "L1L2L3";  // the grid phase of each charger phase, e.g. "L2" or "L2L3L1"
    // Set when the charger cannot be relied on to obey limits: "profile_rejected", "profile_not_supported",
    // "profile_call_error", "overdraw"; it is then budgeted at its rated current.
    std::optional<std::string> load_flag{};
    std::optional<std::string> load_flag_detail{};
    std::optional<Timestamp> load_flag_since{};
};

// One reading posted by a meter gateway: the building's own (non-charging) load on a circuit.
struct BuildingLoadReading {
    std::int64_t id = 0;
    std::int64_t site_id = 0;
    std::int64_t circuit_id = 0;  // the API defaults it to the site's grid connection
    Timestamp measured_at{};
    Timestamp received_at{};
    std::optional<std::array<double, 3>> current_a{};  // L1, L2, L3 (a single-phase circuit uses L1)
    std::optional<double> power_kw{};                  // when the gateway reports power only
};

// A page of a site's readings for the API, newest first.
struct BuildingLoadFilter {
    std::int64_t site_id = 0;
    std::optional<std::int64_t> circuit_id{};
    std::optional<Timestamp> from{};  // measured at or after
    std::optional<Timestamp> to{};    // measured before
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// Expected building load on a circuit in one hour of a weekday or weekend day, used when readings are stale.
struct BuildingLoadProfileEntry {
    std::string day_type{};  // "weekday" or "weekend"
    std::int32_t hour = 0;   // 0..23, site-local
    double current_a = 0;    // per phase
};

// A time-of-use period of a site's tariff, repeating daily in the site's time zone. Shared with energy
// reporting, which prices charged energy with it.
struct TariffPeriod {
    std::string kind{};        // "sharp_peak", "peak", "flat", "valley"
    std::string start_time{};  // HH:MM, inclusive
    std::string end_time{};    // HH:MM, exclusive; may wrap past midnight (23:00-07:00)
    double price_per_kwh = 0;  // CNY
};

// What a running transaction still needs, as told through the API.
struct ChargingNeedRecord {
    std::int32_t transaction_id = 0;
    std::optional<double> energy_kwh{};
    std::optional<Timestamp> departure_time{};
    Timestamp updated_at{};
};

}  // namespace parkgrid::storage
