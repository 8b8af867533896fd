#include "parkgrid/server/log.hpp"

#include <algorithm>
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
thread_local const MessageScope* t_message = nullptr;

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
void append_text_value(std::string& line, std::string_view value) {
    if (!value.empty() && value.find_first_of(" \"=\n") == std::string_view::npos) {
        line += value;
        return;
    }
    line += nlohmann::json(value).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool names(std::initializer_list<Field> fields, std::string_view key) {
    return std::any_of(fields.begin(), fields.end(), [&](const Field& field) { return field.key == key; });
}

// The fields of the line, then the message scope's charger and message id where the line has none.
template <typename Append>
void for_each_field(std::initializer_list<Field> fields, Append append) {
    for (const auto& field : fields) {
        append(field.key, std::string_view(field.value));
    }
    if (t_message) {
        if (!names(fields, "charger")) {
            append("charger", t_message->charger());
        }
        if (!names(fields, "messageId")) {
            append("messageId", t_message->message_id());
        }
    }
}

}  // namespace

MessageScope::MessageScope(std::string_view charger, std::string_view message_id)
    : charger_(charger), message_id_(message_id), outer_(t_message) {
    t_message = this;
}

MessageScope::~MessageScope() {
    t_message = outer_;
}

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
        for_each_field(
            fields, [&](std::string_view key, std::string_view value) { object[std::string(key)] = value; });
        line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
        line = time + ' ' + std::string(level_name(level)) + ' ' + std::string(message);
        for_each_field(fields, [&](std::string_view key, std::string_view value) {
            line += ' ';
            line += key;
            line += '=';
            append_text_value(line, value);
        });
    }
    line += '\n';
    const std::lock_guard lock(g_output_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace parkgrid::server::log
