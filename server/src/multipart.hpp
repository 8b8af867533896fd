#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server {

struct UploadedFile {
    std::string file_name;     // as the client named it; may be empty
    std::string_view content;  // points into the request body
};

// The first part with a filename of a multipart/form-data body (RFC 7578), as curl -F and charger
// firmware send files; nullopt if the body is not multipart/form-data or holds no file part.
std::optional<UploadedFile> first_file_part(std::string_view content_type, std::string_view body);

}  // namespace parkgrid::server
