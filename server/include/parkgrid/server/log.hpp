#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

#include "parkgrid/server/config.hpp"

namespace parkgrid::server::log {

// A key/value attached to a log line; OCPP lines carry "charger" and "messageId".
struct Field {
    std::string_view key;
    std::string value;
};

void configure(LogLevel level, bool json_lines);
bool enabled(LogLevel level);
// Writes one line to stderr: text ("<time> <LEVEL> <message> key=value ...") or a JSON object.
void write(LogLevel level, std::string_view message, std::initializer_list<Field> fields = {});

inline void debug(std::string_view message, std::initializer_list<Field> fields = {}) {
    if (enabled(LogLevel::Debug)) {
        write(LogLevel::Debug, message, fields);
    }
}
inline void info(std::string_view message, std::initializer_list<Field> fields = {}) {
    write(LogLevel::Info, message, fields);
}
inline void warn(std::string_view message, std::initializer_list<Field> fields = {}) {
    write(LogLevel::Warn, message, fields);
}
inline void error(std::string_view message, std::initializer_list<Field> fields = {}) {
    write(LogLevel::Error, message, fields);
}

}  // namespace parkgrid::server::log
