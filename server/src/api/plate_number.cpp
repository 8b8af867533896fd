#include "plate_number.hpp"

#include <cstdint>
#include <vector>

namespace parkgrid::server::api {
namespace {

// The abbreviations of the 31 provincial-level divisions of the mainland.
constexpr std::u32string_view kProvinces = U"京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
// Last characters of special plates: police, driving school, trailer, consulate, Hong Kong and Macao
// cross-border, test vehicles.
constexpr std::u32string_view kSpecialSuffixes = U"警学挂领港澳试";

// Decodes UTF-8; nullopt for malformed input.
std::optional<std::u32string> decode_utf8(std::string_view text) {
    std::u32string out;
    for (std::size_t i = 0; i < text.size();) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = lead < 0x80           ? 1
                                   : (lead >> 5) == 0x6  ? 2
                                   : (lead >> 4) == 0xe  ? 3
                                   : (lead >> 3) == 0x1e ? 4
                                                         : 0;
        if (length == 0 || i + length > text.size()) {
            return std::nullopt;
        }
        char32_t code = length == 1 ? lead : lead & (0xff >> (length + 1));
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xc0) != 0x80) {
                return std::nullopt;
            }
            code = (code << 6) | (next & 0x3f);
        }
        out.push_back(code);
        i += length;
    }
    return out;
}

bool is_upper(char32_t c) {
    return c >= U'A' && c <= U'Z';
}
bool is_digit(char32_t c) {
    return c >= U'0' && c <= U'9';
}

}  // namespace

std::optional<std::string> plate_number_problem(std::string_view plate) {
    const auto characters = decode_utf8(plate);
    if (!characters) {
        return "is not valid UTF-8";
    }
    if (characters->size() < 7 || characters->size() > 8) {
        return "must have 7 characters, or 8 for a new-energy vehicle (e.g. 京A12345, 京AD12345)";
    }
    if (kProvinces.find(characters->front()) == std::u32string_view::npos) {
        return "must start with a province abbreviation such as 京, 沪 or 粤";
    }
    for (std::size_t i = 1; i < characters->size(); ++i) {
        const char32_t c = (*characters)[i];
        if (c >= U'a' && c <= U'z') {
            return "letters must be capitals";
        }
        const bool last = i + 1 == characters->size();
        if (i == 1 ? !is_upper(c)
                   : !(is_upper(c) || is_digit(c) ||
                       (last && kSpecialSuffixes.find(c) != std::u32string_view::npos))) {
            return i == 1 ? "the second character must be the capital letter of the issuing authority"
                          : "character " + std::to_string(i + 1) + " must be a capital letter or a digit";
        }
        if (i >= 2 && (c == U'I' || c == U'O')) {
            return "I and O do not occur in plate serials (1 and 0?)";
        }
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::api
