#pragma once

#include <string>

#include "sqlite/connection.hpp"

namespace parkgrid::storage::sqlite {

enum class TransactionMode {
    // Takes the read snapshot at the first read; for read-only work.
    Deferred,
    // Takes the write lock at BEGIN, so a writer never fails half-way with SQLITE_BUSY on lock upgrade.
    Immediate,
};

// A transaction that rolls back when it goes out of scope without commit(), e.g. on an exception.
class Transaction {
public:
    explicit Transaction(Connection& connection, TransactionMode mode = TransactionMode::Immediate);
    ~Transaction();

    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void commit();
    void rollback();

private:
    Connection& connection_;
    bool open_ = true;
};

// A savepoint: a nested unit of work that can be undone without undoing the enclosing transaction.
// Rolls back when it goes out of scope without release().
class Savepoint {
public:
    Savepoint(Connection& connection, std::string name);
    ~Savepoint();

    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;

    // Keeps the work (it becomes part of the enclosing transaction).
    void release();
    // Undoes the work done since the savepoint and ends it.
    void rollback();

private:
    Connection& connection_;
    std::string name_;
    bool open_ = true;
};

}  // namespace parkgrid::storage::sqlite
