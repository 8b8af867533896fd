#include "machine.hpp"

#include <filesystem>
#include <fstream>
#include <thread>

namespace parkgrid::energy_bench {

Machine this_machine() {
    Machine machine;
    machine.cores = std::thread::hardware_concurrency();
    machine.cpu_model = "unknown";
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::string line;
    while (std::getline(cpuinfo, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) {
                machine.cpu_model = line.substr(line.find_first_not_of(' ', colon + 1));
            }
            break;
        }
    }
    std::ifstream loadavg("/proc/loadavg");
    std::string one, five, fifteen;
    if (loadavg >> one >> five >> fifteen) {
        machine.load = one + " " + five + " " + fifteen;
    }
    return machine;
}

std::uintmax_t database_bytes(const std::string& path) {
    std::uintmax_t bytes = 0;
    for (const auto& file : {path, path + "-wal"}) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        bytes += error ? 0 : size;
    }
    return bytes;
}

}  // namespace parkgrid::energy_bench
