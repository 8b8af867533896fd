#include "diagnostics_uploads.hpp"

#include <boost/asio/post.hpp>
#include <fstream>

#include "api/api_error.hpp"
#include "api/api_tokens.hpp"
#include "api/router.hpp"
#include "auth/base64.hpp"
#include "auth/secret_compare.hpp"
#include "multipart.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server {
namespace {

HttpResponse unauthorized() {
    auto response =
        api::error_response(api::ApiError(401, "unauthorized", "diagnostics upload credentials required"));
    response.headers = {{"WWW-Authenticate", "Basic realm=\"ParkGrid diagnostics\""}};
    return response;
}

// The password of "Authorization: Basic base64(user:password)" when the user is `user`.
std::optional<std::string> basic_password(const std::string& authorization, std::string_view user) {
    constexpr std::string_view kBasic = "Basic ";
    if (!authorization.starts_with(kBasic)) {
        return std::nullopt;
    }
    const auto decoded = auth::base64_decode(std::string_view(authorization).substr(kBasic.size()));
    if (!decoded) {
        return std::nullopt;
    }
    const std::string credentials(decoded->begin(), decoded->end());
    const auto colon = credentials.find(':');
    if (colon == std::string::npos || std::string_view(credentials).substr(0, colon) != user) {
        return std::nullopt;
    }
    return credentials.substr(colon + 1);
}

// Letters, digits, dot, dash and underscore only: the name becomes part of a path on our disk.
std::string safe_file_name(std::string_view name) {
    std::string out;
    for (const char c : name) {
        out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
    }
    while (!out.empty() && out.front() == '.') {
        out.erase(out.begin());
    }
    return out.empty() ? "diagnostics" : out.substr(0, 100);
}

}  // namespace

std::filesystem::path diagnostics_directory(const Config& config) {
    if (!config.diagnostics_dir.empty()) {
        return config.diagnostics_dir;
    }
    return std::filesystem::path(config.db_path).parent_path() / "diagnostics";
}

DiagnosticsUploads::DiagnosticsUploads(storage::Database& database, const Config& config)
    : database_(database), directory_(diagnostics_directory(config)) {}

DiagnosticsUploads::~DiagnosticsUploads() {
    file_writer_.join();
}

void DiagnosticsUploads::handle(HttpRequest request, HttpReply reply) {
    if (request.method != "PUT" && request.method != "POST") {
        reply(api::error_response(api::ApiError(405, "method_not_allowed", "upload with PUT or POST")));
        return;
    }
    const UploadKind kind =
        request.target.starts_with(kLogPathPrefix) ? UploadKind::Log : UploadKind::Diagnostics;
    std::string_view rest = std::string_view(request.target)
                                .substr(kind == UploadKind::Log ? kLogPathPrefix.size() : kPathPrefix.size());
    rest = rest.substr(0, rest.find('?'));
    const auto slash = rest.find('/');
    std::int64_t id = 0;
    try {
        id = std::stoll(std::string(rest.substr(0, slash)));
    } catch (const std::exception&) {
        reply(api::error_response(
            api::ApiError::not_found(kind == UploadKind::Log ? "log request" : "diagnostics request")));
        return;
    }
    const std::string path_name = slash == std::string_view::npos ? "" : std::string(rest.substr(slash + 1));
    const auto password = basic_password(request.authorization, upload_user(kind));
    if (!password) {
        reply(unauthorized());
        return;
    }
    auto shared = std::make_shared<HttpRequest>(std::move(request));
    storage::read(
        database_,
        [kind, id](storage::Repositories& repositories) { return find_upload_slot(repositories, kind, id); },
        [this, kind, id, shared, path_name, token_hash = api::hash_token(*password),
         reply](storage::Outcome<std::optional<UploadSlot>> found) {
            if (!found.ok()) {
                reply(api::internal_error_response());
                return;
            }
            const auto& slot = found.value();
            // Unknown request and wrong credential look alike to the client.
            if (!slot || !slot->token_hash || !auth::equal_in_constant_time(*slot->token_hash, token_hash)) {
                reply(unauthorized());
                return;
            }
            const auto multipart = first_file_part(shared->content_type, shared->body);
            const std::string name =
                safe_file_name(multipart && !multipart->file_name.empty() ? multipart->file_name
                               : !path_name.empty()                       ? path_name
                                                    : slot->announced_name.value_or("diagnostics"));
            // The request id keeps names from different chargers and requests apart.
            const auto target =
                directory_ / (std::string(upload_file_prefix(kind)) + std::to_string(id) + "-" + name);
            const std::string_view content = multipart ? multipart->content : std::string_view(shared->body);
            claim_and_store(kind, id, shared, content, target, reply);
        });
}

void DiagnosticsUploads::claim_and_store(UploadKind kind, std::int64_t id,
                                         std::shared_ptr<HttpRequest> request, std::string_view content,
                                         std::filesystem::path target, HttpReply reply) {
    // One file per request: the claim is taken in the database, so two concurrent uploads cannot both win.
    storage::write(
        database_,
        [kind, id](storage::Repositories& repositories) { return claim_upload_slot(repositories, kind, id); },
        [this, kind, id, request, content, target, reply](storage::Outcome<bool> claimed) {
            if (!claimed.ok()) {
                reply(api::internal_error_response());
                return;
            }
            if (!claimed.value()) {
                reply(api::error_response(
                    api::ApiError::conflict("a file was uploaded for this request already")));
                return;
            }
            boost::asio::post(file_writer_, [this, kind, id, request, content, target, reply] {
                std::error_code error;
                std::filesystem::create_directories(target.parent_path(), error);
                std::ofstream file(target, std::ios::binary | std::ios::trunc);
                file.write(content.data(), static_cast<std::streamsize>(content.size()));
                file.close();
                const bool written = static_cast<bool>(file);
                if (!written) {
                    log::error("could not store an uploaded diagnostics file", {{"path", target.string()}});
                }
                const auto bytes = static_cast<std::int64_t>(content.size());
                storage::write(
                    database_,
                    [kind, id, written, path = target.string(), bytes](storage::Repositories& repositories) {
                        if (written) {
                            record_uploaded_file(repositories, kind, id, path, bytes,
                                                 ocpp::DateTime::now().instant());
                        } else {
                            release_upload_slot(repositories, kind, id);  // the charger may try again
                        }
                    },
                    [reply, written, bytes](const storage::Outcome<storage::detail::Unit>& stored) {
                        reply(stored.ok() && written ? api::json_response(201, {{"bytes", bytes}})
                                                     : api::internal_error_response());
                    });
            });
        });
}

}  // namespace parkgrid::server
