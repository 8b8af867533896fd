#include "auth/csrf.hpp"

#include <gtest/gtest.h>

#include "auth/session_cookie.hpp"

namespace parkgrid::server::auth {
namespace {

TEST(CsrfTest, TokenIsDerivedFromTheSessionAndChecked) {
    const std::string session = "pgs_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const std::string token = csrf_token_for(session);
    EXPECT_EQ(token.size(), 64U);
    EXPECT_EQ(csrf_token_for(session), token) << "stable for the whole session";
    EXPECT_EQ(token.find(session.substr(4, 16)), std::string::npos) << "reveals nothing of the session";
    EXPECT_NE(csrf_token_for(session + "0"), token);

    EXPECT_TRUE(csrf_token_matches(token, session));
    EXPECT_FALSE(csrf_token_matches("", session));
    EXPECT_FALSE(csrf_token_matches(token.substr(1), session));
    std::string altered = token;
    altered.back() = altered.back() == '0' ? '1' : '0';
    EXPECT_FALSE(csrf_token_matches(altered, session));
    EXPECT_FALSE(csrf_token_matches(session, session)) << "the session token itself is not the CSRF token";
}

TEST(CsrfTest, OnlyGetAndHeadAreSafe) {
    EXPECT_TRUE(is_safe_method("GET"));
    EXPECT_TRUE(is_safe_method("HEAD"));
    for (const char* method : {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"}) {
        EXPECT_FALSE(is_safe_method(method)) << method;
    }
}

TEST(SessionCookieTest, FindsTheCookieAmongOthers) {
    EXPECT_EQ(cookie_value("parkgrid_session=abc", "parkgrid_session"), "abc");
    EXPECT_EQ(cookie_value("theme=dark; parkgrid_session=abc; lang=zh", "parkgrid_session"), "abc");
    EXPECT_EQ(cookie_value("a=1;parkgrid_session=\"abc\"", "parkgrid_session"), "abc");
    EXPECT_FALSE(cookie_value("xparkgrid_session=abc", "parkgrid_session"));
    EXPECT_FALSE(cookie_value("", "parkgrid_session"));
    EXPECT_EQ(cookie_value("parkgrid_session=", "parkgrid_session"), "");
}

TEST(SessionCookieTest, SetsAnHttpOnlyStrictCookie) {
    EXPECT_EQ(session_cookie("pgs_1"), "parkgrid_session=pgs_1; HttpOnly; SameSite=Strict; Path=/");
    EXPECT_EQ(cleared_session_cookie(), "parkgrid_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
}

}  // namespace
}  // namespace parkgrid::server::auth
