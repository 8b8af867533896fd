#pragma once

// The requests ParkGrid's upload endpoint takes files for: GetDiagnostics (diagnostics_requests) and GetLog
// (log_requests). Both keep the hash of a one-time credential, a single upload claim and the stored file.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server {

enum class UploadKind { Diagnostics, Log };

struct UploadSlot {
    std::optional<std::string> token_hash;      // of the credential embedded in the location
    std::optional<std::string> announced_name;  // the file name the charger announced
};

// The HTTP Basic user of the credential, and the prefix of stored file names.
std::string_view upload_user(UploadKind kind);
std::string_view upload_file_prefix(UploadKind kind);

std::optional<UploadSlot> find_upload_slot(storage::Repositories& repositories, UploadKind kind,
                                           std::int64_t id);
bool claim_upload_slot(storage::Repositories& repositories, UploadKind kind, std::int64_t id);
void release_upload_slot(storage::Repositories& repositories, UploadKind kind, std::int64_t id);
void record_uploaded_file(storage::Repositories& repositories, UploadKind kind, std::int64_t id,
                          const std::string& path, std::int64_t bytes, storage::Timestamp at);

}  // namespace parkgrid::server
