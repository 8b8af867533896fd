// Checks of an institution's figures for a period: [9] change against the previous period, [10] the fleet's
// consumption per 100 km and plug-in hybrids never charged.

#include <algorithm>
#include <cctype>
#include <cmath>

#include "finding_builder.hpp"

namespace parkgrid::reporting {
namespace {

using quality::FindingKey;
using quality::format_number;

// [10] Tukey's fences: this many inter-quartile ranges beyond the quartiles is far from the rest.
constexpr double kFenceIqrs = 1.5;
// [10] Below this many figures the quartiles say nothing about "the rest of the fleet".
constexpr std::size_t kMinVehiclesForFences = 4;

FindingSubject period_subject(std::int64_t institution_id, const std::string& period) {
    FindingSubject subject;
    subject.institution_id = institution_id;
    subject.period = period;
    return subject;
}

bool is_plug_in_hybrid(const std::string& kind) {
    std::string upper = kind;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return upper == "PHEV";
}

struct PeriodFigure {
    std::string_view name;   // in keys and evidence
    std::string_view label;  // in messages
    std::string_view unit;
    std::int64_t previous = 0;
    std::int64_t current = 0;
};

struct Consumption {
    const VehiclePeriod* vehicle = nullptr;
    double kwh_per_100km = 0;
};

}  // namespace

std::vector<Finding> check_period_change(std::int64_t institution_id, const PeriodFigures& previous,
                                         const PeriodFigures& current, const QualityLimits& limits) {
    const PeriodFigure figures[] = {
        {"energy", "The energy charged", " Wh", previous.wh, current.wh},
        {"vehicles", "The number of vehicles in service", "", previous.vehicles, current.vehicles},
        {"chargers", "The number of chargers", "", previous.chargers, current.chargers},
    };
    std::vector<Finding> findings;
    for (const auto& figure : figures) {
        // Without a previous figure there is no share to change by (a new institution, a first period).
        if (figure.previous <= 0) {
            continue;
        }
        const double change =
            static_cast<double>(figure.current - figure.previous) / static_cast<double>(figure.previous);
        if (std::abs(change) <= limits.period_change_share) {
            continue;
        }
        std::string message =
            std::string(figure.label) + " of institution " + std::to_string(institution_id) + " in " +
            current.period + " was " + std::to_string(figure.current) + std::string(figure.unit) + ", " +
            format_number(std::abs(change) * 100, 1) + "% " + (change > 0 ? "more" : "less") + " than the " +
            std::to_string(figure.previous) + std::string(figure.unit) + " of " + previous.period + ".";
        findings.push_back(quality::make_finding(finding::kPeriodChange, Severity::Warning,
                                                 period_subject(institution_id, current.period),
                                                 FindingKey()
                                                     .add("institution", institution_id)
                                                     .add("period", current.period)
                                                     .add("figure", figure.name),
                                                 std::move(message),
                                                 {{"figure", figure.name},
                                                  {"period", current.period},
                                                  {"previousPeriod", previous.period},
                                                  {"previous", figure.previous},
                                                  {"current", figure.current},
                                                  {"changeShare", quality::rounded(change, 6)},
                                                  {"limitShare", limits.period_change_share}}));
    }
    return findings;
}

std::vector<Finding> check_fleet_consumption(std::int64_t institution_id, const std::string& period,
                                             const std::vector<VehiclePeriod>& vehicles,
                                             const QualityLimits& limits) {
    std::vector<Consumption> consumptions;
    for (const auto& vehicle : vehicles) {
        if (vehicle.distance_km && *vehicle.distance_km > 0 && vehicle.charged_wh > 0) {
            // kWh / km x 100 = Wh / (10 km), in one division so that round figures stay exact.
            consumptions.push_back(
                {&vehicle, static_cast<double>(vehicle.charged_wh) / (10 * *vehicle.distance_km)});
        }
    }
    std::optional<std::pair<double, double>> fences;
    nlohmann::json fence_evidence = nullptr;
    if (consumptions.size() >= kMinVehiclesForFences) {
        std::vector<double> sorted;
        for (const auto& consumption : consumptions) {
            sorted.push_back(consumption.kwh_per_100km);
        }
        std::sort(sorted.begin(), sorted.end());
        const double q1 = quality::quantile_of_sorted(sorted, 0.25);
        const double q3 = quality::quantile_of_sorted(sorted, 0.75);
        fences = {q1 - kFenceIqrs * (q3 - q1), q3 + kFenceIqrs * (q3 - q1)};
        fence_evidence = {{"q1", quality::rounded(q1)},
                          {"q3", quality::rounded(q3)},
                          {"lower", quality::rounded(fences->first)},
                          {"upper", quality::rounded(fences->second)}};
    }

    std::vector<Finding> findings;
    for (const auto& [vehicle, rate] : consumptions) {
        const bool outside_range = rate < limits.min_kwh_per_100km || rate > limits.max_kwh_per_100km;
        const bool outside_fences = fences && (rate < fences->first || rate > fences->second);
        if (!outside_range && !outside_fences) {
            continue;
        }
        // One finding per vehicle, whichever rules it breaks.
        std::string message = "Vehicle " + std::to_string(vehicle->vehicle_id) + " used " +
                              format_number(rate, 1) + " kWh/100 km in " + period + ", ";
        if (outside_range) {
            message += "outside the plausible " + format_number(limits.min_kwh_per_100km, 0) + "-" +
                       format_number(limits.max_kwh_per_100km, 0) + " kWh/100 km" +
                       (outside_fences ? " and far from the rest of the fleet." : ".");
        } else {
            message += "far from the rest of the fleet (" + format_number(fences->first, 1) + "-" +
                       format_number(fences->second, 1) + " kWh/100 km).";
        }
        FindingSubject subject = period_subject(institution_id, period);
        subject.vehicle_id = vehicle->vehicle_id;
        findings.push_back(quality::make_finding(finding::kConsumptionOutlier, Severity::Warning,
                                                 std::move(subject),
                                                 FindingKey()
                                                     .add("institution", institution_id)
                                                     .add("vehicle", vehicle->vehicle_id)
                                                     .add("period", period),
                                                 std::move(message),
                                                 {{"kwhPer100km", quality::rounded(rate)},
                                                  {"chargedWh", vehicle->charged_wh},
                                                  {"distanceKm", *vehicle->distance_km},
                                                  {"outsideRange", outside_range},
                                                  {"outsideFleet", outside_fences},
                                                  {"minKwhPer100km", limits.min_kwh_per_100km},
                                                  {"maxKwhPer100km", limits.max_kwh_per_100km},
                                                  {"fences", fence_evidence}}));
    }

    for (const auto& vehicle : vehicles) {
        if (!is_plug_in_hybrid(vehicle.kind) || vehicle.sessions != 0) {
            continue;
        }
        FindingSubject subject = period_subject(institution_id, period);
        subject.vehicle_id = vehicle.vehicle_id;
        findings.push_back(quality::make_finding(
            finding::kPhevNotCharged, Severity::Warning, std::move(subject),
            FindingKey()
                .add("institution", institution_id)
                .add("vehicle", vehicle.vehicle_id)
                .add("period", period),
            "Plug-in hybrid vehicle " + std::to_string(vehicle.vehicle_id) + " was never charged in " +
                period + ".",
            {{"kind", vehicle.kind}, {"sessions", vehicle.sessions}, {"chargedWh", vehicle.charged_wh}}));
    }
    return findings;
}

}  // namespace parkgrid::reporting
