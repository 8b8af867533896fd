#include "sqlite_api_token_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "repository_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

ApiTokenRecord token(std::string name, std::string hash) {
    return ApiTokenRecord{.id = 0,
                          .name = std::move(name),
                          .token_hash = std::move(hash),
                          .role = "operator",
                          .created_at = at_millis(100),
                          .last_used_at = std::nullopt};
}

class ApiTokenRepositoryTest : public testing::RepositoryTest {
protected:
    ApiTokenRepository& tokens() { return repositories_.api_tokens(); }
};

TEST_F(ApiTokenRepositoryTest, InsertsAndFindsByHashAndName) {
    EXPECT_EQ(tokens().count(), 0U);
    const std::int64_t id = tokens().insert(token("integration", "aa11"));
    EXPECT_GT(id, 0);
    EXPECT_EQ(tokens().count(), 1U);

    const auto by_hash = tokens().find_by_hash("aa11");
    ASSERT_TRUE(by_hash);
    EXPECT_EQ(by_hash->id, id);
    EXPECT_EQ(by_hash->name, "integration");
    EXPECT_EQ(by_hash->token_hash, "aa11");
    EXPECT_EQ(by_hash->role, "operator");
    EXPECT_EQ(by_hash->created_at, at_millis(100));
    EXPECT_FALSE(by_hash->last_used_at);
    EXPECT_EQ(tokens().find_by_name("integration")->id, id);
    EXPECT_FALSE(tokens().find_by_hash("bb22"));
    EXPECT_FALSE(tokens().find_by_name("other"));
}

TEST_F(ApiTokenRepositoryTest, NamesAndHashesAreUnique) {
    tokens().insert(token("a", "h1"));
    for (const ApiTokenRecord& duplicate : {token("a", "h2"), token("b", "h1")}) {
        try {
            tokens().insert(duplicate);
            ADD_FAILURE() << "duplicate token stored";
        } catch (const sqlite::SqliteError& error) {
            EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
        }
    }
    EXPECT_EQ(tokens().count(), 1U);
}

TEST_F(ApiTokenRepositoryTest, ReplacesHashAndTouches) {
    const std::int64_t id = tokens().insert(token("a", "old"));
    tokens().replace_hash(id, "new");
    EXPECT_FALSE(tokens().find_by_hash("old"));
    ASSERT_TRUE(tokens().find_by_hash("new"));
    tokens().touch(id, at_millis(5000));
    EXPECT_EQ(tokens().find_by_name("a")->last_used_at, at_millis(5000));
}

}  // namespace
}  // namespace parkgrid::storage
