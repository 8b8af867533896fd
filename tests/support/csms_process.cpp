#include "csms_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#ifndef CSMS_BINARY
#error "CSMS_BINARY must name the csms executable"
#endif

namespace parkgrid::testing {

TempDir::TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("parkgrid-test-" + std::to_string(random()) + std::to_string(::getpid()));
    std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
}

std::string csms_binary() {
    return CSMS_BINARY;
}

CsmsProcess::CsmsProcess(std::filesystem::path db_path, std::vector<std::string> extra_args)
    : db_path_(std::move(db_path)), log_path_(db_path_.string() + ".log") {
    int out_pipe[2];
    if (::pipe(out_pipe) != 0) {
        throw std::runtime_error("pipe failed");
    }
    // Chargers connect without authentication unless a test asks for security profiles (flags given later
    // win): most tests are about other things.
    std::vector<std::string> args = {CSMS_BINARY,  "--listen",        "127.0.0.1:0",
                                     "--db",       db_path_.string(), "--threads",
                                     "2",          "--log-level",     "debug",
                                     "--admin-ui", ADMIN_UI_DIR,      "--allow-security-profile-0",
                                     "true"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    const bool tls = std::find(extra_args.begin(), extra_args.end(), "--tls-cert") != extra_args.end();

    pid_ = ::fork();
    if (pid_ == 0) {
        ::dup2(out_pipe[1], STDOUT_FILENO);
        const int log_fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(log_fd, STDERR_FILENO);
        ::close(out_pipe[0]);
        ::setenv("CSMS_ADMIN_TOKEN", kAdminToken, 1);
        std::vector<char*> argv;
        for (auto& arg : args) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(out_pipe[1]);

    // Read stdout until the server says where it listens.
    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    const auto port_after = [&output](const std::string& marker) -> std::uint16_t {
        const auto at = output.find(marker);
        const auto end = at == std::string::npos ? std::string::npos : output.find('\n', at);
        if (end == std::string::npos) {
            return 0;
        }
        const auto address = output.substr(at + marker.size(), end - at - marker.size());
        return static_cast<std::uint16_t>(std::stoi(address.substr(address.rfind(':') + 1)));
    };
    while (std::chrono::steady_clock::now() < deadline) {
        char buffer[256];
        const auto n = ::read(out_pipe[0], buffer, sizeof buffer);
        if (n <= 0) {
            break;
        }
        output.append(buffer, static_cast<std::size_t>(n));
        port_ = port_after("csms listening on ");
        tls_port_ = port_after("csms listening with TLS on ");
        if (port_ != 0 && (!tls || tls_port_ != 0)) {
            break;
        }
    }
    ::close(out_pipe[0]);
    if (port_ == 0 || (tls && tls_port_ == 0)) {
        const auto server_log = log();
        kill_hard();
        throw std::runtime_error("csms did not start; stdout: " + output + "\nlog:\n" + server_log);
    }
}

CsmsProcess::~CsmsProcess() {
    if (pid_ > 0) {
        terminate();
    }
}

std::string CsmsProcess::log() const {
    std::ifstream file(log_path_);
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
}

void CsmsProcess::kill_hard() {
    if (pid_ > 0) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, nullptr, 0);
        pid_ = -1;
    }
}

int CsmsProcess::terminate() {
    if (pid_ <= 0) {
        return -1;
    }
    ::kill(pid_, SIGTERM);
    int status = 0;
    // Escalate if shutdown hangs, so a broken shutdown fails the test instead of the whole run.
    for (int i = 0; i < 300; ++i) {
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill_hard();
    return -1;
}

}  // namespace parkgrid::testing
