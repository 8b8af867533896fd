#include "upload_slots.hpp"

#include <limits>

namespace parkgrid::server {
namespace {

// Log request ids are OCPP requestIds: 32-bit.
std::optional<std::int32_t> log_id(std::int64_t id) {
    if (id < 1 || id > std::numeric_limits<std::int32_t>::max()) {
        return std::nullopt;
    }
    return static_cast<std::int32_t>(id);
}

}  // namespace

std::string_view upload_user(UploadKind kind) {
    return kind == UploadKind::Log ? "log" : "diagnostics";
}

std::string_view upload_file_prefix(UploadKind kind) {
    return kind == UploadKind::Log ? "log-" : "";
}

std::optional<UploadSlot> find_upload_slot(storage::Repositories& repositories, UploadKind kind,
                                           std::int64_t id) {
    if (kind == UploadKind::Diagnostics) {
        const auto request = repositories.maintenance().find_diagnostics_request(id);
        return request ? std::optional(UploadSlot{request->upload_token_hash, request->file_name})
                       : std::nullopt;
    }
    const auto number = log_id(id);
    const auto request = number ? repositories.log_requests().find(*number) : std::nullopt;
    return request ? std::optional(UploadSlot{request->upload_token_hash, request->file_name}) : std::nullopt;
}

bool claim_upload_slot(storage::Repositories& repositories, UploadKind kind, std::int64_t id) {
    if (kind == UploadKind::Diagnostics) {
        return repositories.maintenance().claim_diagnostics_upload(id);
    }
    const auto number = log_id(id);
    return number && repositories.log_requests().claim_upload(*number);
}

void release_upload_slot(storage::Repositories& repositories, UploadKind kind, std::int64_t id) {
    if (kind == UploadKind::Diagnostics) {
        repositories.maintenance().release_diagnostics_upload(id);
    } else if (const auto number = log_id(id)) {
        repositories.log_requests().release_upload(*number);
    }
}

void record_uploaded_file(storage::Repositories& repositories, UploadKind kind, std::int64_t id,
                          const std::string& path, std::int64_t bytes, storage::Timestamp at) {
    if (kind == UploadKind::Diagnostics) {
        repositories.maintenance().record_diagnostics_file(id, path, bytes, at);
    } else if (const auto number = log_id(id)) {
        repositories.log_requests().record_file(*number, path, bytes, at);
    }
}

}  // namespace parkgrid::server
