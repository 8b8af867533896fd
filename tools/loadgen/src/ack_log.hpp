#pragma once

#include <cstdio>
#include <mutex>
#include <string>

namespace parkgrid::loadgen {

// The file of acknowledged transaction messages. Each thread collects lines in its own buffer and hands
// them over here at least every 100 ms; the file is flushed on every hand-over, so a crash test that kills
// the server finds every acknowledged write in it.
class AckLog {
public:
    explicit AckLog(const std::string& path);  // appends; throws std::runtime_error
    ~AckLog();
    AckLog(const AckLog&) = delete;
    AckLog& operator=(const AckLog&) = delete;

    // Writes and clears `lines`.
    void write(std::string& lines);

private:
    std::mutex mutex_;
    std::FILE* file_;
};

}  // namespace parkgrid::loadgen
