#include "sqlite/transaction.hpp"

#include <gtest/gtest.h>

#include "sqlite/sqlite_error.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage::sqlite {
namespace {

using testing::TempDir;

class TransactionTest : public ::testing::Test {
protected:
    TransactionTest() { connection_.execute_script("CREATE TABLE t (x INTEGER)"); }

    std::int64_t rows() { return connection_.query_int("SELECT count(*) FROM t"); }
    void insert(int value) {
        auto statement = connection_.cached("INSERT INTO t VALUES (?1)");
        statement->bind_all(value).execute();
    }

    TempDir directory_;
    Connection connection_{directory_.file("a.db"), ConnectionOptions{.durable = false}};
};

TEST_F(TransactionTest, CommitKeepsTheWork) {
    {
        Transaction transaction(connection_);
        EXPECT_TRUE(connection_.in_transaction());
        insert(1);
        transaction.commit();
    }
    EXPECT_FALSE(connection_.in_transaction());
    EXPECT_EQ(rows(), 1);
}

TEST_F(TransactionTest, RollsBackWhenLeftWithoutCommit) {
    try {
        Transaction transaction(connection_);
        insert(1);
        throw std::runtime_error("failed half-way");
    } catch (const std::runtime_error&) {
    }
    EXPECT_FALSE(connection_.in_transaction());
    EXPECT_EQ(rows(), 0);
}

TEST_F(TransactionTest, ImmediateTransactionTakesTheWriteLockAtBegin) {
    Connection other(directory_.file("a.db"),
                     ConnectionOptions{.busy_timeout = std::chrono::milliseconds(0)});
    Transaction transaction(connection_, TransactionMode::Immediate);
    EXPECT_THROW({ Transaction second_writer(other, TransactionMode::Immediate); }, SqliteError);
    // A deferred (read) transaction still works alongside: WAL readers do not wait for the writer.
    Transaction read(other, TransactionMode::Deferred);
    EXPECT_EQ(other.query_int("SELECT count(*) FROM t"), 0);
}

TEST_F(TransactionTest, SavepointRollbackUndoesOnlyItsOwnWork) {
    Transaction transaction(connection_);
    insert(1);
    {
        Savepoint savepoint(connection_, "job");
        insert(2);
        savepoint.rollback();
    }
    {
        Savepoint savepoint(connection_, "job");
        insert(3);
        savepoint.release();
    }
    {
        Savepoint savepoint(connection_, "job");
        insert(4);
    }  // neither released nor rolled back: rolled back
    transaction.commit();
    EXPECT_EQ(connection_.query_text("SELECT group_concat(x) FROM (SELECT x FROM t ORDER BY x)"), "1,3");
}

}  // namespace
}  // namespace parkgrid::storage::sqlite
