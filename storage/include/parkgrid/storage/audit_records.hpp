#pragma once

// The audit log: who changed what, from where, and what was answered.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

struct AuditRecord {
    std::int64_t id = 0;  // assigned when appended
    Timestamp at{};
    std::string subject;                // "user:<name>", "token:<name>", "anonymous" or "system:<purpose>"
    std::optional<std::string> role{};  // the subject's role then; absent when not authenticated
    std::string remote_address;
    std::string method;                   // HTTP method, or an action name for records not made by a request
    std::string path;                     // without the query string
    int status = 0;                       // HTTP status answered
    std::optional<std::string> detail{};  // a short JSON object; never a secret
};

// Every set field must match. Newest first.
struct AuditFilter {
    std::optional<std::string> subject{};
    std::optional<Timestamp> from{};  // at >= from
    std::optional<Timestamp> to{};    // at < to
    std::optional<std::string> method{};
    std::optional<std::string> path_prefix{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

}  // namespace parkgrid::storage
