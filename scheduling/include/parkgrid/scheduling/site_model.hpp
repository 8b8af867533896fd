#pragma once

// What the scheduler knows about one site at one instant: its circuit tree, its connectors with their
// sessions, the building's own load and the price of energy. Plain values, no I/O: the server fills them
// from storage and live charger data, the simulator from its model, the benchmark from a generator.

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace parkgrid::scheduling {

// Unix seconds; the simulator's clock or the wall clock.
using Seconds = std::int64_t;

inline constexpr std::size_t kGridPhases = 3;
// A current on each grid phase L1, L2, L3, in amperes.
using PhaseCurrents = std::array<double, kGridPhases>;

// A node of the site's distribution tree: the grid connection at the root, feeders and sub-distribution
// boards below. Every connector hangs off one circuit.
struct Circuit {
    std::int64_t id = 0;
    std::optional<std::size_t> parent{};  // index into SiteState::circuits; nullopt for the grid connection
    double limit_a = 0;                   // per phase
    std::optional<double> limit_kw{};     // on all phases together, if the supply contract caps power too
    int phases = 3;                       // 1: only L1 exists
    double voltage_v = 230;               // phase-to-neutral
    double margin_a = 0;                  // kept free on every phase: limit_a - margin_a is what may be used
};

// A vehicle's charging session on a connector (a running transaction).
struct Session {
    // Energy the vehicle still needs; infinity when nobody told ParkGrid (it then charges as much as the
    // plan allows until it leaves).
    double energy_needed_kwh = std::numeric_limits<double>::infinity();
    Seconds departure = 0;   // when the vehicle is expected to leave
    int priority = 5;        // 0..10; a higher class is served before any lower one
    Seconds started_at = 0;  // the transaction's start: the first limit after it is never held back
    // Phases the vehicle actually loads (1..3); 0 while unknown, which counts as all the charger's phases.
    int vehicle_phases = 0;
    // Highest phase current of the latest meter reading taken under the current limit (after it took
    // effect), if the charger reports Current.Import.
    std::optional<double> measured_a{};
    // What the vehicle drew when its limit allowed more (its on-board charger's or its battery's own
    // limit), kept while it is paused; see ConnectorTracker.
    std::optional<double> vehicle_max_a{};
};

// How the scheduler must count a connector.
enum class ConnectorMode : std::uint8_t {
    Controlled,    // obeys the limits ParkGrid sends
    Uncontrolled,  // refused profiles, draws more than its limit, or is offline mid-transaction: counted at
                   // its rated current on all its phases, never given a limit
};

struct Connector {
    std::string charger_id{};
    int connector_id = 1;
    std::size_t circuit = 0;  // index into SiteState::circuits
    double max_current_a = 32;
    double min_current_a = 6;  // IEC 61851: a limit is 0 or at least this
    int phases = 3;            // of the charger
    // The grid phase (0 = L1) each charger phase is wired to; single-phase chargers are spread this way.
    std::array<int, kGridPhases> wiring{0, 1, 2};
    ConnectorMode mode = ConnectorMode::Controlled;
    // Without a session, the current the connector may draw before ParkGrid reacts (its failsafe
    // TxDefaultProfile share, when a vehicle is plugged in or the charger is offline); counted on all its
    // phases. Zero for an idle connector nobody is plugged into.
    double idle_budget_a = 0;
    std::optional<Session> session{};
    // The limit the charger currently has (what ParkGrid sent last, or the failsafe TxDefaultProfile value
    // at the start of a transaction) and since when; the stability rules compare against it. Unknown counts
    // as the rated current.
    std::optional<double> current_limit_a{};
    Seconds current_limit_since = 0;
    // The limit before that. A charger takes seconds to lower its draw, so for a while after a decrease
    // the connector still counts at this value: freed current is handed to others only once it is free.
    std::optional<double> previous_limit_a{};
    // Limit changes sent in the last hour; see ConnectorTracker.
    int changes_last_hour = 0;
};

// Building (non-charging) load on a circuit at some instant; nullopt when unknown.
using BuildingLoadAt = std::function<std::optional<PhaseCurrents>(std::size_t circuit, Seconds at)>;
// Price of one kWh at some instant.
using PriceAt = std::function<double(Seconds at)>;

struct SiteState {
    Seconds now = 0;
    std::vector<Circuit> circuits{};
    std::vector<Connector> connectors{};
    // Live building load per circuit (index as circuits); nullopt when there is neither a recent reading nor
    // a fallback profile: the circuit's whole usable capacity then counts as taken.
    std::vector<std::optional<PhaseCurrents>> building_load{};
    // Expected building load for later slots (the fallback profile); null, or nullopt for a slot, means the
    // live value persists.
    BuildingLoadAt building_load_forecast{};
    // Null means one flat price: nothing to shift for.
    PriceAt price_per_kwh{};
};

}  // namespace parkgrid::scheduling
