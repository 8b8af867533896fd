#pragma once

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace parkgrid::testing {

// A temporary directory removed with everything in it at destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline constexpr const char* kAdminToken = "integration-test-admin-token";

// The path of the csms binary under test, for running its other commands (csms backup).
std::string csms_binary();

// The real csms binary, started on an ephemeral loopback port with its own database file.
class CsmsProcess {
public:
    // `db_path` lets a test restart the server on the same database.
    CsmsProcess(std::filesystem::path db_path, std::vector<std::string> extra_args = {});
    ~CsmsProcess();
    CsmsProcess(const CsmsProcess&) = delete;
    CsmsProcess& operator=(const CsmsProcess&) = delete;

    std::uint16_t port() const { return port_; }
    std::uint16_t tls_port() const { return tls_port_; }  // 0 unless started with --tls-cert
    const std::filesystem::path& db_path() const { return db_path_; }
    // The server's log so far (stderr), for assertions and failure messages.
    std::string log() const;

    // SIGKILL: no chance to flush anything.
    void kill_hard();
    // SIGTERM and wait; returns the exit status.
    int terminate();

private:
    std::filesystem::path db_path_;
    std::filesystem::path log_path_;
    pid_t pid_ = -1;
    std::uint16_t port_ = 0;
    std::uint16_t tls_port_ = 0;
};

}  // namespace parkgrid::testing
