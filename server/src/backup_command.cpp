#include "parkgrid/server/backup_command.hpp"

#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>

#include "parkgrid/server/config.hpp"
#include "parkgrid/storage/backup.hpp"

namespace parkgrid::server {

int run_backup_command(const std::vector<std::string>& args) {
    // The destination is the one argument that is not an option; the rest name the database as csms
    // itself would find it (--db, or the --config file).
    std::string destination;
    std::vector<std::string> options;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i].starts_with("--")) {
            options.push_back(args[i]);
            if (args[i].find('=') == std::string::npos && i + 1 < args.size() && args[i] != "--help") {
                options.push_back(args[++i]);
            }
        } else if (destination.empty()) {
            destination = args[i];
        } else {
            throw ConfigError("backup takes one destination file, not also '" + args[i] + "'");
        }
    }
    if (destination.empty()) {
        throw ConfigError("usage: csms backup FILE [--config FILE] [--db PATH]");
    }
    const auto config = parse_config(options);
    if (!config) {
        return 0;  // --help
    }
    const auto started = std::chrono::steady_clock::now();
    const auto result = storage::backup_sqlite_database(config->db_path, destination);
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << nlohmann::json{{"backup", destination},
                                {"database", config->db_path},
                                {"pages", result.pages},
                                {"bytes", result.bytes},
                                {"seconds", seconds}}
                     .dump()
              << '\n';
    return 0;
}

}  // namespace parkgrid::server
