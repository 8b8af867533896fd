#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace parkgrid::server::api {

// Checks a Chinese licence plate number as written, without spaces or dots (UTF-8): a province character
// (京, 沪, 粤, ...), the issuing authority's capital letter, then 5 capital letters or digits (6 on the
// green plates of new-energy vehicles), the last of which may be a special character such as 警 or 学.
// Returns what is wrong, or nullopt for a plausible plate. It does not check the serial's letter rules.
std::optional<std::string> plate_number_problem(std::string_view plate);

}  // namespace parkgrid::server::api
