#include "optimum_lp.hpp"

#include <glpk.h>

#include <algorithm>
#include <memory>

#include "tariff.hpp"

namespace parkgrid::simulator {

namespace {

constexpr double kCostWeightPerCny = 1e-4;

struct ProblemDeleter {
    void operator()(glp_prob* problem) const { glp_delete_prob(problem); }
};

// GLPK's sparse matrix, 1-based as it wants it.
class Matrix {
public:
    Matrix() : rows_{0}, cols_{0}, values_{0} {}
    void add(int row, int col, double value) {
        rows_.push_back(row);
        cols_.push_back(col);
        values_.push_back(value);
    }
    void load(glp_prob* problem) {
        glp_load_matrix(problem, static_cast<int>(values_.size()) - 1, rows_.data(), cols_.data(),
                        values_.data());
    }

private:
    std::vector<int> rows_;
    std::vector<int> cols_;
    std::vector<double> values_;
};

struct VehicleColumns {
    std::size_t first_slot = 0;
    std::vector<int> current{};  // x per slot from first_slot
    std::vector<int> energy{};   // e at the start of each of those slots, and one after the last
    double kwh_per_a = 0;
};

}  // namespace

OptimumResult solve_optimum(const Instance& instance, const Site& site, const BuildingTruth& truth) {
    std::unique_ptr<glp_prob, ProblemDeleter> problem(glp_create_prob());
    auto* lp = problem.get();
    glp_set_obj_dir(lp, GLP_MAX);
    const auto slots = static_cast<std::size_t>((instance.span + kOptimumSlot - 1) / kOptimumSlot);
    Matrix matrix;

    // Capacity rows first: one per circuit, phase and slot.
    const std::size_t circuits = site.circuits.size();
    const auto capacity_row = [&](std::size_t c, std::size_t p, std::size_t s) {
        return static_cast<int>(1 + (s * circuits + c) * scheduling::kGridPhases + p);
    };
    glp_add_rows(lp, static_cast<int>(slots * circuits * scheduling::kGridPhases));
    for (std::size_t s = 0; s < slots; ++s) {
        const auto from = static_cast<scheduling::Seconds>(s) * kOptimumSlot;
        const auto to = std::min(from + kOptimumSlot, instance.span);
        for (std::size_t c = 0; c < circuits; ++c) {
            for (std::size_t p = 0; p < scheduling::kGridPhases; ++p) {
                double building = 0;
                for (auto t = from; t < to; ++t) {
                    building += truth.at(c, t)[p];
                }
                building /= static_cast<double>(to - from);
                const auto& circuit = site.circuits[c];
                const double room = std::max(0.0, circuit.limit_a - circuit.margin_a - building);
                glp_set_row_bnds(lp, capacity_row(c, p, s), GLP_UP, 0.0, room);
            }
        }
    }

    std::vector<VehicleColumns> columns(instance.vehicles.size());
    for (std::size_t v = 0; v < instance.vehicles.size(); ++v) {
        const auto& vehicle = instance.vehicles[v];
        const auto& charger = site.chargers[vehicle.charger];
        const auto start = vehicle.arrival + vehicle.authorisation_delay;
        const auto end = std::min(vehicle.departure, instance.span);
        auto& cols = columns[v];
        if (end <= start) {
            continue;
        }
        const int phases = effective_phases(instance, vehicle);
        const auto path = circuit_path(site, charger.connector.circuit);
        const auto loaded = loaded_phases(charger.connector, phases);
        const double voltage = site.circuits[charger.connector.circuit].voltage_v;
        cols.kwh_per_a = energy_kwh(1.0, phases, voltage, static_cast<double>(kOptimumSlot));
        const double rate = std::min(vehicle.max_current_a, charger.connector.max_current_a);
        const bool tapers = vehicle.initial_soc + vehicle.energy_kwh / vehicle.battery_kwh > kTaperStartSoc;
        // Taper as a line in the energy so far: x <= f * (a - b * e).
        const double taper_slope = (1 - kTaperEndShare) / (1 - kTaperStartSoc);
        const double a = vehicle.max_current_a * (1 - taper_slope * (vehicle.initial_soc - kTaperStartSoc));
        const double b = vehicle.max_current_a * taper_slope / vehicle.battery_kwh;

        cols.first_slot = static_cast<std::size_t>(start / kOptimumSlot);
        const auto last_slot = static_cast<std::size_t>((end - 1) / kOptimumSlot);
        const auto count = last_slot - cols.first_slot + 1;
        int first_col = glp_add_cols(lp, static_cast<int>(2 * count + 1));
        for (std::size_t j = 0; j < count; ++j) {
            cols.current.push_back(first_col++);
        }
        for (std::size_t j = 0; j <= count; ++j) {
            cols.energy.push_back(first_col++);
        }
        glp_set_col_bnds(lp, cols.energy[0], GLP_FX, 0.0, 0.0);
        for (std::size_t j = 1; j <= count; ++j) {
            glp_set_col_bnds(lp, cols.energy[j], GLP_DB, 0.0, vehicle.energy_kwh);
        }
        int row = glp_add_rows(lp, static_cast<int>(tapers ? 2 * count : count));
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t s = cols.first_slot + j;
            const auto from = std::max(start, static_cast<scheduling::Seconds>(s) * kOptimumSlot);
            const auto to = std::min(end, static_cast<scheduling::Seconds>(s + 1) * kOptimumSlot);
            const double plugged = static_cast<double>(to - from) / static_cast<double>(kOptimumSlot);
            const int x = cols.current[j];
            glp_set_col_bnds(lp, x, GLP_DB, 0.0, plugged * rate);
            glp_set_obj_coef(
                lp, x,
                cols.kwh_per_a *
                    (1 - kCostWeightPerCny * price_at(static_cast<scheduling::Seconds>(s) * kOptimumSlot)));
            for (const auto c : path) {
                for (const int p : loaded) {
                    matrix.add(capacity_row(c, static_cast<std::size_t>(p), s), x, 1.0);
                }
            }
            // Energy balance: e[j+1] - e[j] - k x[j] = 0.
            glp_set_row_bnds(lp, row, GLP_FX, 0.0, 0.0);
            matrix.add(row, cols.energy[j + 1], 1.0);
            matrix.add(row, cols.energy[j], -1.0);
            matrix.add(row, x, -cols.kwh_per_a);
            ++row;
            if (tapers) {
                glp_set_row_bnds(lp, row, GLP_UP, 0.0, plugged * a);
                matrix.add(row, x, 1.0);
                matrix.add(row, cols.energy[j], plugged * b);
                ++row;
            }
        }
    }
    matrix.load(lp);

    OptimumResult result;
    result.variables = glp_get_num_cols(lp);
    result.constraints = glp_get_num_rows(lp);
    glp_smcp parameters;
    glp_init_smcp(&parameters);
    parameters.msg_lev = GLP_MSG_OFF;
    parameters.presolve = GLP_ON;
    const int error = glp_simplex(lp, &parameters);
    const int status = glp_get_status(lp);
    if (error != 0 || status != GLP_OPT) {
        result.status = "glp_simplex error " + std::to_string(error) + ", status " + std::to_string(status);
        return result;
    }
    result.solved = true;
    result.delivered_kwh.assign(instance.vehicles.size(), 0.0);
    for (std::size_t v = 0; v < columns.size(); ++v) {
        const auto& cols = columns[v];
        if (cols.current.empty()) {
            continue;
        }
        result.delivered_kwh[v] = glp_get_col_prim(lp, cols.energy.back());
        for (std::size_t j = 0; j < cols.current.size(); ++j) {
            const auto s = static_cast<scheduling::Seconds>(cols.first_slot + j);
            result.cost_cny +=
                cols.kwh_per_a * glp_get_col_prim(lp, cols.current[j]) * price_at(s * kOptimumSlot);
        }
    }
    return result;
}

}  // namespace parkgrid::simulator
