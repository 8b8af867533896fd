#include "time_zone.hpp"

#include <algorithm>
#include <array>
#include <fstream>

namespace parkgrid::server::api {

bool is_known_time_zone(std::string_view name, const std::filesystem::path& zoneinfo_directory) {
    const bool plain = !name.empty() && name.size() <= 64 && name.front() != '/' && name.back() != '/' &&
                       std::all_of(name.begin(), name.end(), [](char c) {
                           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                                  (c >= '0' && c <= '9') || c == '/' || c == '_' || c == '-' || c == '+';
                       });
    if (!plain || name.find("//") != std::string_view::npos) {
        return false;  // no ".", so no ".." either
    }
    // The directory also holds tables such as zone.tab: only compiled zones start with "TZif".
    std::ifstream file(zoneinfo_directory / std::filesystem::path(name), std::ios::binary);
    std::array<char, 4> magic{};
    return file.read(magic.data(), magic.size()) && std::string_view(magic.data(), magic.size()) == "TZif";
}

}  // namespace parkgrid::server::api
