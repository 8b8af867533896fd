#include "sqlite/transaction.hpp"

#include <utility>

namespace parkgrid::storage::sqlite {
namespace {

// Transaction control statements run for every job, so they come from the statement cache.
void run(Connection& connection, const std::string& sql) {
    connection.cached(sql)->execute();
}

}  // namespace

Transaction::Transaction(Connection& connection, TransactionMode mode) : connection_(connection) {
    run(connection_, mode == TransactionMode::Immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
    if (open_) {
        try {
            rollback();
        } catch (...) {
            // Nothing more can be done here; SQLite rolls back an unfinished transaction on close anyway.
        }
    }
}

void Transaction::commit() {
    run(connection_, "COMMIT");
    open_ = false;
}

void Transaction::rollback() {
    open_ = false;
    // Some errors (SQLITE_FULL, SQLITE_IOERR, ...) roll the transaction back by themselves.
    if (connection_.in_transaction()) {
        run(connection_, "ROLLBACK");
    }
}

Savepoint::Savepoint(Connection& connection, std::string name)
    : connection_(connection), name_(std::move(name)) {
    run(connection_, "SAVEPOINT " + name_);
}

Savepoint::~Savepoint() {
    if (open_) {
        try {
            rollback();
        } catch (...) {
            // The enclosing transaction's commit or rollback decides; see Transaction.
        }
    }
}

void Savepoint::release() {
    run(connection_, "RELEASE " + name_);
    open_ = false;
}

void Savepoint::rollback() {
    open_ = false;
    // ROLLBACK TO undoes the work but leaves the savepoint on the stack; RELEASE removes it.
    run(connection_, "ROLLBACK TO " + name_);
    run(connection_, "RELEASE " + name_);
}

}  // namespace parkgrid::storage::sqlite
