// parkgrid_loadgen: simulated OCPP 1.6J chargers against a central system (see --help and
// tools/loadgen/README.md). Prints one JSON report to stdout; progress to stderr.

#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <thread>

#include "ack_log.hpp"
#include "options.hpp"
#include "report.hpp"
#include "transport.hpp"
#include "worker.hpp"

namespace parkgrid::loadgen {
namespace {

using namespace std::chrono_literals;

constexpr auto kPollPeriod = 20ms;
constexpr auto kProgressPeriod = 1s;
constexpr auto kClosePatience = 3000ms;

// SIGINT or SIGTERM end the run early but cleanly: no new messages, answers awaited, the report printed and
// the ack log flushed (the crash test stops the generator this way).
volatile std::sig_atomic_t g_interrupted = 0;

void on_interrupt(int) {
    g_interrupted = 1;
}

bool interrupted() {
    return g_interrupted != 0;
}

// As many descriptors as the hard limit allows; returns the limit in effect.
long raise_open_files_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) {
        return -1;
    }
    if (limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        setrlimit(RLIMIT_NOFILE, &limit);
        getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<long>(limit.rlim_cur);
}

class Run {
public:
    Run(const Options& options, const Connector& connector, AckLog* ack_log)
        : options_(options), meter_template_(options.phases), control_(SteadyClock::now()) {
        std::vector<std::vector<Worker::Assignment>> shares(static_cast<std::size_t>(options.threads));
        for (int position = 0; position < options.chargers; ++position) {
            shares[static_cast<std::size_t>(position % options.threads)].push_back(
                {options.first_index + position, position});
        }
        for (const auto& share : shares) {
            workers_.push_back(
                std::make_unique<Worker>(options, connector, meter_template_, control_, ack_log, share));
        }
    }

    RunStats execute(RunSummary& summary) {
        const auto started = control_.epoch();
        for (auto& worker : workers_) {
            worker->start_thread();
            worker->launch(options_.connect_rate / options_.threads);
        }

        const double ramp_limit =
            (options_.connect_rate > 0 ? options_.chargers / options_.connect_rate : 0) +
            options_.call_timeout_seconds + 30;
        wait_until([&] { return interrupted() || control_.ready.load() >= options_.chargers; },
                   started + seconds(ramp_limit), "ramp");
        const auto ramp_end = SteadyClock::now();
        summary.ramp_seconds = seconds_between(started, ramp_end);
        summary.ramp_complete = control_.ready.load() >= options_.chargers;

        if (options_.storm_only) {
            sleep_with_progress(ramp_end + seconds(options_.storm_at_seconds.value_or(0)), "before storm");
            storm();
            summary.storm_happened = true;
            wait_until(
                [&] { return interrupted() || control_.storm_done.load() >= storm_chargers_; },
                SteadyClock::now() + seconds(options_.duration_seconds + options_.call_timeout_seconds),
                "storm");
        } else {
            const auto window_start = ramp_end + seconds(options_.warmup_seconds);
            const auto window_end = window_start + seconds(options_.duration_seconds);
            control_.set_window(window_start, window_end);
            summary.window_seconds = options_.duration_seconds;
            if (options_.storm_at_seconds) {
                sleep_with_progress(std::min(window_end, ramp_end + seconds(*options_.storm_at_seconds)),
                                    "run");
                if (SteadyClock::now() < window_end) {
                    storm();
                    summary.storm_happened = true;
                }
            }
            sleep_with_progress(window_end, "run");
            control_.stop_sending();
            wait_until([&] { return control_.outstanding.load() <= 0; },
                       SteadyClock::now() + seconds(options_.call_timeout_seconds), "drain");
        }

        for (auto& worker : workers_) {
            worker->shutdown();
        }
        for (auto& worker : workers_) {
            worker->join(kClosePatience);
        }
        summary.elapsed_seconds = seconds_between(started, SteadyClock::now());

        RunStats merged;
        for (const auto& worker : workers_) {
            merged.merge(worker->stats());
        }
        return merged;
    }

private:
    void storm() {
        storm_chargers_ = control_.launched.load();
        control_.storm_done.store(0);
        const auto now = SteadyClock::now();
        std::cerr << "storm: " << storm_chargers_ << " chargers drop their connections\n";
        for (auto& worker : workers_) {
            worker->storm(now);
        }
    }

    template <typename Done>
    void wait_until(Done done, SteadyTime deadline, const char* phase) {
        while (!done() && SteadyClock::now() < deadline) {
            std::this_thread::sleep_for(kPollPeriod);
            progress(phase);
        }
    }

    void sleep_with_progress(SteadyTime until, const char* phase) {
        wait_until([] { return interrupted(); }, until, phase);
    }

    void progress(const char* phase) {
        const auto now = SteadyClock::now();
        if (now < next_progress_) {
            return;
        }
        next_progress_ = now + kProgressPeriod;
        const auto answered = control_.answered.load();
        char line[256];
        std::snprintf(
            line, sizeof line,
            "[%7.1fs %s] launched=%lld connected=%lld ready=%lld answered/s=%llu outstanding=%lld\n",
            seconds_between(control_.epoch(), now), phase, static_cast<long long>(control_.launched.load()),
            static_cast<long long>(control_.connected.load()), static_cast<long long>(control_.ready.load()),
            static_cast<unsigned long long>(answered - last_answered_),
            static_cast<long long>(control_.outstanding.load()));
        last_answered_ = answered;
        std::cerr << line;
    }

    const Options& options_;
    MeterValuesTemplate meter_template_;
    RunControl control_;
    std::vector<std::unique_ptr<Worker>> workers_;
    std::int64_t storm_chargers_ = 0;
    SteadyTime next_progress_{};
    std::uint64_t last_answered_ = 0;
};

int run(int argc, char** argv) {
    std::optional<Options> options;
    try {
        options = parse_options(argc, argv);
    } catch (const std::invalid_argument& e) {
        std::cerr << "parkgrid_loadgen: " << e.what() << "\n";
        return 2;
    }
    if (!options) {
        return 0;  // --help
    }
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    RunSummary summary;
    summary.open_files_limit = raise_open_files_limit();
    if (summary.open_files_limit > 0 && summary.open_files_limit < options->chargers + 64) {
        std::cerr << "parkgrid_loadgen: warning: open files limited to " << summary.open_files_limit
                  << " for " << options->chargers << " chargers\n";
    }
    try {
        const auto connector = Connector::create(*options);
        summary.server_endpoint = connector->describe();
        std::unique_ptr<AckLog> ack_log;
        if (!options->ack_log.empty()) {
            ack_log = std::make_unique<AckLog>(options->ack_log);
        }
        RunStats stats;
        {
            Run run(*options, *connector, ack_log.get());
            stats = run.execute(summary);
        }
        std::cout << build_report(*options, stats, summary).dump(2) << std::endl;
    } catch (const std::exception& e) {
        std::cerr << "parkgrid_loadgen: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace
}  // namespace parkgrid::loadgen

int main(int argc, char** argv) {
    return parkgrid::loadgen::run(argc, argv);
}
