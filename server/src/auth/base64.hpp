#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace parkgrid::server::auth {

// Standard base64 (RFC 4648 section 4) with padding, for the salt and hash of stored password hashes.
std::string base64_encode(std::span<const unsigned char> bytes);
// nullopt unless `text` is canonical padded base64.
std::optional<std::vector<unsigned char>> base64_decode(std::string_view text);

}  // namespace parkgrid::server::auth
