// parkgrid_sqlite_ceiling: the durable-write ceiling of ParkGrid's stack. Inserts rows shaped like csms's
// meter_values (storage/migrations/0001_initial.sql: same columns, indexes and foreign keys, WAL,
// synchronous=FULL, foreign_keys=ON as storage/src/sqlite/connection.cpp sets them) with one prepared
// statement, B rows per transaction, as fast as one thread can. csms answers a MeterValues only after its
// group commit, so its sustained rate cannot exceed these figures at the batch sizes its commits reach. Plain
// sqlite3 C API on purpose: nothing of ParkGrid is measured here. Prints one JSON object; run by
// tools/bench/run.sh.
//
//   parkgrid_sqlite_ceiling --db /tmp/x/ceiling.db [--batch 64] [--seconds 5] [--row-bytes 752]
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.hpp"

namespace parkgrid::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string db;
    std::vector<int> batches{1, 16, 64, 256, 512};
    std::string synchronous = "FULL";
    // What csms stores for one of the load generator's three-phase MeterValue elements (samples JSON).
    int row_bytes = 752;
    double seconds = 5;
    int chargers = 1000;
};

Options parse_options(int argc, char** argv) {
    const CommandLine command_line(
        "parkgrid_sqlite_ceiling",
        "usage: parkgrid_sqlite_ceiling [--db FILE] [--batch B[,B...]] [--synchronous FULL|NORMAL]\n"
        "                               [--row-bytes N] [--seconds S] [--chargers N]\n");
    Options options;
    command_line.for_each_flag(argc, argv, [&](const std::string& flag, const std::string& value) {
        if (flag == "--db") {
            options.db = value;
        } else if (flag == "--batch") {
            options.batches.clear();
            std::stringstream list(value);
            for (std::string item; std::getline(list, item, ',');) {
                options.batches.push_back(command_line.integer(item, flag, 1));
            }
        } else if (flag == "--synchronous") {
            if (value != "FULL" && value != "NORMAL") {
                command_line.fail("--synchronous expects FULL or NORMAL");
            }
            options.synchronous = value;
        } else if (flag == "--row-bytes") {
            options.row_bytes = command_line.integer(value, flag, 1);
        } else if (flag == "--seconds") {
            try {
                options.seconds = std::stod(value);
            } catch (const std::exception&) {
                command_line.fail("--seconds expects a number");
            }
        } else if (flag == "--chargers") {
            options.chargers = command_line.integer(value, flag, 1);
        } else {
            return false;
        }
        return true;
    });
    if (options.db.empty()) {
        options.db = (std::filesystem::temp_directory_path() /
                      ("parkgrid_sqlite_ceiling." + std::to_string(::getpid()) + ".db"))
                         .string();
    }
    return options;
}

class Database {
public:
    explicit Database(const std::string& path) {
        if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db_);
            sqlite3_close(db_);
            throw std::runtime_error("cannot open " + path + ": " + message);
        }
    }
    ~Database() {
        sqlite3_finalize(insert_);
        sqlite3_close(db_);
    }
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql) {
        char* message = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            const std::string text = message != nullptr ? message : "unknown error";
            sqlite3_free(message);
            throw std::runtime_error(sql.substr(0, 60) + ": " + text);
        }
    }

    sqlite3_stmt* prepare(const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        check(sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &statement, nullptr),
              "prepare");
        return statement;
    }

    void check(int result, const char* what) {
        if (result != SQLITE_OK && result != SQLITE_DONE && result != SQLITE_ROW) {
            throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db_));
        }
    }

    sqlite3_stmt* insert_ = nullptr;  // finalized before the connection closes

private:
    sqlite3* db_ = nullptr;
};

void remove_database(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::filesystem::remove(path + suffix);
    }
}

// The tables meter_values refers to keep their foreign keys, so each insert pays the same parent lookups as
// in csms; their other columns do not matter for the write path and are left out.
void create_schema(Database& db, const Options& options) {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA synchronous = " + options.synchronous);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec(R"(
CREATE TABLE chargers (id TEXT PRIMARY KEY) STRICT;
CREATE TABLE transactions (id INTEGER PRIMARY KEY, charger_id TEXT NOT NULL REFERENCES chargers (id)) STRICT;
CREATE TABLE meter_values (
    id               INTEGER PRIMARY KEY,
    charger_id       TEXT    NOT NULL REFERENCES chargers (id),
    connector_id     INTEGER NOT NULL,
    transaction_id   INTEGER REFERENCES transactions (id),
    timestamp        INTEGER NOT NULL,
    source           TEXT    NOT NULL,
    received_at      INTEGER NOT NULL,
    energy_import_wh REAL,
    power_import_w   REAL,
    soc_percent      REAL,
    samples          TEXT    NOT NULL
) STRICT;
CREATE INDEX meter_values_by_transaction ON meter_values (transaction_id, timestamp);
CREATE INDEX meter_values_by_received_at ON meter_values (received_at);
)");
    db.exec("BEGIN");
    sqlite3_stmt* charger = db.prepare("INSERT INTO chargers (id) VALUES (?1)");
    sqlite3_stmt* transaction = db.prepare("INSERT INTO transactions (id, charger_id) VALUES (?1, ?2)");
    for (int i = 0; i < options.chargers; ++i) {
        const std::string id = "BENCH" + std::to_string(i);
        sqlite3_bind_text(charger, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        db.check(sqlite3_step(charger), "insert charger");
        sqlite3_reset(charger);
        sqlite3_bind_int(transaction, 1, i + 1);
        sqlite3_bind_text(transaction, 2, id.c_str(), -1, SQLITE_TRANSIENT);
        db.check(sqlite3_step(transaction), "insert transaction");
        sqlite3_reset(transaction);
    }
    sqlite3_finalize(charger);
    sqlite3_finalize(transaction);
    db.exec("COMMIT");
}

// A samples column of the requested size that looks like what csms stores (a JSON array of sampled values).
std::string samples_text(int bytes) {
    std::string text = R"([{"measurand":"Energy.Active.Import.Register","unit":"Wh","value":")";
    while (static_cast<int>(text.size()) + 3 < bytes) {
        text.push_back(static_cast<char>('0' + text.size() % 10));
    }
    text += R"("}])";
    return text;
}

struct BatchResult {
    int batch = 0;
    long long rows = 0;
    long long commits = 0;
    double seconds = 0;
    std::vector<double> commit_ms;
};

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty()) {
        return 0;
    }
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

BatchResult run_batch(const Options& options, int batch) {
    remove_database(options.db);
    BatchResult result;
    result.batch = batch;
    {
        Database db(options.db);
        create_schema(db, options);
        db.insert_ = db.prepare(
            "INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, source, "
            "received_at, "
            "energy_import_wh, power_import_w, soc_percent, samples) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
            "?9, "
            "?10)");
        std::vector<std::string> charger_ids;
        for (int i = 0; i < options.chargers; ++i) {
            charger_ids.push_back("BENCH" + std::to_string(i));
        }
        const std::string samples = samples_text(options.row_bytes);
        const auto started = Clock::now();
        const auto deadline = started + std::chrono::duration_cast<Clock::duration>(
                                            std::chrono::duration<double>(options.seconds));
        long long row = 0;
        while (Clock::now() < deadline) {
            // Latency of one commit as a waiting message sees it: from BEGIN until COMMIT has returned.
            const auto begun = Clock::now();
            db.exec("BEGIN");
            for (int i = 0; i < batch; ++i, ++row) {
                const int charger = static_cast<int>(row % options.chargers);
                sqlite3_stmt* insert = db.insert_;
                sqlite3_bind_text(insert, 1, charger_ids[static_cast<std::size_t>(charger)].c_str(), -1,
                                  SQLITE_STATIC);
                sqlite3_bind_int(insert, 2, 1);
                sqlite3_bind_int(insert, 3, charger + 1);
                sqlite3_bind_int64(insert, 4, 1'767'225'600'000LL + row);
                sqlite3_bind_text(insert, 5, "MeterValues", -1, SQLITE_STATIC);
                sqlite3_bind_int64(insert, 6, 1'767'225'600'000LL + row);
                sqlite3_bind_double(insert, 7, static_cast<double>(row));
                sqlite3_bind_double(insert, 8, 11000.0);
                sqlite3_bind_null(insert, 9);
                sqlite3_bind_text(insert, 10, samples.c_str(), static_cast<int>(samples.size()),
                                  SQLITE_STATIC);
                db.check(sqlite3_step(insert), "insert meter value");
                sqlite3_reset(insert);
            }
            db.exec("COMMIT");
            result.commit_ms.push_back(
                std::chrono::duration<double, std::milli>(Clock::now() - begun).count());
            result.rows += batch;
            ++result.commits;
        }
        result.seconds = std::chrono::duration<double>(Clock::now() - started).count();
    }
    remove_database(options.db);
    return result;
}

std::string number(double value) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(3) << value;
    return out.str();
}

void print_json(const Options& options, const std::vector<BatchResult>& results) {
    std::cout << "{\"config\":{\"db\":\"" << options.db << "\",\"synchronous\":\"" << options.synchronous
              << "\",\"row_bytes\":" << options.row_bytes << ",\"seconds\":" << number(options.seconds)
              << ",\"chargers\":" << options.chargers << ",\"sqlite_version\":\"" << sqlite3_libversion()
              << "\"},\"results\":[";
    for (std::size_t i = 0; i < results.size(); ++i) {
        const auto& r = results[i];
        auto sorted = r.commit_ms;
        std::sort(sorted.begin(), sorted.end());
        std::cout << (i == 0 ? "" : ",") << "{\"batch\":" << r.batch << ",\"rows\":" << r.rows
                  << ",\"commits\":" << r.commits << ",\"seconds\":" << number(r.seconds)
                  << ",\"rows_per_second\":" << number(static_cast<double>(r.rows) / r.seconds)
                  << ",\"commits_per_second\":" << number(static_cast<double>(r.commits) / r.seconds)
                  << ",\"commit_latency_ms\":{\"p50\":" << number(percentile(sorted, 0.50))
                  << ",\"p99\":" << number(percentile(sorted, 0.99))
                  << ",\"max\":" << number(sorted.empty() ? 0 : sorted.back()) << "}}";
    }
    std::cout << "]}" << std::endl;
}

}  // namespace
}  // namespace parkgrid::bench

int main(int argc, char** argv) {
    try {
        const auto options = parkgrid::bench::parse_options(argc, argv);
        std::vector<parkgrid::bench::BatchResult> results;
        for (const int batch : options.batches) {
            results.push_back(parkgrid::bench::run_batch(options, batch));
        }
        parkgrid::bench::print_json(options, results);
        return 0;
    } catch (const std::exception& error) {
        std::cerr << "parkgrid_sqlite_ceiling: " << error.what() << "\n";
        return 1;
    }
}
