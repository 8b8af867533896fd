#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

// One central-system CALL to a charger. Payloads are kept as JSON text, exactly as sent and received.
struct CommandRecord {
    std::int64_t id = 0;
    std::string charger_id;
    std::string action;
    std::string request;
    std::string requested_by;
    Timestamp requested_at{};
    std::string status = "pending";
    std::optional<std::string> response;
    std::optional<std::string> error_code;
    std::optional<std::string> error_description;
    std::optional<Timestamp> completed_at;
};

// How a command ended.
struct CommandCompletion {
    std::string status;
    std::optional<std::string> response;
    std::optional<std::string> error_code;
    std::optional<std::string> error_description;
    Timestamp completed_at{};
};

}  // namespace parkgrid::storage
