#pragma once

#include <filesystem>
#include <string_view>

namespace parkgrid::server::api {

// Whether `name` is an IANA time zone (e.g. Asia/Shanghai) of the system's tz database. GCC 12's
// std::chrono::locate_zone is not usable yet, so the zone's compiled file is looked up instead; names that
// could escape the directory are refused before touching the file system.
bool is_known_time_zone(std::string_view name,
                        const std::filesystem::path& zoneinfo_directory = "/usr/share/zoneinfo");

}  // namespace parkgrid::server::api
