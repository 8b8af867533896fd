#include "api/authenticator.hpp"

#include <gtest/gtest.h>

#include "auth/csrf.hpp"

namespace parkgrid::server::api {
namespace {

using namespace std::chrono_literals;

storage::Timestamp at(std::chrono::milliseconds since_epoch) {
    return storage::Timestamp(since_epoch);
}

class JudgeCredentialTest : public ::testing::Test {
protected:
    JudgeCredentialTest() {
        session_.session = storage::SessionRecord{.id = 1,
                                                  .token_hash = "h",
                                                  .user_id = 7,
                                                  .created_at = at(0ms),
                                                  .last_seen_at = at(0ms),
                                                  .expires_at = at(100h),
                                                  .remote_address = "192.0.2.1:1"};
        session_.user = storage::UserRecord{.id = 7,
                                            .username = "Li.Na",
                                            .display_name = "Li Na",
                                            .role = "fleet_admin",
                                            .password_hash = "x",
                                            .institution_ids = {3, 4}};
        token_.token = storage::ApiTokenRecord{};
        token_.token->id = 2;
        token_.token->name = "reporting";
        token_.token->token_hash = "t";
        token_.token->role = "energy_office";
        token_.token->institution_ids = {5};
    }

    // Returns the HTTP status of the refusal, or 0 when the credential is accepted.
    unsigned status_of(const StoredCredential& stored, const PresentedCredential& presented,
                       std::string_view method, std::string_view csrf = "", storage::Timestamp now = at(1h)) {
        try {
            judge_credential(stored, presented, method, csrf, policy_, now);
            return 0;
        } catch (const ApiError& error) {
            return error.status();
        }
    }

    auth::SessionPolicy policy_{.idle_timeout = 12h, .lifetime = 168h};
    StoredCredential session_;
    StoredCredential token_;
    PresentedCredential cookie_{"pgs_secret", CredentialSource::Cookie};
    PresentedCredential bearer_{"pgs_secret", CredentialSource::Bearer};
};

TEST_F(JudgeCredentialTest, SessionBecomesTheUsersPrincipal) {
    const auto principal = judge_credential(session_, bearer_, "POST", "", policy_, at(1h));
    EXPECT_EQ(principal.subject, "user:Li.Na");
    EXPECT_EQ(principal.role, Role::FleetAdmin);
    EXPECT_EQ(principal.institution_ids, (std::vector<std::int64_t>{3, 4}));
}

TEST_F(JudgeCredentialTest, ApiTokenBecomesTheTokensPrincipal) {
    const auto principal = judge_credential(token_, bearer_, "DELETE", "", policy_, at(1h));
    EXPECT_EQ(principal.subject, "token:reporting");
    EXPECT_EQ(principal.role, Role::EnergyOffice);
    EXPECT_EQ(principal.institution_ids, (std::vector<std::int64_t>{5}));
}

TEST_F(JudgeCredentialTest, CookieSessionsNeedTheCsrfTokenToChangeState) {
    const std::string csrf = auth::csrf_token_for(cookie_.secret);
    EXPECT_EQ(status_of(session_, cookie_, "GET"), 0U);
    EXPECT_EQ(status_of(session_, cookie_, "HEAD"), 0U);
    for (const char* method : {"POST", "PATCH", "PUT", "DELETE"}) {
        EXPECT_EQ(status_of(session_, cookie_, method), 403U) << method;
        EXPECT_EQ(status_of(session_, cookie_, method, "wrong"), 403U) << method;
        EXPECT_EQ(status_of(session_, cookie_, method, auth::csrf_token_for("pgs_other")), 403U) << method;
        EXPECT_EQ(status_of(session_, cookie_, method, csrf), 0U) << method;
        EXPECT_EQ(status_of(session_, bearer_, method), 0U) << "bearer needs no CSRF token: " << method;
    }
}

TEST_F(JudgeCredentialTest, EndedSessionsAndDisabledUsersAreRefused) {
    EXPECT_EQ(status_of(session_, bearer_, "GET", "", at(12h) - 1ms), 0U);
    EXPECT_EQ(status_of(session_, bearer_, "GET", "", at(12h)), 401U) << "idle";
    session_.session->last_seen_at = at(95h);
    EXPECT_EQ(status_of(session_, bearer_, "GET", "", at(100h) - 1ms), 0U);
    EXPECT_EQ(status_of(session_, bearer_, "GET", "", at(100h)), 401U) << "past its lifetime";

    StoredCredential revoked = session_;
    revoked.session->revoked_at = at(96h);
    EXPECT_EQ(status_of(revoked, bearer_, "GET", "", at(97h)), 401U);
    StoredCredential disabled = session_;
    disabled.user->disabled = true;
    EXPECT_EQ(status_of(disabled, bearer_, "GET", "", at(97h)), 401U);
    StoredCredential orphan = session_;
    orphan.user.reset();
    EXPECT_EQ(status_of(orphan, bearer_, "GET", "", at(97h)), 401U);
    StoredCredential unknown_role = session_;
    unknown_role.user->role = "superuser";
    EXPECT_EQ(status_of(unknown_role, bearer_, "GET", "", at(97h)), 401U);
}

TEST_F(JudgeCredentialTest, RevokedOrExpiredTokensAreRefused) {
    StoredCredential expiring = token_;
    expiring.token->expires_at = at(2h);
    EXPECT_EQ(status_of(expiring, bearer_, "GET", "", at(2h) - 1ms), 0U);
    EXPECT_EQ(status_of(expiring, bearer_, "GET", "", at(2h)), 401U);
    StoredCredential revoked = token_;
    revoked.token->revoked_at = at(1h);
    EXPECT_EQ(status_of(revoked, bearer_, "GET", "", at(1h)), 401U);
}

TEST_F(JudgeCredentialTest, UnknownSecretsAndApiTokensInTheCookieAreRefused) {
    EXPECT_EQ(status_of({}, bearer_, "GET"), 401U);
    EXPECT_EQ(status_of({}, cookie_, "GET"), 401U);
    EXPECT_EQ(status_of(token_, cookie_, "GET"), 401U) << "the cookie carries sessions only";
}

TEST(PresentedCredentialTest, BearerWinsOverTheCookie) {
    HttpRequest request;
    EXPECT_FALSE(presented_credential(request));
    request.cookie = "parkgrid_session=pgs_c";
    EXPECT_EQ(presented_credential(request)->source, CredentialSource::Cookie);
    EXPECT_EQ(presented_credential(request)->secret, "pgs_c");
    request.authorization = "Bearer pgt_b";
    EXPECT_EQ(presented_credential(request)->source, CredentialSource::Bearer);
    EXPECT_EQ(presented_credential(request)->secret, "pgt_b");
    request.authorization = "Basic dXNlcjpwYXNz";
    EXPECT_FALSE(presented_credential(request)) << "not a bearer token: refused, not the cookie";
    request.authorization = "Bearer ";
    EXPECT_FALSE(presented_credential(request));
}

}  // namespace
}  // namespace parkgrid::server::api
