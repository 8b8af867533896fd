#include "trace.hpp"

#include <algorithm>
#include <charconv>
#include <iomanip>
#include <istream>
#include <ostream>
#include <sstream>

namespace parkgrid::simulator {

namespace {

constexpr double kDefaultTargetSoc = 0.9;

std::vector<std::string> split(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream stream(line);
    std::string field;
    while (std::getline(stream, field, ',')) {
        const auto first = field.find_first_not_of(" \t\r");
        const auto last = field.find_last_not_of(" \t\r");
        fields.push_back(first == std::string::npos ? "" : field.substr(first, last - first + 1));
    }
    return fields;
}

double number(const std::string& field, int line_number, const char* what) {
    double value = 0;
    const auto* end = field.data() + field.size();
    const auto [ptr, error] = std::from_chars(field.data(), end, value);
    if (error != std::errc{} || ptr != end) {
        throw TraceError("trace line " + std::to_string(line_number) + ": " + what + " is not a number: '" +
                         field + "'");
    }
    return value;
}

}  // namespace

std::vector<Vehicle> read_trace(std::istream& in, std::size_t chargers) {
    std::vector<Vehicle> vehicles;
    std::string line;
    int line_number = 0;
    bool header_seen = false;
    while (std::getline(in, line)) {
        ++line_number;
        if (line.empty() || line[0] == '#' || line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        if (!header_seen) {
            header_seen = true;  // column names are documented, not interpreted
            continue;
        }
        const auto fields = split(line);
        if (fields.size() != 8 && fields.size() != 9) {
            throw TraceError("trace line " + std::to_string(line_number) + ": expected 8 or 9 fields, got " +
                             std::to_string(fields.size()));
        }
        const auto fail = [&](const std::string& why) {
            throw TraceError("trace line " + std::to_string(line_number) + ": " + why);
        };
        Vehicle v;
        v.arrival = static_cast<scheduling::Seconds>(number(fields[0], line_number, "arrival"));
        v.departure = static_cast<scheduling::Seconds>(number(fields[1], line_number, "departure"));
        v.energy_kwh = number(fields[2], line_number, "energy_kwh");
        v.battery_kwh = number(fields[3], line_number, "battery_kwh");
        v.phases = static_cast<int>(number(fields[4], line_number, "phases"));
        v.max_current_a = number(fields[5], line_number, "max_current_a");
        v.priority = static_cast<int>(number(fields[6], line_number, "priority"));
        const double charger = number(fields[7], line_number, "charger");
        if (v.arrival < 0 || v.departure <= v.arrival) {
            fail("needs 0 <= arrival < departure");
        }
        if (v.battery_kwh <= 0 || v.energy_kwh < 0) {
            fail("needs battery_kwh > 0 and energy_kwh >= 0");
        }
        if (v.phases != 1 && v.phases != 3) {
            fail("phases must be 1 or 3");
        }
        if (v.max_current_a < 6 || v.max_current_a > 63) {
            fail("max_current_a must be within 6..63");
        }
        if (v.priority < 0 || v.priority > 10) {
            fail("priority must be within 0..10");
        }
        if (charger < 0 || charger >= static_cast<double>(chargers) ||
            charger != static_cast<double>(static_cast<std::size_t>(charger))) {
            fail("charger must be an index below --chargers (" + std::to_string(chargers) + ")");
        }
        v.charger = static_cast<std::size_t>(charger);
        if (fields.size() == 9) {
            v.initial_soc = number(fields[8], line_number, "initial_soc");
            if (v.initial_soc < 0 || v.initial_soc >= 1) {
                fail("initial_soc must be within [0, 1)");
            }
        } else {
            const double share = v.energy_kwh / v.battery_kwh;
            v.initial_soc =
                share <= kDefaultTargetSoc ? kDefaultTargetSoc - share : std::max(0.0, 1.0 - share);
        }
        // Nobody can put more into a battery than it holds.
        v.energy_kwh = std::min(v.energy_kwh, (1.0 - v.initial_soc) * v.battery_kwh);
        vehicles.push_back(v);
    }
    std::stable_sort(vehicles.begin(), vehicles.end(),
                     [](const Vehicle& a, const Vehicle& b) { return a.arrival < b.arrival; });
    std::vector<scheduling::Seconds> free_from(chargers, 0);
    for (const auto& v : vehicles) {
        if (v.arrival < free_from[v.charger]) {
            throw TraceError("trace: charger " + std::to_string(v.charger) + " has two vehicles at second " +
                             std::to_string(v.arrival));
        }
        free_from[v.charger] = v.departure;
    }
    return vehicles;
}

void write_trace(std::ostream& out, const std::vector<Vehicle>& vehicles) {
    out << "arrival,departure,energy_kwh,battery_kwh,phases,max_current_a,priority,charger,initial_soc\n";
    out << std::fixed;
    for (const auto& v : vehicles) {
        out << v.arrival << ',' << v.departure << ',' << std::setprecision(3) << v.energy_kwh << ','
            << std::setprecision(1) << v.battery_kwh << ',' << v.phases << ',' << v.max_current_a << ','
            << v.priority << ',' << v.charger << ',' << std::setprecision(4) << v.initial_soc << '\n';
    }
}

}  // namespace parkgrid::simulator
