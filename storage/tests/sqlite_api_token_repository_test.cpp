#include "sqlite_api_token_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "repository_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"
#include "test_institutions.hpp"

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

TEST_F(ApiTokenRepositoryTest, StoresScopeCreatorExpiryAndRevocation) {
    testing::add_institution(connection_, 3);
    testing::add_institution(connection_, 8);
    ApiTokenRecord scoped = token("reporting", "h1");
    scoped.role = "energy_office";
    scoped.created_by = "user:admin";
    scoped.expires_at = at_millis(9000);
    scoped.institution_ids = {8, 3};
    const std::int64_t id = tokens().insert(scoped);
    auto found = tokens().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->created_by, "user:admin");
    EXPECT_EQ(found->expires_at, at_millis(9000));
    EXPECT_FALSE(found->revoked_at);
    EXPECT_EQ(found->institution_ids, (std::vector<std::int64_t>{3, 8}));
    EXPECT_EQ(tokens().find_by_hash("h1")->institution_ids, (std::vector<std::int64_t>{3, 8}));
    EXPECT_FALSE(tokens().find(id + 1));

    EXPECT_TRUE(tokens().revoke(id, at_millis(5000)));
    EXPECT_FALSE(tokens().revoke(id, at_millis(6000))) << "revoked already";
    EXPECT_EQ(tokens().find(id)->revoked_at, at_millis(5000));
    tokens().replace_hash(id, "h2");
    EXPECT_FALSE(tokens().find(id)->revoked_at) << "a new secret is live again";

    ApiTokenRecord unknown_scope = token("bad", "h3");
    unknown_scope.institution_ids = {99};
    EXPECT_THROW(tokens().insert(unknown_scope), std::runtime_error);
}

TEST_F(ApiTokenRepositoryTest, ListsInIdOrderAndTouchOnlyMovesForward) {
    const std::int64_t a = tokens().insert(token("a", "h1"));
    const std::int64_t b = tokens().insert(token("b", "h2"));
    const auto all = tokens().list(10, 0);
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].id, a);
    EXPECT_EQ(all[1].id, b);
    EXPECT_EQ(tokens().list(1, 1).at(0).id, b);
    tokens().touch(a, at_millis(3000));
    tokens().touch(a, at_millis(2000));
    EXPECT_EQ(tokens().find(a)->last_used_at, at_millis(3000));
}

}  // namespace
}  // namespace parkgrid::storage
