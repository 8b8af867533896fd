#include "credit_code.hpp"

#include <array>

namespace parkgrid::server::api {
namespace {

// The code table: each character's value is its position.
constexpr std::string_view kCodeTable = "0123456789ABCDEFGHJKLMNPQRTUWXY";
constexpr std::array<int, 17> kWeights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
constexpr std::size_t kLength = 18;

}  // namespace

char credit_code_check_character(std::string_view first_17) {
    int sum = 0;
    for (std::size_t i = 0; i < kWeights.size() && i < first_17.size(); ++i) {
        sum += static_cast<int>(kCodeTable.find(first_17[i])) * kWeights[i];
    }
    const int check = 31 - sum % 31;
    return kCodeTable[check == 31 ? 0 : static_cast<std::size_t>(check)];
}

std::optional<std::string> credit_code_problem(std::string_view code) {
    if (code.size() != kLength) {
        return "must have 18 characters";
    }
    for (std::size_t i = 0; i < code.size(); ++i) {
        if (kCodeTable.find(code[i]) == std::string_view::npos) {
            return "character " + std::to_string(i + 1) +
                   " is not allowed (digits and capital letters except I, O, S, V and Z)";
        }
    }
    if (credit_code_check_character(code.substr(0, kLength - 1)) != code.back()) {
        return "the check character (the last one) does not match; is there a typo?";
    }
    return std::nullopt;
}

}  // namespace parkgrid::server::api
