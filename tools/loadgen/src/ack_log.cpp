#include "ack_log.hpp"

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace parkgrid::loadgen {

AckLog::AckLog(const std::string& path) : file_(std::fopen(path.c_str(), "a")) {
    if (file_ == nullptr) {
        throw std::runtime_error("cannot open the ack log " + path + ": " + std::strerror(errno));
    }
}

AckLog::~AckLog() {
    std::fclose(file_);
}

void AckLog::write(std::string& lines) {
    if (lines.empty()) {
        return;
    }
    const std::lock_guard lock(mutex_);
    std::fwrite(lines.data(), 1, lines.size(), file_);
    std::fflush(file_);
    lines.clear();
}

}  // namespace parkgrid::loadgen
