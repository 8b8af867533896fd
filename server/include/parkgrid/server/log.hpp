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

// The OCPP message this thread is working on. While one is in scope, every line written on the thread
// carries its "charger" and "messageId" (unless the line names them itself), so that a line written by a
// storage job or a completion can be traced to the message that caused it. Scopes nest; the views must
// outlive the scope.
class MessageScope {
public:
    MessageScope(std::string_view charger, std::string_view message_id);
    ~MessageScope();
    MessageScope(const MessageScope&) = delete;
    MessageScope& operator=(const MessageScope&) = delete;

    std::string_view charger() const { return charger_; }
    std::string_view message_id() const { return message_id_; }

private:
    std::string_view charger_;
    std::string_view message_id_;
    const MessageScope* outer_;
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
