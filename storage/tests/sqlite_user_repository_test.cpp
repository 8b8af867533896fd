#include "sqlite_user_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"
#include "test_institutions.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

UserRecord user(std::string username, std::string role = "fleet_admin",
                std::vector<std::int64_t> institution_ids = {}) {
    return UserRecord{.id = 0,
                      .username = std::move(username),
                      .display_name = "Wang Fang",
                      .role = std::move(role),
                      .password_hash = "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==",
                      .disabled = false,
                      .institution_ids = std::move(institution_ids),
                      .created_at = at_millis(100),
                      .updated_at = at_millis(100)};
}

class UserRepositoryTest : public testing::RepositoryTest {
protected:
    UserRepository& users() { return repositories_.users(); }

    void add_institution(std::int64_t id) { testing::add_institution(connection_, id); }
};

TEST_F(UserRepositoryTest, InsertsAndFindsWithEveryField) {
    add_institution(1);
    add_institution(2);
    const auto id = users().insert(user("wang.fang@moj", "fleet_admin", {2, 1}));
    ASSERT_TRUE(id);
    const auto found = users().find(*id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, *id);
    EXPECT_EQ(found->username, "wang.fang@moj");
    EXPECT_EQ(found->display_name, "Wang Fang");
    EXPECT_EQ(found->role, "fleet_admin");
    EXPECT_EQ(found->password_hash, "pbkdf2-sha256$600000$c2FsdA==$aGFzaA==");
    EXPECT_FALSE(found->disabled);
    EXPECT_EQ(found->institution_ids, (std::vector<std::int64_t>{1, 2})) << "ascending";
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(100));
    EXPECT_FALSE(found->last_login_at);
    EXPECT_FALSE(users().find(*id + 1));
}

TEST_F(UserRepositoryTest, UsernamesAreCaseInsensitiveAndUnique) {
    const auto id = users().insert(user("Li.Na"));
    ASSERT_TRUE(id);
    EXPECT_EQ(users().find_by_username("li.na")->id, *id);
    EXPECT_EQ(users().find_by_username("LI.NA")->username, "Li.Na") << "the stored spelling is kept";
    EXPECT_FALSE(users().insert(user("LI.na"))) << "same name in other case is taken";
    EXPECT_FALSE(users().find_by_username("other"));
}

TEST_F(UserRepositoryTest, UpdateReplacesFieldsAndScopeButKeepsNameAndCreation) {
    add_institution(1);
    add_institution(2);
    add_institution(3);
    const auto id = users().insert(user("zhao", "fleet_admin", {1, 2}));
    UserRecord changed = user("ignored", "energy_office", {3});
    changed.id = *id;
    changed.display_name = "Zhao Lei";
    changed.password_hash = "pbkdf2-sha256$700000$bmV3$bmV3";
    changed.disabled = true;
    changed.created_at = at_millis(999);
    changed.updated_at = at_millis(500);
    EXPECT_TRUE(users().update(changed));
    const auto found = users().find(*id);
    EXPECT_EQ(found->username, "zhao");
    EXPECT_EQ(found->display_name, "Zhao Lei");
    EXPECT_EQ(found->role, "energy_office");
    EXPECT_EQ(found->password_hash, "pbkdf2-sha256$700000$bmV3$bmV3");
    EXPECT_TRUE(found->disabled);
    EXPECT_EQ(found->institution_ids, (std::vector<std::int64_t>{3}));
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(500));
    changed.id = *id + 1;
    EXPECT_FALSE(users().update(changed));
}

TEST_F(UserRepositoryTest, RecordsLogins) {
    const auto id = users().insert(user("sun"));
    users().record_login(*id, at_millis(7000));
    EXPECT_EQ(users().find(*id)->last_login_at, at_millis(7000));
}

TEST_F(UserRepositoryTest, RemoveTakesSessionsAndScopeWithIt) {
    add_institution(1);
    const auto id = users().insert(user("qian", "fleet_admin", {1}));
    repositories_.sessions().insert(SessionRecord{.id = 0,
                                                  .token_hash = "h",
                                                  .user_id = *id,
                                                  .created_at = at_millis(1),
                                                  .last_seen_at = at_millis(1),
                                                  .expires_at = at_millis(10),
                                                  .remote_address = "127.0.0.1"});
    EXPECT_TRUE(users().remove(*id));
    EXPECT_FALSE(users().remove(*id));
    EXPECT_FALSE(users().find(*id));
    EXPECT_EQ(count_rows("sessions"), 0);
    EXPECT_EQ(count_rows("user_institutions"), 0);
}

TEST_F(UserRepositoryTest, ListsAndCountsWithFiltersAndPages) {
    ASSERT_TRUE(users().insert(user("c-admin", "admin")));
    ASSERT_TRUE(users().insert(user("a-fleet", "fleet_admin")));
    UserRecord disabled = user("b-fleet", "fleet_admin");
    disabled.disabled = true;
    ASSERT_TRUE(users().insert(disabled));
    ASSERT_TRUE(users().insert(user("D-energy", "energy_office")));
    const auto names = [](const std::vector<UserRecord>& records) {
        std::vector<std::string> result;
        result.reserve(records.size());
        for (const UserRecord& record : records) {
            result.push_back(record.username);
        }
        return result;
    };
    EXPECT_EQ(names(users().list({})),
              (std::vector<std::string>{"a-fleet", "b-fleet", "c-admin", "D-energy"}));
    EXPECT_EQ(users().count({}), 4U);
    EXPECT_EQ(names(users().list({.role = "fleet_admin"})), (std::vector<std::string>{"a-fleet", "b-fleet"}));
    EXPECT_EQ(names(users().list({.role = "fleet_admin", .disabled = false})),
              (std::vector<std::string>{"a-fleet"}));
    EXPECT_EQ(users().count({.disabled = true}), 1U);
    const UserFilter page{.limit = 2, .offset = 1};
    EXPECT_EQ(names(users().list(page)), (std::vector<std::string>{"b-fleet", "c-admin"}));
    EXPECT_EQ(users().count(page), 4U) << "the count ignores the page";
}

TEST_F(UserRepositoryTest, ScopesMustNameExistingInstitutions) {
    add_institution(5);
    EXPECT_EQ(users().unknown_institutions({7, 5, 3, 7}), (std::vector<std::int64_t>{3, 7}));
    EXPECT_TRUE(users().unknown_institutions({5}).empty());
    EXPECT_THROW(users().insert(user("x", "fleet_admin", {9})), std::runtime_error);
}

TEST_F(UserRepositoryTest, InvalidRoleIsRefused) {
    EXPECT_THROW(users().insert(user("x", "superuser")), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage
