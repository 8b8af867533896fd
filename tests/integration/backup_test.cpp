// csms backup FILE: a consistent copy of the live database while csms serves chargers that keep writing.

#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <thread>

#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using BackupCommandTest = CsmsTest;

struct CommandResult {
    int status = -1;
    std::string output;
};

CommandResult run(const std::string& command) {
    CommandResult result;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (pipe == nullptr) {
        return result;
    }
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        result.output += buffer;
    }
    result.status = ::pclose(pipe);
    return result;
}

std::int64_t count_rows(const std::filesystem::path& database, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    std::int64_t value = -1;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        value = sqlite3_column_int64(statement, 0);
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
}

std::string integrity_of(const std::filesystem::path& database) {
    sqlite3* db = nullptr;
    sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* statement = nullptr;
    std::string verdict;
    if (sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &statement, nullptr) == SQLITE_OK &&
        sqlite3_step(statement) == SQLITE_ROW) {
        verdict = reinterpret_cast<const char*>(sqlite3_column_text(statement, 0));
    }
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return verdict;
}

TEST_F(BackupCommandTest, CopiesTheLiveDatabaseWhileChargersKeepWriting) {
    auto charger = connect_accepted("CP-1");
    create_id_tag("CAR-1");
    const int transaction = charger
                                ->call("StartTransaction", {{"connectorId", 1},
                                                            {"idTag", "CAR-1"},
                                                            {"meterStart", 0},
                                                            {"timestamp", "2026-11-25T08:00:00Z"}})
                                .payload["transactionId"];
    std::atomic<int> acknowledged{0};
    std::atomic<bool> metering{true};
    std::thread meter([&] {
        for (int wh = 10; metering; wh += 10) {
            const auto answer =
                charger->call("MeterValues", {{"connectorId", 1},
                                              {"transactionId", transaction},
                                              {"meterValue",
                                               {{{"timestamp", "2026-11-25T08:00:01Z"},
                                                 {"sampledValue", {{{"value", std::to_string(wh)}}}}}}}});
            if (answer.type == 3) {
                ++acknowledged;
            }
        }
    });
    while (acknowledged < 20) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    const int before = acknowledged;
    const auto copy = server_->db_path().parent_path() / "copy.db";
    const auto backup =
        run(csms_binary() + " backup " + copy.string() + " --db " + server_->db_path().string());
    const int after = acknowledged;
    metering = false;
    meter.join();

    ASSERT_EQ(backup.status, 0) << backup.output;
    const auto printed = nlohmann::json::parse(backup.output);
    EXPECT_EQ(printed["backup"], copy.string());
    EXPECT_GT(printed["bytes"].get<std::int64_t>(), 0);
    EXPECT_GT(after, before) << "chargers were answered while the copy ran";
    EXPECT_EQ(integrity_of(copy), "ok");
    EXPECT_EQ(count_rows(copy, "SELECT count(*) FROM transactions"), 1);
    const auto copied = count_rows(copy, "SELECT count(*) FROM meter_values");
    EXPECT_GE(copied, before) << "every reading acknowledged before the copy began is in it";
    EXPECT_LE(copied, after);
    // The server goes on as before.
    EXPECT_EQ(api("GET", "/api/v1/transactions/" + std::to_string(transaction)).status, 200u);
}

TEST_F(BackupCommandTest, RefusesBadArgumentsAndAMissingDatabase) {
    const auto binary = csms_binary();
    EXPECT_EQ(WEXITSTATUS(run(binary + " backup").status), 2);
    EXPECT_EQ(WEXITSTATUS(run(binary + " backup a.db b.db").status), 2);
    const auto missing = run(binary + " backup /tmp/parkgrid-never.db --db /nonexistent/parkgrid.db");
    EXPECT_EQ(WEXITSTATUS(missing.status), 1) << missing.output;
    EXPECT_NE(missing.output.find("no database"), std::string::npos) << missing.output;
}

}  // namespace
}  // namespace parkgrid::testing
