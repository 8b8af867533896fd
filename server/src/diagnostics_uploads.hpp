#pragma once

#include <boost/asio/thread_pool.hpp>
#include <filesystem>

#include "parkgrid/server/config.hpp"
#include "parkgrid/server/http_types.hpp"
#include "parkgrid/storage/database.hpp"
#include "upload_slots.hpp"

namespace parkgrid::server {

// ParkGrid's own upload endpoint for diagnostics files: PUT or POST (raw or multipart/form-data)
// /diagnostics-upload/{requestId}[/{fileName}], authenticated with HTTP Basic "diagnostics:<credential>",
// where the credential was generated for that one GetDiagnostics request and only its hash is stored.
// Log files (GetLog) go to /diagnostics-upload/logs/{requestId}[/{fileName}] with user "log".
// Files are written on a thread of their own, so a large upload neither blocks chargers nor storage.
class DiagnosticsUploads {
public:
    DiagnosticsUploads(storage::Database& database, const Config& config);
    ~DiagnosticsUploads();

    void handle(HttpRequest request, HttpReply reply);

    static constexpr std::string_view kUser = "diagnostics";
    static constexpr std::string_view kPathPrefix = "/diagnostics-upload/";
    static constexpr std::string_view kLogPathPrefix = "/diagnostics-upload/logs/";

private:
    void claim_and_store(UploadKind kind, std::int64_t id, std::shared_ptr<HttpRequest> request,
                         std::string_view content, std::filesystem::path target, HttpReply reply);

    storage::Database& database_;
    std::filesystem::path directory_;
    boost::asio::thread_pool file_writer_{1};
};

// Where uploaded diagnostics files go: --diagnostics-dir, else "diagnostics" next to the database.
std::filesystem::path diagnostics_directory(const Config& config);

}  // namespace parkgrid::server
