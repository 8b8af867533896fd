#pragma once

#include <stdexcept>
#include <string>

#include "parkgrid/ocpp/call_error_code.hpp"

namespace parkgrid::ocpp {

// Thrown when a payload does not satisfy the OCPP 1.6 JSON schema of its message.
// `path` names the offending field, e.g. "meterValue[0].sampledValue[2].unit".
class ValidationError : public std::runtime_error {
public:
    ValidationError(CallErrorCode code, std::string path, const std::string& problem)
        : std::runtime_error(path.empty() ? problem : path + ": " + problem),
          code_(code),
          path_(std::move(path)) {}

    CallErrorCode code() const { return code_; }
    const std::string& path() const { return path_; }

private:
    CallErrorCode code_;
    std::string path_;
};

}  // namespace parkgrid::ocpp
