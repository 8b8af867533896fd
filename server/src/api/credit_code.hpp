#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server::api {

// Checks a unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters from the code table
// 0-9 and the capital letters without I, O, S, V and Z, the last one a check character over the first 17.
// Returns what is wrong, or nullopt for a valid code. The check character catches most typos.
std::optional<std::string> credit_code_problem(std::string_view code);

// The check character for the first 17 characters of a code (which must be from the code table).
char credit_code_check_character(std::string_view first_17);

}  // namespace parkgrid::server::api
