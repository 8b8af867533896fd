#include "metrics_exposition.hpp"

#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>

namespace parkgrid::server {
namespace {

std::string number(double value) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

class Exposition {
public:
    // HELP and TYPE once per metric family, before its samples.
    void family(std::string_view name, std::string_view type, std::string_view help) {
        text_ += "# HELP ";
        text_ += name;
        text_ += ' ';
        text_ += help;
        text_ += "\n# TYPE ";
        text_ += name;
        text_ += ' ';
        text_ += type;
        text_ += '\n';
    }

    // `labels` is empty or `key="value",...` (values here are action names and fixed words: nothing to
    // escape).
    void sample(std::string_view name, std::string_view labels, double value) {
        text_ += name;
        if (!labels.empty()) {
            text_ += '{';
            text_ += labels;
            text_ += '}';
        }
        text_ += ' ';
        text_ += number(value);
        text_ += '\n';
    }

    void histogram(std::string_view name, std::string_view labels, const Histogram& histogram) {
        const auto snapshot = histogram.snapshot();
        const std::string bucket = std::string(name) + "_bucket";
        const std::string prefix = labels.empty() ? std::string() : std::string(labels) + ",";
        for (std::size_t i = 0; i < snapshot.upper_bounds.size(); ++i) {
            sample(bucket, prefix + "le=\"" + number(snapshot.upper_bounds[i]) + "\"",
                   static_cast<double>(snapshot.cumulative_counts[i]));
        }
        const auto count = static_cast<double>(snapshot.cumulative_counts.back());
        sample(bucket, prefix + "le=\"+Inf\"", count);
        sample(std::string(name) + "_sum", labels, snapshot.sum);
        sample(std::string(name) + "_count", labels, count);
    }

    std::string take() { return std::move(text_); }

private:
    std::string text_;
};

std::string action_label(std::string_view action) {
    return "action=\"" + std::string(action) + "\"";
}

struct ProcessStats {
    double cpu_seconds = 0;
    double resident_bytes = 0;
    double open_fds = 0;
    std::optional<double> start_time_seconds;
};

// The fields after the command name in /proc/self/stat (the name may contain spaces and parentheses).
std::vector<std::string> stat_fields() {
    std::ifstream input("/proc/self/stat");
    const std::string line((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
    const auto name_end = line.rfind(')');
    std::vector<std::string> fields;
    if (name_end == std::string::npos) {
        return fields;
    }
    std::istringstream rest(line.substr(name_end + 1));
    for (std::string field; rest >> field;) {
        fields.push_back(field);
    }
    return fields;
}

std::optional<double> boot_time_seconds() {
    std::ifstream input("/proc/stat");
    for (std::string key; input >> key;) {
        if (key == "btime") {
            double seconds = 0;
            input >> seconds;
            return seconds;
        }
        input.ignore(std::numeric_limits<std::streamsize>::max(), '\n');
    }
    return std::nullopt;
}

ProcessStats process_stats() {
    ProcessStats stats;
    const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
    const auto fields = stat_fields();
    // Numbered as in proc(5) minus the two before them: utime is field 14, stime 15, starttime 22, rss 24.
    if (fields.size() > 22 && ticks > 0) {
        stats.cpu_seconds = (std::stod(fields[11]) + std::stod(fields[12])) / ticks;
        if (const auto boot = boot_time_seconds()) {
            stats.start_time_seconds = *boot + std::stod(fields[19]) / ticks;
        }
        stats.resident_bytes = std::stod(fields[21]) * static_cast<double>(sysconf(_SC_PAGESIZE));
    }
    std::error_code error;
    for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
         it.increment(error)) {
        ++stats.open_fds;
    }
    return stats;
}

void add_ocpp(Exposition& out, const Metrics& metrics) {
    out.family("parkgrid_ocpp_messages_total", "counter",
               "CALLs received from chargers, by action and how they were answered");
    metrics.for_each_inbound([&](const std::string& action, const Metrics::InboundAction& counts) {
        out.sample("parkgrid_ocpp_messages_total", action_label(action) + ",outcome=\"result\"",
                   static_cast<double>(counts.results.load()));
        out.sample("parkgrid_ocpp_messages_total", action_label(action) + ",outcome=\"call_error\"",
                   static_cast<double>(counts.call_errors.load()));
    });
    out.family("parkgrid_ocpp_message_duration_seconds", "histogram",
               "Time from a charger's CALL arriving to its answer being sent (storage commit included)");
    metrics.for_each_inbound([&](const std::string& action, const Metrics::InboundAction& counts) {
        out.histogram("parkgrid_ocpp_message_duration_seconds", action_label(action), counts.duration);
    });
    out.family("parkgrid_ocpp_malformed_frames_total", "counter",
               "Frames from chargers that were not valid OCPP-J messages");
    out.sample("parkgrid_ocpp_malformed_frames_total", "", static_cast<double>(metrics.malformed_frames()));
    out.family(
        "parkgrid_ocpp_commands_total", "counter",
        "CALLs sent to chargers, by action and how they ended (outcome=\"timeout\": no answer in time)");
    metrics.for_each_command([&](const std::string& action, const Metrics::CommandAction& counts) {
        for (std::size_t end = 0; end < kCommandEndCount; ++end) {
            out.sample("parkgrid_ocpp_commands_total",
                       action_label(action) + ",outcome=\"" +
                           std::string(command_end_name(static_cast<CommandEnd>(end))) + "\"",
                       static_cast<double>(counts.ends[end].load()));
        }
    });
}

void add_connections(Exposition& out, const Metrics& metrics, const ScrapeGauges& gauges) {
    out.family("parkgrid_chargers_connected", "gauge", "Chargers with an open OCPP connection");
    out.sample("parkgrid_chargers_connected", "", static_cast<double>(gauges.chargers_connected));
    out.family("parkgrid_charger_admissions_total", "counter",
               "Charger WebSocket upgrades, by whether authentication admitted them");
    out.sample("parkgrid_charger_admissions_total", "outcome=\"admitted\"",
               static_cast<double>(metrics.connections_admitted()));
    out.sample("parkgrid_charger_admissions_total", "outcome=\"refused\"",
               static_cast<double>(metrics.connections_refused()));
    out.family("parkgrid_boot_syncs", "gauge",
               "Synchronisations after accepted boots (configuration, local list), waiting or running");
    out.sample("parkgrid_boot_syncs", "state=\"waiting\"", static_cast<double>(gauges.boot_syncs_waiting));
    out.sample("parkgrid_boot_syncs", "state=\"running\"", static_cast<double>(gauges.boot_syncs_running));
}

void add_storage(Exposition& out, const Metrics& metrics, const ScrapeGauges& gauges) {
    out.family("parkgrid_storage_commit_duration_seconds", "histogram",
               "Group commits of the storage writer, from BEGIN to the end of the durable COMMIT");
    out.histogram("parkgrid_storage_commit_duration_seconds", "", metrics.commit_duration());
    out.family("parkgrid_storage_commit_batch_size", "histogram", "Write jobs per group commit");
    out.histogram("parkgrid_storage_commit_batch_size", "", metrics.commit_batch_size());
    out.family("parkgrid_storage_queue_depth", "gauge", "Storage jobs waiting for a storage thread");
    out.sample("parkgrid_storage_queue_depth", "kind=\"write\"",
               static_cast<double>(gauges.storage_writes_queued));
    out.sample("parkgrid_storage_queue_depth", "kind=\"read\"",
               static_cast<double>(gauges.storage_reads_queued));
}

void add_process(Exposition& out) {
    const auto stats = process_stats();
    out.family("process_cpu_seconds_total", "counter", "User and system CPU time spent");
    out.sample("process_cpu_seconds_total", "", stats.cpu_seconds);
    out.family("process_resident_memory_bytes", "gauge", "Resident memory size");
    out.sample("process_resident_memory_bytes", "", stats.resident_bytes);
    out.family("process_open_fds", "gauge", "Open file descriptors (sockets included)");
    out.sample("process_open_fds", "", stats.open_fds);
    if (stats.start_time_seconds) {
        out.family("process_start_time_seconds", "gauge", "Start time since the Unix epoch");
        out.sample("process_start_time_seconds", "", *stats.start_time_seconds);
    }
}

}  // namespace

std::string render_metrics(const Metrics& metrics, const ScrapeGauges& gauges) {
    Exposition out;
    add_connections(out, metrics, gauges);
    add_ocpp(out, metrics);
    add_storage(out, metrics, gauges);
    out.family("parkgrid_scheduler_run_duration_seconds", "histogram",
               "Load-management plans of one site (scheduler run, without sending the limits)");
    out.histogram("parkgrid_scheduler_run_duration_seconds", "", metrics.scheduler_duration());
    add_process(out);
    return out.take();
}

}  // namespace parkgrid::server
