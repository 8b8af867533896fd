#include "simulation.hpp"

#include <algorithm>
#include <deque>
#include <limits>

#include "tariff.hpp"

namespace parkgrid::simulator {

namespace {

constexpr scheduling::Seconds kGatewayPeriod = 5;
constexpr scheduling::Seconds kMeterPeriod = 30;
constexpr double kUnlimited = std::numeric_limits<double>::infinity();
// Under this, a second is not over the limit: floating sums of many currents.
constexpr double kOverloadTolerance = 1e-6;

struct ChargerState {
    std::optional<std::size_t> vehicle{};
    scheduling::Seconds start = 0;  // of the transaction
    bool transaction = false;
    double applied_a = kUnlimited;                                 // the limit the charger enforces now
    std::deque<std::pair<scheduling::Seconds, double>> pending{};  // limits on their way, by when they apply
    double draw_a = 0;                                             // per loaded phase, this second
    int phases = 0;                                                // the vehicle's on this charger
    std::vector<int> grid_phases{};                                // the grid phases it loads
};

class Simulation {
public:
    Simulation(const RunSetup& setup, Policy& policy, SeriesSink* sink)
        : setup_(setup),
          instance_(*setup.instance),
          site_(*setup.site),
          policy_(policy),
          sink_(sink),
          chargers_(site_.chargers.size()),
          building_(site_.circuits.size()),
          charging_(site_.circuits.size()) {
        result_.policy = policy.name();
        result_.delivered_kwh.assign(instance_.vehicles.size(), 0.0);
        view_.connectors.resize(site_.chargers.size());
        view_.building.resize(site_.circuits.size());
        for (const auto& charger : site_.chargers) {
            paths_.push_back(circuit_path(site_, charger.connector.circuit));
        }
    }

    RunResult run() {
        for (scheduling::Seconds now = instance_.start; now < instance_.span; ++now) {
            view_.now = now;
            view_.event = false;
            for (auto& connector : view_.connectors) {
                connector.meter_reading_now = false;
            }
            update_statuses(now);
            read_meters(now);
            sends_.clear();
            policy_.step(view_, sends_);
            deliver(now);
            physics(now);
        }
        result_.flagged = policy_.flagged();
        return std::move(result_);
    }

private:
    void set_status(std::size_t charger, ConnectorStatus status, scheduling::Seconds now) {
        view_.connectors[charger].status = status;
        view_.connectors[charger].status_since = now;
        view_.event = true;
    }

    void update_statuses(scheduling::Seconds now) {
        for (std::size_t i = 0; i < chargers_.size(); ++i) {
            auto& state = chargers_[i];
            if (state.vehicle && instance_.vehicles[*state.vehicle].departure == now) {
                state = ChargerState{};
                view_.connectors[i] = ConnectorView{};
                set_status(i, ConnectorStatus::Available, now);
            }
        }
        while (next_arrival_ < instance_.vehicles.size() &&
               instance_.vehicles[next_arrival_].arrival <= now) {
            const auto& vehicle = instance_.vehicles[next_arrival_];
            auto& state = chargers_[vehicle.charger];
            state = ChargerState{};
            state.vehicle = next_arrival_;
            set_status(vehicle.charger, ConnectorStatus::Preparing, now);
            ++next_arrival_;
        }
        for (std::size_t i = 0; i < chargers_.size(); ++i) {
            auto& state = chargers_[i];
            if (!state.vehicle || state.transaction) {
                continue;
            }
            const auto& vehicle = instance_.vehicles[*state.vehicle];
            if (vehicle.arrival + vehicle.authorisation_delay == now) {
                state.transaction = true;
                state.start = now;
                state.phases = effective_phases(instance_, vehicle);
                state.grid_phases = loaded_phases(site_.chargers[i].connector, state.phases);
                // The TxDefaultProfile installed at boot governs until a TxProfile arrives.
                state.applied_a = policy_.manages_chargers() ? setup_.failsafe[i] : kUnlimited;
                auto& view = view_.connectors[i];
                view.requested_kwh = vehicle.energy_kwh;
                view.departure = vehicle.departure;
                view.priority = vehicle.priority;
                set_status(i, ConnectorStatus::Charging, now);
            }
        }
        if (now % kGatewayPeriod == 0) {
            for (std::size_t c = 0; c < site_.circuits.size(); ++c) {
                view_.building[c] = setup_.truth->at(c, now);
            }
            view_.event = true;
        }
    }

    void read_meters(scheduling::Seconds now) {
        for (std::size_t i = 0; i < chargers_.size(); ++i) {
            const auto& state = chargers_[i];
            if (!state.transaction || now == state.start ||
                (now - site_.chargers[i].meter_offset_s) % kMeterPeriod != 0) {
                continue;
            }
            auto& view = view_.connectors[i];
            // The meter shows last second's draw and the register so far.
            view.measured_a = state.draw_a;
            view.measured_at = now;
            view.metered_kwh = result_.delivered_kwh[*state.vehicle];
            if (state.draw_a > 0) {
                view.vehicle_phases = state.phases;
            }
            view.meter_reading_now = true;
            view_.event = true;
        }
    }

    void deliver(scheduling::Seconds now) {
        for (const auto& send : sends_) {
            ++result_.messages;
            auto& state = chargers_[send.connector];
            // A charger refuses a TxProfile without a transaction; the message still went out.
            if (state.transaction) {
                state.pending.emplace_back(now + site_.chargers[send.connector].lag_s, send.limit_a);
            }
        }
    }

    void physics(scheduling::Seconds now) {
        for (std::size_t c = 0; c < site_.circuits.size(); ++c) {
            building_[c] = setup_.truth->at(c, now);
            charging_[c] = {};
        }
        const double price = price_at(now);
        for (std::size_t i = 0; i < chargers_.size(); ++i) {
            auto& state = chargers_[i];
            while (!state.pending.empty() && state.pending.front().first <= now) {
                state.applied_a = state.pending.front().second;
                state.pending.pop_front();
            }
            state.draw_a = 0;
            if (!state.transaction) {
                continue;
            }
            const auto& model = site_.chargers[i];
            const auto& vehicle = instance_.vehicles[*state.vehicle];
            auto& delivered = result_.delivered_kwh[*state.vehicle];
            const bool obeys = policy_.manages_chargers() && !model.ignores_limits;
            state.draw_a = std::min({vehicle_max_current(vehicle, delivered), model.connector.max_current_a,
                                     obeys ? state.applied_a : kUnlimited});
            const int phases = state.phases;
            const double kwh =
                energy_kwh(state.draw_a, phases, site_.circuits[model.connector.circuit].voltage_v, 1.0);
            delivered += kwh;
            result_.cost_cny += kwh * price;
            for (const int phase : state.grid_phases) {
                for (const auto c : paths_[i]) {
                    charging_[c][static_cast<std::size_t>(phase)] += state.draw_a;
                }
            }
        }
        check_limits(now);
        if (sink_) {
            sink_->record(now, building_, charging_, result_.delivered_kwh);
        }
    }

    void check_limits(scheduling::Seconds now) {
        bool over = false;
        OverloadEpisode worst;
        double worst_excess = 0;
        for (std::size_t c = 0; c < site_.circuits.size(); ++c) {
            const double limit = site_.circuits[c].limit_a;
            for (std::size_t p = 0; p < scheduling::kGridPhases; ++p) {
                const double load = building_[c][p] + charging_[c][p];
                if (c == kRootCircuit) {
                    result_.root_peak_a[p] = std::max(result_.root_peak_a[p], load);
                }
                const double excess = load - limit;
                if (excess > kOverloadTolerance) {
                    over = true;
                    result_.ampere_seconds_over_limit += excess;
                    if (excess > worst_excess) {
                        worst_excess = excess;
                        worst.circuit = c;
                        worst.phase = static_cast<int>(p);
                        worst.worst_load_a = load;
                        worst.limit_a = limit;
                    }
                }
            }
        }
        if (!over) {
            return;
        }
        ++result_.seconds_over_limit;
        auto& episodes = result_.overloads;
        if (!episodes.empty() && episodes.back().end == now) {
            auto& episode = episodes.back();
            episode.end = now + 1;
            if (worst.worst_load_a - worst.limit_a > episode.worst_load_a - episode.limit_a) {
                worst.start = episode.start;
                worst.end = episode.end;
                episode = worst;
            }
        } else {
            worst.start = now;
            worst.end = now + 1;
            episodes.push_back(worst);
        }
    }

    const RunSetup& setup_;
    const Instance& instance_;
    const Site& site_;
    Policy& policy_;
    SeriesSink* sink_;
    std::vector<ChargerState> chargers_;
    std::vector<std::vector<std::size_t>> paths_;
    std::vector<scheduling::PhaseCurrents> building_;
    std::vector<scheduling::PhaseCurrents> charging_;
    ServerView view_;
    std::vector<LimitSend> sends_;
    std::size_t next_arrival_ = 0;
    RunResult result_;
};

}  // namespace

RunResult simulate(const RunSetup& setup, Policy& policy, SeriesSink* sink) {
    return Simulation(setup, policy, sink).run();
}

}  // namespace parkgrid::simulator
