// Shows that a yearly energy report over 500 chargers and about 10 million meter samples answers within
// about a second, because it reads the ledger that accounting maintains incrementally (one write per
// finished session) instead of the samples. Generates a year of charging (2025, Asia/Shanghai) through the
// repositories, accounts every session as StopTransaction would, times the reports, and times the same
// yearly institution totals recomputed from the raw samples as the baseline; the two must agree.
//
// Build and run (Release, or the figures mean nothing); see docs/energy-benchmark.md:
//   cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release
//   cmake --build build-bench --target parkgrid_energy_bench
//   build-bench/tools/energy_bench/parkgrid_energy_bench [--db PATH] [--reuse] [--chargers N] [--samples N]
//                                                         [--days N] [--runs N] [--seed N]
// Full size (defaults: 500 chargers, 10,000,000 samples, 365 days) takes about 15 minutes and 5.2 GB in
// /tmp; --reuse measures an existing database again without generating it.
// Quick check (a few seconds):
//   build-bench/tools/energy_bench/parkgrid_energy_bench --db /tmp/energy-quick.db --chargers 10
//       --samples 20000 --days 30
// Exits with 1 when the ledger's totals and the recomputed ones differ.

#include <cstdio>
#include <exception>
#include <filesystem>
#include <optional>
#include <random>
#include <set>

#include "accounting_run.hpp"
#include "bench_options.hpp"
#include "machine.hpp"
#include "measurements.hpp"
#include "organisation_generator.hpp"
#include "session_generator.hpp"
#include "session_plan.hpp"

namespace {

using namespace parkgrid;
using namespace parkgrid::energy_bench;

std::string grouped(std::uint64_t number) {
    // Built forwards rather than with string::insert, which GCC 12 -O2 warns about (-Wrestrict, a false
    // positive).
    const auto digits = std::to_string(number);
    std::string text;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) {
            text += ',';
        }
        text += digits[i];
    }
    return text;
}

std::unique_ptr<storage::Database> open_database(const std::string& path) {
    storage::SqliteOptions sqlite;
    sqlite.path = path;
    sqlite.durable = false;  // generation speed; a crash only costs the benchmark's own data
    return storage::open_sqlite_database(sqlite);
}

void remove_database(const std::string& path) {
    for (const auto& file : {path, path + "-wal", path + "-shm"}) {
        std::filesystem::remove(file);
    }
}

std::size_t transaction_count(storage::Database& database) {
    return storage::read_and_wait(database, [](storage::Repositories& repositories) {
        return repositories.transactions().count(storage::TransactionFilter{});
    });
}

std::int64_t first_institution(storage::Database& database) {
    return storage::read_and_wait(database, [](storage::Repositories& repositories) {
        storage::InstitutionFilter filter;
        filter.limit = 1;
        const auto listing = repositories.institutions().query(filter);
        if (listing.items.empty()) {
            throw std::runtime_error("the database has no institution");
        }
        return listing.items.front().id;
    });
}

double per_second(std::size_t count, double seconds) {
    return seconds > 0 ? static_cast<double>(count) / seconds : 0;
}

// A new database with a generated year, its transactions not accounted yet.
GenerationFigures generate(storage::Database& database, const BenchOptions& options) {
    std::mt19937_64 rng(options.seed);
    const auto organisation = generate_organisation(database, options.chargers, rng);
    const auto schedule = plan_sessions(organisation, options, rng);
    std::printf("planned %s sessions on %zu chargers, a MeterValues every %.0f s: %s rows\n",
                grouped(schedule.sessions.size()).c_str(), organisation.chargers.size(),
                static_cast<double>(schedule.sample_interval_ms) / 1000,
                grouped(schedule.meter_rows).c_str());
    std::fflush(stdout);
    auto written = write_sessions(database, organisation, schedule);
    std::printf(
        "generation: %s MeterValues rows and %s transactions in %zu write jobs, %.1f s (CPU %.1f s): "
        "%.0f MeterValues rows/s\n",
        grouped(written.meter_rows).c_str(), grouped(written.transactions).c_str(), written.jobs,
        written.seconds, written.cpu_seconds, per_second(written.meter_rows, written.seconds));
    std::fflush(stdout);
    return written;
}

// Ledger and recomputed totals by institution, treating a missing row as 0 Wh.
bool totals_agree(const InstitutionWh& ledger, const InstitutionWh& recomputed) {
    std::set<std::string> keys;
    for (const auto* totals : {&ledger, &recomputed}) {
        for (const auto& [key, wh] : *totals) {
            keys.insert(key);
        }
    }
    bool agree = true;
    for (const auto& key : keys) {
        const auto a = ledger.contains(key) ? ledger.at(key) : 0;
        const auto b = recomputed.contains(key) ? recomputed.at(key) : 0;
        if (a != b) {
            std::printf("  institution %s: ledger %lld Wh, recomputed %lld Wh\n",
                        key.empty() ? "(none)" : key.c_str(), static_cast<long long>(a),
                        static_cast<long long>(b));
            agree = false;
        }
    }
    return agree;
}

std::int64_t sum(const InstitutionWh& totals) {
    std::int64_t wh = 0;
    for (const auto& [key, value] : totals) {
        wh += value;
    }
    return wh;
}

int run(const BenchOptions& options) {
    const auto machine = this_machine();
    std::printf("machine: %u cores, %s, load average %s\n", machine.cores, machine.cpu_model.c_str(),
                machine.load.c_str());

    std::unique_ptr<storage::Database> database;
    std::optional<GenerationFigures> generated;
    std::vector<std::int32_t> to_account;
    if (options.reuse && std::filesystem::exists(options.db_path)) {
        database = open_database(options.db_path);
        if (transaction_count(*database) > 0) {
            to_account = unaccounted_transactions(*database);
            std::printf("reusing %s (%zu sessions left to account)\n", options.db_path.c_str(),
                        to_account.size());
        } else {
            database->shutdown();
            database.reset();
        }
    }
    if (!database) {
        remove_database(options.db_path);
        database = open_database(options.db_path);
        generated = generate(*database, options);
        to_account = std::move(generated->transaction_ids);
    }

    const auto accounting = account_transactions(*database, to_account);
    if (accounting.sessions > 0) {
        std::printf("accounting: %s sessions in %zu write jobs, %.1f s (CPU %.1f s): %.0f us per session\n",
                    grouped(accounting.sessions).c_str(), accounting.jobs, accounting.seconds,
                    accounting.cpu_seconds,
                    accounting.seconds * 1e6 / static_cast<double>(accounting.sessions));
        std::fflush(stdout);
    }

    const auto timings = time_reports(*database, options.runs, first_institution(*database));
    std::printf("\n%-40s %10s %10s %10s %6s %10s   (%d runs)\n", "report over 2025", "median ms", "max ms",
                "CPU ms", "rows", "JSON bytes", options.runs);
    for (const auto& timing : timings) {
        std::printf("%-40s %10.1f %10.1f %10.1f %6zu %10s\n", timing.name.c_str(), timing.median_ms(),
                    timing.max_ms(), timing.median_cpu_ms(), timing.rows, grouped(timing.bytes).c_str());
    }
    std::fflush(stdout);

    const auto ledger = aggregated_totals(*database);
    const auto recomputed = recompute_from_samples(*database);
    const auto& aggregated = timings.front();  // institution/year: what the recompute answers too
    const bool agree = totals_agree(ledger.wh, recomputed.wh);
    database->shutdown();

    std::printf("\n%-44s %s\n", "sessions in 2025 (ledger)",
                grouped(static_cast<std::uint64_t>(ledger.sessions)).c_str());
    std::printf("%-44s %s\n", "transactions recomputed", grouped(recomputed.transactions).c_str());
    std::printf("%-44s %s\n", "MeterValues rows read by the recompute",
                grouped(recomputed.meter_rows).c_str());
    std::printf("%-44s %s\n", "ledger parts (day x time-of-use) in 2025", grouped(recomputed.parts).c_str());
    std::printf("%-44s %.2f GB\n", "database size (file + WAL)",
                static_cast<double>(database_bytes(options.db_path)) / 1e9);
    if (generated) {
        std::printf("%-44s %.0f MeterValues rows/s (%.1f s)\n", "generation",
                    per_second(generated->meter_rows, generated->seconds), generated->seconds);
    }
    if (accounting.sessions > 0) {
        std::printf(
            "%-44s %.0f us per session (CPU %.0f us), %.1f s in all\n", "accounting (incremental step)",
            accounting.seconds * 1e6 / static_cast<double>(accounting.sessions),
            accounting.cpu_seconds * 1e6 / static_cast<double>(accounting.sessions), accounting.seconds);
    }
    std::printf("%-44s %.1f ms median, %.1f ms max (CPU %.1f ms)\n",
                "yearly institution report from the ledger", aggregated.median_ms(), aggregated.max_ms(),
                aggregated.median_cpu_ms());
    std::printf("%-44s %.1f s (CPU %.1f s), once\n", "the same recomputed from the samples",
                recomputed.seconds, recomputed.cpu_seconds);
    std::printf("%-44s %.0f x wall, %.0f x CPU\n", "ratio recompute / ledger",
                recomputed.seconds * 1000 / aggregated.median_ms(),
                recomputed.cpu_seconds * 1000 / aggregated.median_cpu_ms());
    std::printf("%-44s %s: %s Wh ledger, %s Wh recomputed\n", "totals check", agree ? "agree" : "DIFFER",
                grouped(static_cast<std::uint64_t>(sum(ledger.wh))).c_str(),
                grouped(static_cast<std::uint64_t>(sum(recomputed.wh))).c_str());
    std::printf("%-44s %u cores, %s, load average %s at the start\n", "machine", machine.cores,
                machine.cpu_model.c_str(), machine.load.c_str());
    return agree ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parse_options(argc, argv);
    try {
        return run(options);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "parkgrid_energy_bench: %s\n", error.what());
        return 1;
    }
}
