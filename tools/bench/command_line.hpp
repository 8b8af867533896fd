#pragma once

// The command line of the two ceiling programs: "--flag value" pairs, --help, and errors that print the
// usage and exit with 2. Header-only: each program is one translation unit that links no ParkGrid library.

#include <charconv>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

namespace parkgrid::bench {

class CommandLine {
public:
    CommandLine(std::string_view program, std::string_view usage) : program_(program), usage_(usage) {}

    [[noreturn]] void fail(const std::string& message) const {
        std::cerr << program_ << ": " << message << "\n" << usage_;
        std::exit(2);
    }

    // An integer of at least `min`, or failure naming the flag.
    int integer(std::string_view text, const std::string& flag, int min) const {
        int value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc{} || end != text.data() + text.size() || value < min) {
            fail(flag + " expects an integer of at least " + std::to_string(min) + ", got '" +
                 std::string(text) + "'");
        }
        return value;
    }

    // Calls `apply(flag, value)` for every pair; `apply` returns false for a flag it does not know.
    template <typename Apply>
    void for_each_flag(int argc, char** argv, Apply apply) const {
        for (int i = 1; i < argc; ++i) {
            const std::string flag = argv[i];
            if (flag == "--help" || flag == "-h") {
                std::cout << usage_;
                std::exit(0);
            }
            if (i + 1 >= argc) {
                fail(flag + " needs a value");
            }
            if (!apply(flag, std::string(argv[++i]))) {
                fail("unknown option " + flag);
            }
        }
    }

private:
    std::string_view program_;
    std::string_view usage_;
};

}  // namespace parkgrid::bench
