#include "sqlite_transaction_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <functional>

#include "repository_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

TransactionStart start_on(std::string charger, std::int32_t connector, std::string id_tag,
                          std::int64_t timestamp) {
    return TransactionStart{.charger_id = std::move(charger),
                            .connector_id = connector,
                            .id_tag = std::move(id_tag),
                            .timestamp = at_millis(timestamp),
                            .meter_start = 1000,
                            .reservation_id = std::nullopt,
                            .authorization_status = "Accepted",
                            .received_at = at_millis(timestamp + 5)};
}

TransactionStop stop_at(std::int64_t timestamp, std::int64_t meter_stop) {
    return TransactionStop{.timestamp = at_millis(timestamp),
                           .meter_stop = meter_stop,
                           .reason = "Local",
                           .id_tag = "TAG",
                           .received_at = at_millis(timestamp + 5)};
}

std::vector<std::int32_t> ids(const std::vector<TransactionRecord>& transactions) {
    std::vector<std::int32_t> result;
    for (const TransactionRecord& transaction : transactions) {
        result.push_back(transaction.id);
    }
    return result;
}

class TransactionRepositoryTest : public testing::RepositoryTest {
protected:
    TransactionRepositoryTest() {
        add_charger("CP1");
        add_charger("CP2");
    }
    TransactionRepository& transactions() { return repositories_.transactions(); }

    std::vector<std::int32_t> query_ids(const std::function<void(TransactionFilter&)>& configure) {
        TransactionFilter filter;
        configure(filter);
        return ids(transactions().query(filter));
    }
};

TEST_F(TransactionRepositoryTest, InsertsAndFindsWithEveryField) {
    TransactionStart start = start_on("CP1", 2, "TAG", 10'000);
    start.reservation_id = 77;
    start.authorization_status = "ConcurrentTx";
    const std::int32_t id = transactions().insert(start);
    EXPECT_GT(id, 0);

    const auto found = transactions().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->start.charger_id, "CP1");
    EXPECT_EQ(found->start.connector_id, 2);
    EXPECT_EQ(found->start.id_tag, "TAG");
    EXPECT_EQ(found->start.timestamp, at_millis(10'000));
    EXPECT_EQ(found->start.meter_start, 1000);
    EXPECT_EQ(found->start.reservation_id, 77);
    EXPECT_EQ(found->start.authorization_status, "ConcurrentTx");
    EXPECT_EQ(found->start.received_at, at_millis(10'005));
    EXPECT_FALSE(found->stop);
    EXPECT_FALSE(found->energy_wh());
    EXPECT_FALSE(transactions().find(id + 1));
    EXPECT_FALSE(transactions().find(-1));
}

TEST_F(TransactionRepositoryTest, RecordsTheStop) {
    const std::int32_t id = transactions().insert(start_on("CP1", 1, "TAG", 1000));
    transactions().record_stop(id, stop_at(5000, 4500));
    const auto found = transactions().find(id);
    ASSERT_TRUE(found && found->stop);
    EXPECT_EQ(found->stop->timestamp, at_millis(5000));
    EXPECT_EQ(found->stop->meter_stop, 4500);
    EXPECT_EQ(found->stop->reason, "Local");
    EXPECT_EQ(found->stop->id_tag, "TAG");
    EXPECT_EQ(found->stop->received_at, at_millis(5005));
    EXPECT_EQ(found->energy_wh(), 3500);

    // Only the first stop counts, so a retried (or conflicting) StopTransaction changes nothing.
    transactions().record_stop(id, stop_at(9000, 9999));
    EXPECT_EQ(transactions().find(id)->stop->meter_stop, 4500);
    EXPECT_NO_THROW(transactions().record_stop(12345, stop_at(1, 1)));
}

TEST_F(TransactionRepositoryTest, StopWithoutOptionalFields) {
    const std::int32_t id = transactions().insert(start_on("CP1", 1, "TAG", 1000));
    transactions().record_stop(id, TransactionStop{.timestamp = at_millis(2000),
                                                   .meter_stop = 1000,
                                                   .reason = std::nullopt,
                                                   .id_tag = std::nullopt,
                                                   .received_at = at_millis(2001)});
    const auto found = transactions().find(id);
    ASSERT_TRUE(found->stop);
    EXPECT_FALSE(found->stop->reason);
    EXPECT_FALSE(found->stop->id_tag);
}

TEST_F(TransactionRepositoryTest, FindSameStartDeduplicatesRetries) {
    const TransactionStart start = start_on("CP1", 1, "TAG", 1000);
    EXPECT_FALSE(transactions().find_same_start(start));
    const std::int32_t id = transactions().insert(start);

    TransactionStart retry = start;
    retry.received_at = at_millis(99'999);  // arrives later, same content
    retry.id_tag = "tag";                   // id tags compare case-insensitively
    const auto found = transactions().find_same_start(retry);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);

    for (auto change : std::vector<std::function<void(TransactionStart&)>>{
             [](TransactionStart& s) { s.charger_id = "CP2"; },
             [](TransactionStart& s) { s.connector_id = 2; }, [](TransactionStart& s) { s.id_tag = "OTHER"; },
             [](TransactionStart& s) { s.timestamp += std::chrono::milliseconds(1); },
             [](TransactionStart& s) { s.meter_start += 1; }}) {
        TransactionStart different = start;
        change(different);
        EXPECT_FALSE(transactions().find_same_start(different));
    }

    // The unique index backs the rule even if a caller forgets to look first.
    try {
        transactions().insert(retry);
        FAIL() << "duplicate start stored";
    } catch (const sqlite::SqliteError& error) {
        EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
    }
}

TEST_F(TransactionRepositoryTest, IdsIncreaseStrictlyAndAreNeverReused) {
    std::int32_t previous = 0;
    for (int i = 0; i < 5; ++i) {
        const std::int32_t id = transactions().insert(start_on("CP1", 1, "TAG", 1000 + i));
        EXPECT_GT(id, previous);
        previous = id;
    }
    // Delete the newest: a plain rowid table would hand its id out again. Its attribution refers to it.
    connection_.execute_script(
        "DELETE FROM transaction_attribution WHERE transaction_id = " + std::to_string(previous) +
        "; DELETE FROM transactions WHERE id = " + std::to_string(previous));
    const std::int32_t next = transactions().insert(start_on("CP1", 1, "TAG", 2000));
    EXPECT_GT(next, previous);
}

TEST_F(TransactionRepositoryTest, IdsStayWithin32Bits) {
    transactions().insert(start_on("CP1", 1, "TAG", 1));
    connection_.execute_script("UPDATE sqlite_sequence SET seq = 2147483646 WHERE name = 'transactions'");
    EXPECT_EQ(transactions().insert(start_on("CP1", 1, "TAG", 2)), 2147483647);
    EXPECT_THROW(transactions().insert(start_on("CP1", 1, "TAG", 3)), sqlite::SqliteError);
}

TEST_F(TransactionRepositoryTest, UnknownChargerIsRefused) {
    EXPECT_THROW(transactions().insert(start_on("nobody", 1, "TAG", 1)), sqlite::SqliteError);
}

TEST_F(TransactionRepositoryTest, FindsOpenTransactionsPerConnectorAndIdTag) {
    const std::int32_t a = transactions().insert(start_on("CP1", 1, "TAG", 1000));
    const std::int32_t b =
        transactions().insert(start_on("CP1", 1, "TAG", 2000));  // a charger that lost a stop
    const std::int32_t c = transactions().insert(start_on("CP1", 2, "tag", 3000));
    const std::int32_t d = transactions().insert(start_on("CP2", 1, "OTHER", 4000));
    const std::int32_t e = transactions().insert(start_on("CP2", 2, "TAG", 5000));
    transactions().record_stop(e, stop_at(6000, 2000));

    EXPECT_EQ(ids(transactions().open_on_connector("CP1", 1)), (std::vector<std::int32_t>{a, b}));
    EXPECT_EQ(ids(transactions().open_on_connector("CP1", 2)), std::vector<std::int32_t>{c});
    EXPECT_EQ(ids(transactions().open_on_connector("CP2", 1)), std::vector<std::int32_t>{d});
    EXPECT_TRUE(transactions().open_on_connector("CP2", 2).empty());
    EXPECT_EQ(ids(transactions().open_for_id_tag("Tag")), (std::vector<std::int32_t>{a, b, c}));
    EXPECT_TRUE(transactions().open_for_id_tag("NONE").empty());
}

TEST_F(TransactionRepositoryTest, QueryHonoursEveryFilterNewestFirst) {
    const std::int32_t a = transactions().insert(start_on("CP1", 1, "TAG", 1000));
    const std::int32_t b = transactions().insert(start_on("CP1", 2, "OTHER", 2000));
    const std::int32_t c = transactions().insert(start_on("CP2", 1, "tag", 3000));
    const std::int32_t d = transactions().insert(start_on("CP1", 1, "TAG", 4000));
    transactions().record_stop(a, stop_at(1500, 1100));
    transactions().record_stop(c, stop_at(3500, 1100));
    using Ids = std::vector<std::int32_t>;

    EXPECT_EQ(query_ids([](TransactionFilter&) {}), (Ids{d, c, b, a}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.charger_id = "CP1"; }), (Ids{d, b, a}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.id_tag = "TAG"; }), (Ids{d, c, a}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.from = at_millis(2000); }), (Ids{d, c, b}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.to = at_millis(3000); }), (Ids{b, a}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) {
                  f.from = at_millis(2000);
                  f.to = at_millis(4000);
              }),
              (Ids{c, b}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.open = true; }), (Ids{d, b}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.open = false; }), (Ids{c, a}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) {
                  f.charger_id = "CP1";
                  f.id_tag = "tag";
                  f.from = at_millis(0);
                  f.to = at_millis(10'000);
                  f.open = false;
              }),
              Ids{a});
    EXPECT_EQ(query_ids([](TransactionFilter& f) { f.limit = 2; }), (Ids{d, c}));
    EXPECT_EQ(query_ids([](TransactionFilter& f) {
                  f.limit = 2;
                  f.offset = 2;
              }),
              (Ids{b, a}));
    EXPECT_TRUE(query_ids([](TransactionFilter& f) { f.limit = 0; }).empty());
    EXPECT_TRUE(query_ids([](TransactionFilter& f) { f.charger_id = "CP3"; }).empty());

    TransactionFilter on_cp2;
    on_cp2.charger_id = "CP2";
    const auto stopped = transactions().query(on_cp2);
    ASSERT_EQ(stopped.size(), 1U);
    ASSERT_TRUE(stopped[0].stop);
    EXPECT_EQ(stopped[0].energy_wh(), 100);
}

TEST_F(TransactionRepositoryTest, SameStartTimeOrdersByIdNewestFirst) {
    const std::int32_t a = transactions().insert(start_on("CP1", 1, "TAG", 1000));
    const std::int32_t b = transactions().insert(start_on("CP1", 2, "TAG", 1000));
    EXPECT_EQ(ids(transactions().query(TransactionFilter())), (std::vector<std::int32_t>{b, a}));
}

}  // namespace
}  // namespace parkgrid::storage
