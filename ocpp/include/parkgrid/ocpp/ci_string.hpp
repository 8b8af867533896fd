#pragma once

#include <compare>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace parkgrid::ocpp {

// Characters (Unicode code points) in UTF-8 text, as JSON Schema's maxLength counts them: a 10-character
// Chinese vendor name is 30 bytes but fits CiString20Type.
constexpr std::size_t utf8_length(std::string_view text) {
    std::size_t characters = 0;
    for (const char byte : text) {
        characters += (static_cast<unsigned char>(byte) & 0xC0U) != 0x80U ? 1 : 0;
    }
    return characters;
}

// OCPP "CiStringNType": a string of at most MaxLength characters. The bound is part of the type so that
// nothing longer than the schema allows can be sent to a charger by accident.
template <std::size_t MaxLength>
class CiString {
public:
    static constexpr std::size_t max_length = MaxLength;

    CiString() = default;
    CiString(std::string value) : value_(std::move(value)) {  // NOLINT(google-explicit-constructor)
        if (utf8_length(value_) > MaxLength) {
            throw std::length_error("string of " + std::to_string(utf8_length(value_)) +
                                    " characters exceeds " + std::to_string(MaxLength));
        }
    }
    CiString(const char* value) : CiString(std::string(value)) {}  // NOLINT(google-explicit-constructor)

    const std::string& str() const { return value_; }
    operator std::string_view() const { return value_; }  // NOLINT(google-explicit-constructor)

    friend bool operator==(const CiString&, const CiString&) = default;
    friend auto operator<=>(const CiString&, const CiString&) = default;

private:
    std::string value_;
};

}  // namespace parkgrid::ocpp
