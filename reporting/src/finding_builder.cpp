#include "finding_builder.hpp"

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <utility>

namespace parkgrid::reporting {

std::string_view to_string(Severity severity) {
    switch (severity) {
        case Severity::Info: return "info";
        case Severity::Warning: return "warning";
        case Severity::Error: return "error";
    }
    return "warning";
}

}  // namespace parkgrid::reporting

namespace parkgrid::reporting::quality {

void FindingKey::add_name(std::string_view name) {
    if (!text_.empty()) {
        text_ += ':';
    }
    text_ += name;
    text_ += ':';
}

FindingKey& FindingKey::add(std::string_view name, std::int64_t value) {
    add_name(name);
    text_ += std::to_string(value);
    return *this;
}

FindingKey& FindingKey::add(std::string_view name, std::string_view value) {
    add_name(name);
    for (const char c : value) {
        if (c == '%') {
            text_ += "%25";
        } else if (c == ':') {
            text_ += "%3A";
        } else {
            text_ += c;
        }
    }
    return *this;
}

Finding make_finding(std::string_view kind, Severity severity, FindingSubject subject,
                     const FindingKey& identity, std::string message, nlohmann::json evidence) {
    Finding finding;
    finding.kind = std::string(kind);
    finding.severity = severity;
    finding.message = std::move(message);
    finding.evidence = std::move(evidence);
    finding.subject = std::move(subject);
    finding.key = finding.kind + ':' + identity.text();
    return finding;
}

FindingSubject transaction_subject(std::int32_t transaction_id, const std::string& charger_id,
                                   std::int32_t connector_id) {
    FindingSubject subject;
    subject.transaction_id = transaction_id;
    if (!charger_id.empty()) {
        subject.charger_id = charger_id;
    }
    subject.connector_id = connector_id;
    return subject;
}

std::string capitalised(std::string text) {
    if (!text.empty()) {
        text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    }
    return text;
}

std::string format_number(double value, int decimals) {
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(decimals);
    out << value;
    return out.str();
}

double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string format_duration(std::int64_t ms) {
    if (ms < 0) {
        return '-' + format_duration(-ms);
    }
    const std::int64_t seconds = ms / 1000;
    const std::int64_t hours = seconds / 3600;
    const std::int64_t minutes = seconds % 3600 / 60;
    if (hours > 0) {
        return std::to_string(hours) + " h " + std::to_string(minutes) + " min";
    }
    if (minutes > 0) {
        return std::to_string(minutes) + " min " + std::to_string(seconds % 60) + " s";
    }
    return std::to_string(seconds) + " s";
}

std::string format_instant(Millis at) {
    using namespace std::chrono;
    const sys_time<milliseconds> instant{milliseconds{at}};
    const auto day = floor<days>(instant);
    const year_month_day date{day};
    const hh_mm_ss time{floor<seconds>(instant - day)};
    char text[32];
    std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                  static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                  static_cast<int>(time.seconds().count()));
    return text;
}

double quantile_of_sorted(const std::vector<double>& sorted, double share) {
    const double position = share * static_cast<double>(sorted.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(position));
    if (below + 1 >= sorted.size()) {
        return sorted.back();
    }
    const double fraction = position - static_cast<double>(below);
    return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
}

}  // namespace parkgrid::reporting::quality
