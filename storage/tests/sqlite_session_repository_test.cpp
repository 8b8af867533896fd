#include "sqlite_session_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class SessionRepositoryTest : public testing::RepositoryTest {
protected:
    SessionRepositoryTest() {
        user_id_ = *repositories_.users().insert(UserRecord{.id = 0,
                                                            .username = "zhou",
                                                            .display_name = "Zhou",
                                                            .role = "admin",
                                                            .password_hash = "x",
                                                            .created_at = at_millis(1),
                                                            .updated_at = at_millis(1)});
    }

    SessionRecord session(std::string hash, std::int64_t last_seen = 1000,
                          std::int64_t expires = 10000) const {
        return SessionRecord{.id = 0,
                             .token_hash = std::move(hash),
                             .user_id = user_id_,
                             .created_at = at_millis(1000),
                             .last_seen_at = at_millis(last_seen),
                             .expires_at = at_millis(expires),
                             .revoked_at = std::nullopt,
                             .remote_address = "192.0.2.7:4000"};
    }

    SessionRepository& sessions() { return repositories_.sessions(); }

    std::int64_t user_id_ = 0;
};

TEST_F(SessionRepositoryTest, InsertsAndFindsByHash) {
    const std::int64_t id = sessions().insert(session("h1"));
    const auto found = sessions().find_by_hash("h1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->token_hash, "h1");
    EXPECT_EQ(found->user_id, user_id_);
    EXPECT_EQ(found->created_at, at_millis(1000));
    EXPECT_EQ(found->last_seen_at, at_millis(1000));
    EXPECT_EQ(found->expires_at, at_millis(10000));
    EXPECT_FALSE(found->revoked_at);
    EXPECT_EQ(found->remote_address, "192.0.2.7:4000");
    EXPECT_FALSE(sessions().find_by_hash("h2"));
}

TEST_F(SessionRepositoryTest, TouchOnlyMovesForward) {
    const std::int64_t id = sessions().insert(session("h1"));
    sessions().touch(id, at_millis(3000));
    sessions().touch(id, at_millis(2000));
    EXPECT_EQ(sessions().find_by_hash("h1")->last_seen_at, at_millis(3000));
}

TEST_F(SessionRepositoryTest, RevokesOnce) {
    const std::int64_t id = sessions().insert(session("h1"));
    EXPECT_TRUE(sessions().revoke(id, at_millis(2000)));
    EXPECT_FALSE(sessions().revoke(id, at_millis(3000)));
    EXPECT_EQ(sessions().find_by_hash("h1")->revoked_at, at_millis(2000));
}

TEST_F(SessionRepositoryTest, RevokesEveryLiveSessionOfAUser) {
    sessions().insert(session("h1"));
    sessions().insert(session("h2"));
    const std::int64_t ended = sessions().insert(session("h3", 1000, 1500));
    EXPECT_EQ(sessions().revoke_all_of_user(user_id_, at_millis(2000)), 2U);
    EXPECT_EQ(sessions().find_by_hash("h1")->revoked_at, at_millis(2000));
    EXPECT_EQ(sessions().find_by_hash("h2")->revoked_at, at_millis(2000));
    EXPECT_FALSE(sessions().find_by_hash("h3")->revoked_at) << "expired already";
    EXPECT_EQ(sessions().revoke_all_of_user(user_id_, at_millis(2500)), 0U);
    EXPECT_GT(ended, 0);
}

TEST_F(SessionRepositoryTest, PurgesRevokedExpiredAndIdleSessions) {
    sessions().insert(session("live", 4000, 10000));
    sessions().insert(session("expired", 4000, 5000));
    sessions().insert(session("idle", 1000, 10000));
    const std::int64_t revoked = sessions().insert(session("revoked", 4000, 10000));
    sessions().revoke(revoked, at_millis(4500));
    EXPECT_EQ(sessions().purge_ended(at_millis(5000), at_millis(2000)), 3U);
    EXPECT_TRUE(sessions().find_by_hash("live"));
    EXPECT_EQ(count_rows("sessions"), 1);
}

TEST_F(SessionRepositoryTest, HashesAreUniqueAndUsersMustExist) {
    sessions().insert(session("h1"));
    EXPECT_THROW(sessions().insert(session("h1")), std::runtime_error);
    SessionRecord orphan = session("h2");
    orphan.user_id = user_id_ + 100;
    EXPECT_THROW(sessions().insert(orphan), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage
