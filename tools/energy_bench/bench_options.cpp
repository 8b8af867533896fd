#include "bench_options.hpp"

#include <cstdio>
#include <cstdlib>

namespace parkgrid::energy_bench {
namespace {

[[noreturn]] void usage(const char* program) {
    std::fprintf(
        stderr,
        "usage: %s [--db PATH] [--reuse] [--chargers N] [--samples N] [--days N] [--runs N] [--seed N]\n",
        program);
    std::exit(2);
}

std::uint64_t number(const char* program, const char* text) {
    char* end = nullptr;
    const auto value = std::strtoull(text, &end, 10);
    if (end == text || *end != '\0') {
        usage(program);
    }
    return value;
}

}  // namespace

BenchOptions parse_options(int argc, char** argv) {
    BenchOptions options;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--reuse") {
            options.reuse = true;
            continue;
        }
        if (i + 1 >= argc) {
            usage(argv[0]);
        }
        const char* value = argv[++i];
        if (flag == "--db") {
            options.db_path = value;
        } else if (flag == "--chargers") {
            options.chargers = number(argv[0], value);
        } else if (flag == "--samples") {
            options.samples = number(argv[0], value);
        } else if (flag == "--days") {
            options.days = static_cast<int>(number(argv[0], value));
        } else if (flag == "--runs") {
            options.runs = static_cast<int>(number(argv[0], value));
        } else if (flag == "--seed") {
            options.seed = number(argv[0], value);
        } else {
            std::fprintf(stderr, "unknown option %s\n", flag.c_str());
            usage(argv[0]);
        }
    }
    // The report covers 2025 only; a longer span would generate data no measurement reads.
    if (options.chargers == 0 || options.samples == 0 || options.days < 1 || options.days > 365 ||
        options.runs < 1) {
        std::fprintf(stderr, "--chargers, --samples and --runs must be positive, --days 1 to 365\n");
        std::exit(2);
    }
    return options;
}

}  // namespace parkgrid::energy_bench
