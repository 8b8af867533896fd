#include "sqlite/statement.hpp"

#include <sqlite3.h>

#include <limits>
#include <stdexcept>
#include <utility>

#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage::sqlite {

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw std::length_error("SQL statement too long");
    }
    const char* tail = nullptr;
    const int result = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                          SQLITE_PREPARE_PERSISTENT, &statement_, &tail);
    if (result != SQLITE_OK) {
        sqlite3_finalize(statement_);
        throw_sqlite_error(db, result, std::string(sql));
    }
    if (statement_ == nullptr) {
        throw std::invalid_argument("SQL holds no statement: " + std::string(sql));
    }
    // Anything after the first statement would be silently ignored; refuse it instead.
    for (const char* c = tail; c != nullptr && c < sql.data() + sql.size(); ++c) {
        if (*c != ' ' && *c != '\n' && *c != '\t' && *c != '\r' && *c != ';') {
            sqlite3_finalize(statement_);
            throw std::invalid_argument("SQL holds more than one statement: " + std::string(sql));
        }
    }
}

Statement::~Statement() {
    sqlite3_finalize(statement_);
}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), statement_(std::exchange(other.statement_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(statement_);
        db_ = std::exchange(other.db_, nullptr);
        statement_ = std::exchange(other.statement_, nullptr);
    }
    return *this;
}

void Statement::bind(int index, std::int32_t value) {
    check_bind(sqlite3_bind_int(statement_, index, value));
}

void Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(statement_, index, value));
}

void Statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(statement_, index, value));
}

void Statement::bind(int index, std::string_view value) {
    // SQLITE_TRANSIENT: SQLite copies the text, so the caller's buffer may go away before step().
    check_bind(
        sqlite3_bind_text64(statement_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
}

void Statement::bind(int index, std::nullptr_t) {
    check_bind(sqlite3_bind_null(statement_, index));
}

bool Statement::step() {
    const int result = sqlite3_step(statement_);
    if (result == SQLITE_ROW) {
        return true;
    }
    if (result == SQLITE_DONE) {
        return false;
    }
    fail(result);
}

void Statement::execute() {
    while (step()) {
    }
}

void Statement::reset() noexcept {
    // sqlite3_reset() repeats the error of the last step(), which has been reported already.
    sqlite3_reset(statement_);
    sqlite3_clear_bindings(statement_);
}

int Statement::column_count() const {
    return sqlite3_column_count(statement_);
}

bool Statement::is_null(int column) const {
    return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::string_view Statement::sql() const {
    const char* text = statement_ != nullptr ? sqlite3_sql(statement_) : nullptr;
    return text != nullptr ? std::string_view(text) : std::string_view();
}

void Statement::fail(int result_code) const {
    throw_sqlite_error(db_, result_code, std::string(sql()));
}

void Statement::check_bind(int result_code) const {
    if (result_code != SQLITE_OK) {
        fail(result_code);
    }
}

namespace {

void require_not_null(const Statement& statement, int index) {
    if (statement.is_null(index)) {
        throw std::logic_error("unexpected NULL in column " + std::to_string(index) +
                               " of: " + std::string(statement.sql()));
    }
}

}  // namespace

template <>
std::int64_t Statement::column<std::int64_t>(int index) const {
    require_not_null(*this, index);
    return sqlite3_column_int64(statement_, index);
}

template <>
std::int32_t Statement::column<std::int32_t>(int index) const {
    const std::int64_t value = column<std::int64_t>(index);
    if (value < std::numeric_limits<std::int32_t>::min() ||
        value > std::numeric_limits<std::int32_t>::max()) {
        throw std::range_error("column " + std::to_string(index) +
                               " does not fit 32 bits in: " + std::string(sql()));
    }
    return static_cast<std::int32_t>(value);
}

template <>
double Statement::column<double>(int index) const {
    require_not_null(*this, index);
    return sqlite3_column_double(statement_, index);
}

template <>
std::string Statement::column<std::string>(int index) const {
    require_not_null(*this, index);
    // Ask for the text before its size: the conversion to text may change the size.
    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, index));
    const int size = sqlite3_column_bytes(statement_, index);
    return text != nullptr ? std::string(text, static_cast<std::size_t>(size)) : std::string();
}

template <>
std::optional<std::int32_t> Statement::column<std::optional<std::int32_t>>(int index) const {
    return is_null(index) ? std::nullopt : std::optional(column<std::int32_t>(index));
}

template <>
std::optional<std::int64_t> Statement::column<std::optional<std::int64_t>>(int index) const {
    return is_null(index) ? std::nullopt : std::optional(column<std::int64_t>(index));
}

template <>
std::optional<double> Statement::column<std::optional<double>>(int index) const {
    return is_null(index) ? std::nullopt : std::optional(column<double>(index));
}

template <>
std::optional<std::string> Statement::column<std::optional<std::string>>(int index) const {
    return is_null(index) ? std::nullopt : std::optional(column<std::string>(index));
}

}  // namespace parkgrid::storage::sqlite
