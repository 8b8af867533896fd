#include "sqlite/statement.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <type_traits>

#include "sqlite/connection.hpp"
#include "temp_dir.hpp"

namespace parkgrid::storage::sqlite {
namespace {

using testing::TempDir;

static_assert(!std::is_copy_constructible_v<Statement> && !std::is_copy_assignable_v<Statement>);
static_assert(std::is_nothrow_move_constructible_v<Statement> &&
              std::is_nothrow_move_assignable_v<Statement>);

class StatementTest : public ::testing::Test {
protected:
    TempDir directory_;
    Connection connection_{directory_.file("a.db"), ConnectionOptions{.durable = false}};
};

TEST_F(StatementTest, BindsAndReadsEveryType) {
    Statement statement = connection_.prepare("SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9");
    const std::string text = "text";
    const std::string_view view("view\0with nul", 13);
    statement.bind_all(std::int32_t{-7}, std::numeric_limits<std::int64_t>::max(), 2.5, text, view, "literal",
                       nullptr, std::optional<std::string>("some"), std::optional<std::int64_t>());
    ASSERT_TRUE(statement.step());
    EXPECT_EQ(statement.column_count(), 9);
    EXPECT_EQ(statement.column<std::int32_t>(0), -7);
    EXPECT_EQ(statement.column<std::int64_t>(1), std::numeric_limits<std::int64_t>::max());
    EXPECT_DOUBLE_EQ(statement.column<double>(2), 2.5);
    EXPECT_EQ(statement.column<std::string>(3), "text");
    EXPECT_EQ(statement.column<std::string>(4), std::string(view));
    EXPECT_EQ(statement.column<std::string>(5), "literal");
    EXPECT_TRUE(statement.is_null(6));
    EXPECT_EQ(statement.column<std::optional<std::string>>(6), std::nullopt);
    EXPECT_EQ(statement.column<std::optional<std::string>>(7), "some");
    EXPECT_EQ(statement.column<std::optional<std::int64_t>>(8), std::nullopt);
    EXPECT_EQ(statement.column<std::optional<std::int32_t>>(0), -7);
    EXPECT_EQ(statement.column<std::optional<double>>(2), 2.5);
    EXPECT_FALSE(statement.step());
}

TEST_F(StatementTest, NullInANonOptionalColumnIsAnError) {
    Statement statement = connection_.prepare("SELECT NULL");
    ASSERT_TRUE(statement.step());
    EXPECT_THROW(statement.column<std::string>(0), std::logic_error);
    EXPECT_THROW(statement.column<std::int64_t>(0), std::logic_error);
}

TEST_F(StatementTest, Int32ColumnRefusesValuesBeyond32Bits) {
    Statement statement = connection_.prepare("SELECT 4294967296");
    ASSERT_TRUE(statement.step());
    EXPECT_THROW(statement.column<std::int32_t>(0), std::range_error);
}

TEST_F(StatementTest, ResetAllowsReuseWithNewBindings) {
    Statement statement = connection_.prepare("SELECT ?1 + 1");
    statement.bind(1, std::int64_t{1});
    ASSERT_TRUE(statement.step());
    EXPECT_EQ(statement.column<std::int64_t>(0), 2);
    statement.reset();
    statement.bind(1, std::int64_t{41});
    ASSERT_TRUE(statement.step());
    EXPECT_EQ(statement.column<std::int64_t>(0), 42);
}

TEST_F(StatementTest, MovesOwnership) {
    Statement first = connection_.prepare("SELECT 5");
    sqlite3_stmt* handle = first.handle();
    Statement second(std::move(first));
    EXPECT_EQ(second.handle(), handle);
    EXPECT_EQ(first.handle(), nullptr);  // NOLINT(bugprone-use-after-move): checking the moved-from state
    Statement third = connection_.prepare("SELECT 6");
    third = std::move(second);
    ASSERT_TRUE(third.step());
    EXPECT_EQ(third.column<std::int32_t>(0), 5);
}

TEST_F(StatementTest, RefusesMoreThanOneStatement) {
    EXPECT_THROW(connection_.prepare("SELECT 1; SELECT 2"), std::invalid_argument);
    EXPECT_NO_THROW(connection_.prepare("SELECT 1;\n"));
}

TEST_F(StatementTest, BindingAnUnknownParameterFails) {
    Statement statement = connection_.prepare("SELECT ?1");
    EXPECT_THROW(statement.bind(2, std::int32_t{1}), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage::sqlite
