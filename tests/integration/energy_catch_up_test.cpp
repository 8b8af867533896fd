// A database from before energy statistics: its finished transactions have no ledger. The quality monitor
// accounts them batch after batch at start-up, without waiting a --quality-period between batches.

#include <chrono>
#include <thread>

#include "parkgrid/storage/database.hpp"
#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

class EnergyCatchUpTest : public CsmsTest {
protected:
    void SetUp() override {}  // each test fills the database before it starts the server
};

// More than two of the monitor's batches (500 transactions each).
constexpr int kTransactions = 1200;

void write_unaccounted_transactions(const std::filesystem::path& db_path) {
    storage::SqliteOptions options;
    options.path = db_path.string();
    options.durable = false;
    const auto database = storage::open_sqlite_database(options);
    // 2026-03-01T00:00:00Z, one session every 10 minutes, 1 kWh each.
    const storage::Timestamp first{std::chrono::milliseconds{1'772'323'200'000}};
    storage::write_and_wait(*database, [&](storage::Repositories& repositories) {
        repositories.chargers().insert("CP-OLD", std::nullopt, storage::RegistrationStatus::Accepted, first);
        for (int i = 0; i < kTransactions; ++i) {
            storage::TransactionStart start;
            start.charger_id = "CP-OLD";
            start.connector_id = 1;
            start.id_tag = "OLD";
            start.timestamp = first + std::chrono::minutes(10 * i);
            start.meter_start = 1000LL * i;
            start.authorization_status = "Accepted";
            start.received_at = start.timestamp;
            const auto id = repositories.transactions().insert(start);
            storage::TransactionStop stop;
            stop.timestamp = start.timestamp + std::chrono::minutes(5);
            stop.meter_stop = start.meter_start + 1000;
            stop.received_at = stop.timestamp;
            repositories.transactions().record_stop(id, stop);
        }
    });
    database->shutdown();
}

TEST_F(EnergyCatchUpTest, TransactionsWithoutLedgerAreAccountedBatchAfterBatchAtStartUp) {
    write_unaccounted_transactions(temp_.path() / "parkgrid.db");
    // An hour between runs: only catching up without waiting can account all of them in time.
    start_server({"--quality-period", "3600"});

    nlohmann::json row;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        const auto report =
            api("GET", "/api/v1/reports/energy?groupBy=charger&period=year&from=2026-01-01&to=2027-01-01");
        ASSERT_EQ(report.status, 200u) << report.body;
        const auto rows = report.json()["rows"];
        if (rows.size() == 1 && rows[0]["sessions"] == kTransactions) {
            row = rows[0];
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    ASSERT_FALSE(row.is_null()) << "not every transaction was accounted within a minute";
    EXPECT_EQ(row["id"], "CP-OLD");
    EXPECT_EQ(row["wh"], 1000LL * kTransactions);
}

}  // namespace
}  // namespace parkgrid::testing
