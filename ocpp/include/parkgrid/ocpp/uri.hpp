#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::ocpp {

// A JSON string with `format: uri` (the `location` of GetDiagnostics and UpdateFirmware): an absolute URI
// as defined by RFC 3986 section 4.3, e.g. "ftp://user:secret@diag.example.com/upload". A separate type so
// that an address a charger could not parse is rejected before it is sent.
class Uri {
public:
    Uri() = default;
    // Throws std::invalid_argument unless `text` is an absolute URI.
    explicit Uri(std::string text);

    // Returns nullopt unless `text` is an absolute URI: a scheme, ':', and only characters RFC 3986 allows,
    // with every '%' starting a two-digit hexadecimal escape.
    static std::optional<Uri> parse(std::string_view text);

    const std::string& str() const { return value_; }

    friend bool operator==(const Uri&, const Uri&) = default;
    friend auto operator<=>(const Uri&, const Uri&) = default;

private:
    std::string value_;
};

}  // namespace parkgrid::ocpp
