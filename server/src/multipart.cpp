#include "multipart.hpp"

#include <algorithm>
#include <cctype>

namespace parkgrid::server {
namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// The value of `name=` in a header such as `multipart/form-data; boundary="x"`, unquoted.
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
    const std::string lowered = lower(header);
    const std::string key = std::string(name) + "=";
    std::size_t at = lowered.find(key);
    while (at != std::string::npos && at > 0 && lowered[at - 1] != ';' && lowered[at - 1] != ' ') {
        at = lowered.find(key, at + 1);  // "filename=" must not match "name="
    }
    if (at == std::string::npos) {
        return std::nullopt;
    }
    std::string_view value = header.substr(at + key.size());
    if (!value.empty() && value.front() == '"') {
        value.remove_prefix(1);
        return std::string(value.substr(0, value.find('"')));
    }
    return std::string(value.substr(0, value.find_first_of("; \r\n")));
}

}  // namespace

std::optional<UploadedFile> first_file_part(std::string_view content_type, std::string_view body) {
    if (!lower(content_type).starts_with("multipart/form-data")) {
        return std::nullopt;
    }
    const auto boundary = parameter(content_type, "boundary");
    if (!boundary || boundary->empty()) {
        return std::nullopt;
    }
    const std::string delimiter = "--" + *boundary;
    std::size_t at = body.find(delimiter);
    while (at != std::string_view::npos) {
        const std::size_t headers_start = at + delimiter.size() + 2;  // past the CRLF
        if (headers_start > body.size() || body.substr(at + delimiter.size(), 2) == "--") {
            return std::nullopt;  // the closing delimiter
        }
        const std::size_t headers_end = body.find("\r\n\r\n", headers_start);
        if (headers_end == std::string_view::npos) {
            return std::nullopt;
        }
        const std::size_t content_start = headers_end + 4;
        const std::size_t next = body.find("\r\n" + delimiter, content_start);
        if (next == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view headers = body.substr(headers_start, headers_end - headers_start);
        if (auto file_name = parameter(headers, "filename")) {
            return UploadedFile{std::move(*file_name), body.substr(content_start, next - content_start)};
        }
        at = next + 2;
    }
    return std::nullopt;
}

}  // namespace parkgrid::server
