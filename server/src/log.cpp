#include "parkgrid/server/log.hpp"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <nlohmann/json.hpp>

#include "parkgrid/ocpp/date_time.hpp"

namespace parkgrid::server::log {
namespace {

std::atomic<LogLevel> g_level{LogLevel::Info};
std::atomic<bool> g_json{false};
std::mutex g_output_mutex;

std::string_view level_name(LogLevel level) {
    switch (level) {
        case LogLevel::Trace: return "TRACE";
        case LogLevel::Debug: return "DEBUG";
        case LogLevel::Info: return "INFO";
        case LogLevel::Warn: return "WARN";
        case LogLevel::Error: return "ERROR";
    }
    return "INFO";
}

// Values with spaces or quotes are quoted so that text logs stay machine-splittable.
void append_text_value(std::string& line, const std::string& value) {
    if (!value.empty() && value.find_first_of(" \"=\n") == std::string::npos) {
        line += value;
        return;
    }
    line += nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

void configure(LogLevel level, bool json_lines) {
    g_level = level;
    g_json = json_lines;
}

bool enabled(LogLevel level) {
    return level >= g_level.load(std::memory_order_relaxed);
}

void write(LogLevel level, std::string_view message, std::initializer_list<Field> fields) {
    if (!enabled(level)) {
        return;
    }
    const std::string time = ocpp::DateTime::now().to_rfc3339();
    std::string line;
    if (g_json) {
        nlohmann::json object = {{"time", time}, {"level", level_name(level)}, {"message", message}};
        for (const auto& field : fields) {
            object[std::string(field.key)] = field.value;
        }
        line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        line = time + ' ' + std::string(level_name(level)) + ' ' + std::string(message);
        for (const auto& field : fields) {
            line += ' ';
            line += field.key;
            line += '=';
            append_text_value(line, field.value);
        }
    }
    line += '\n';
    const std::lock_guard lock(g_output_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace parkgrid::server::log
