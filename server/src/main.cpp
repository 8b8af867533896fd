#include <iostream>

#include "parkgrid/server/application.hpp"

int main(int argc, char** argv) {
    try {
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
