#include "base64.hpp"

#include <array>
#include <cstdint>

namespace parkgrid::server::auth {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// The 6-bit value of each character, or -1.
constexpr std::array<std::int8_t, 256> decoding_table() {
    std::array<std::int8_t, 256> table{};
    table.fill(-1);
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) {
        table[static_cast<unsigned char>(kAlphabet[i])] = static_cast<std::int8_t>(i);
    }
    return table;
}

constexpr auto kDecoding = decoding_table();

}  // namespace

std::string base64_encode(std::span<const unsigned char> bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t remaining = bytes.size() - i;
        const std::uint32_t group = (std::uint32_t{bytes[i]} << 16) |
                                    (remaining > 1 ? std::uint32_t{bytes[i + 1]} << 8 : 0) |
                                    (remaining > 2 ? std::uint32_t{bytes[i + 2]} : 0);
        out += kAlphabet[(group >> 18) & 0x3f];
        out += kAlphabet[(group >> 12) & 0x3f];
        out += remaining > 1 ? kAlphabet[(group >> 6) & 0x3f] : '=';
        out += remaining > 2 ? kAlphabet[group & 0x3f] : '=';
    }
    return out;
}

std::optional<std::vector<unsigned char>> base64_decode(std::string_view text) {
    if (text.size() % 4 != 0) {
        return std::nullopt;
    }
    std::vector<unsigned char> out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        const bool last = i + 4 == text.size();
        const std::size_t padding = !last || text[i + 3] != '=' ? 0 : text[i + 2] == '=' ? 2 : 1;
        std::uint32_t group = 0;
        for (std::size_t j = 0; j < 4; ++j) {
            const bool is_padding = j >= 4 - padding;
            const auto value = kDecoding[static_cast<unsigned char>(text[i + j])];
            if (!is_padding && value < 0) {
                return std::nullopt;  // includes '=' before the end
            }
            group = (group << 6) | (is_padding ? 0U : static_cast<std::uint32_t>(value));
        }
        // Canonical form only: the bits that padding drops must be zero.
        if ((padding == 1 && (group & 0xff) != 0) || (padding == 2 && (group & 0xffff) != 0)) {
            return std::nullopt;
        }
        out.push_back(static_cast<unsigned char>(group >> 16));
        if (padding < 2) {
            out.push_back(static_cast<unsigned char>(group >> 8));
        }
        if (padding < 1) {
            out.push_back(static_cast<unsigned char>(group));
        }
    }
    return out;
}

}  // namespace parkgrid::server::auth
