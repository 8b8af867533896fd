#include <iostream>
#include <string_view>

#include "parkgrid/server/application.hpp"
#include "parkgrid/server/backup_command.hpp"

int main(int argc, char** argv) {
    try {
        if (argc >= 2 && std::string_view(argv[1]) == "backup") {
            return parkgrid::server::run_backup_command(std::vector<std::string>(argv + 2, argv + argc));
        }
        const auto config = parkgrid::server::parse_config(std::vector<std::string>(argv + 1, argv + argc));
        if (!config) {
            return 0;  // --help
        }
        return parkgrid::server::run_application(*config);
    } catch (const parkgrid::server::ConfigError& error) {
        std::cerr << "csms: " << error.what() << '\n';
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "csms: " << error.what() << '\n';
        return 1;
    }
}
