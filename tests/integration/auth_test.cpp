// Users, logins and sessions (cookie and bearer), CSRF, throttling, API tokens with roles and scopes, and
// how secrets are kept: only salted slow hashes and token hashes reach the database, nothing reaches the log.

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "auth_fixture.hpp"

namespace parkgrid::testing {
namespace {

using namespace std::chrono_literals;

using AuthTest = AuthApiTest;

// CSMS_ADMIN_PASSWORD for the csms processes started while it lives (they inherit the environment). The
// test process has no other threads that read the environment meanwhile.
class AdminPasswordEnvironment {
public:
    explicit AdminPasswordEnvironment(const char* password) {
        ::setenv("CSMS_ADMIN_PASSWORD", password, 1);  // NOLINT(concurrency-mt-unsafe)
    }
    ~AdminPasswordEnvironment() {
        ::unsetenv("CSMS_ADMIN_PASSWORD");  // NOLINT(concurrency-mt-unsafe)
    }
    AdminPasswordEnvironment(const AdminPasswordEnvironment&) = delete;
    AdminPasswordEnvironment& operator=(const AdminPasswordEnvironment&) = delete;
};

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    return content.str();
}

TEST_F(AuthTest, LogsInWithCookieOrBearerAndLogsOut) {
    const auto id = create_user("Wang.Fang", "fleet_admin");
    const auto answer = login_request("wang.fang", kPassword);  // usernames are case-insensitive
    ASSERT_EQ(answer.status, 200u) << answer.body;
    const auto body = answer.json();
    const std::string token = body["token"];
    EXPECT_TRUE(token.starts_with("pgs_")) << token;
    EXPECT_EQ(token.size(), 4u + 64u) << "256 random bits";
    EXPECT_EQ(body["csrfToken"].get<std::string>().size(), 64u);
    EXPECT_TRUE(body["expiresAt"].get<std::string>().ends_with("Z"));
    EXPECT_EQ(body["user"]["id"], id);
    EXPECT_EQ(body["user"]["username"], "Wang.Fang");
    EXPECT_FALSE(body["user"].contains("passwordHash"));
    EXPECT_FALSE(body["user"]["lastLoginAt"].is_null());
    EXPECT_EQ(answer.header("set-cookie"),
              "parkgrid_session=" + token + "; HttpOnly; SameSite=Strict; Path=/");
    EXPECT_EQ(answer.header("cache-control"), "no-store");
    const Session session{token, body["csrfToken"]};

    for (const auto& me :
         {with_bearer(token, "GET", "/api/v1/auth/me"), with_cookie(session, "GET", "/api/v1/auth/me")}) {
        ASSERT_EQ(me.status, 200u) << me.body;
        EXPECT_EQ(me.json()["subject"], "user:Wang.Fang");
        EXPECT_EQ(me.json()["role"], "fleet_admin");
        EXPECT_EQ(me.json()["institutionIds"], nlohmann::json::array());
        EXPECT_EQ(me.json()["user"]["id"], id);
        EXPECT_TRUE(me.json()["apiToken"].is_null());
        EXPECT_EQ(me.json()["session"]["csrfToken"], session.csrf_token) << "the UI can fetch it again";
    }
    const auto admin_me = api("GET", "/api/v1/auth/me").json();
    EXPECT_EQ(admin_me["subject"], "token:bootstrap-admin");
    EXPECT_EQ(admin_me["apiToken"]["name"], "bootstrap-admin");
    EXPECT_TRUE(admin_me["session"].is_null());

    const auto logout = with_bearer(token, "POST", "/api/v1/auth/logout");
    EXPECT_EQ(logout.status, 204u) << logout.body;
    EXPECT_EQ(logout.header("set-cookie"), "parkgrid_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
    EXPECT_EQ(with_bearer(token, "GET", "/api/v1/auth/me").status, 401u);
    EXPECT_EQ(with_cookie(session, "GET", "/api/v1/auth/me").status, 401u);
    EXPECT_EQ(with_bearer(token, "POST", "/api/v1/auth/logout").status, 401u);
    EXPECT_EQ(api("POST", "/api/v1/auth/logout").status, 400u) << "an API token is not a session";
}

TEST_F(AuthTest, CookieSessionsNeedTheCsrfTokenToChangeStateBearerSessionsDoNot) {
    create_user("li.na", "admin");
    const auto session = login("li.na");
    const nlohmann::json tag = {{"idTag", "CARD-1"}, {"status", "Accepted"}};

    EXPECT_EQ(with_cookie(session, "GET", "/api/v1/id-tags").status, 200u) << "reads need no CSRF token";
    const auto missing = with_cookie(session, "POST", "/api/v1/id-tags", tag);
    EXPECT_EQ(missing.status, 403u) << missing.body;
    EXPECT_EQ(missing.json()["error"], "csrf_token_required");
    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/id-tags", tag, "not-the-token").status, 403u);
    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/id-tags", tag, session.token).status, 403u);
    EXPECT_EQ(api("GET", "/api/v1/id-tags/CARD-1").status, 404u) << "the refused request changed nothing";
    const auto refusals =
        api("GET", "/api/v1/audit-log?subject=user:li.na&pathPrefix=/api/v1/id-tags").json();
    EXPECT_EQ(refusals["total"], 3) << "recorded, with whose session it was";
    EXPECT_EQ(refusals["items"][0]["status"], 403);

    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/id-tags", tag, session.csrf_token).status, 201u);
    EXPECT_EQ(with_bearer(session.token, "DELETE", "/api/v1/id-tags/CARD-1").status, 204u)
        << "bearer requests need no CSRF token";

    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/auth/logout").status, 403u) << "logout is a change too";
    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/auth/logout", nullptr, session.csrf_token).status, 204u);
    EXPECT_EQ(with_cookie(session, "GET", "/api/v1/id-tags").status, 401u);
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserGetTheSameAnswerInComparableTime) {
    create_user("zhao.lei", "energy_office");
    const auto timed = [&](const std::string& username) {
        const auto started = std::chrono::steady_clock::now();
        auto answer = login_request(username, "not the right password");
        return std::make_pair(answer, std::chrono::steady_clock::now() - started);
    };
    const auto [wrong_password, wrong_password_time] = timed("zhao.lei");
    const auto [unknown_user, unknown_user_time] = timed("nobody.here");
    EXPECT_EQ(wrong_password.status, 401u);
    EXPECT_EQ(unknown_user.status, wrong_password.status);
    EXPECT_EQ(unknown_user.body, wrong_password.body);
    EXPECT_EQ(unknown_user.json()["error"], "invalid_credentials");
    // Both ran the KDF; the rest of the answer is the same too.
    EXPECT_GE(wrong_password_time, 100ms);
    EXPECT_GE(unknown_user_time, 100ms);
    EXPECT_EQ(unknown_user.headers.size(), wrong_password.headers.size());
    EXPECT_FALSE(unknown_user.header("set-cookie"));

    EXPECT_EQ(login_request("zhao.lei", "").status, 422u);
    EXPECT_EQ(http_exchange(server_->port(), "POST", "/api/v1/auth/login", "{oops").status, 400u);
    EXPECT_EQ(http_exchange(server_->port(), "GET", "/api/v1/auth/login").status, 405u);
}

TEST_F(AuthTest, RepeatedFailuresAreThrottled) {
    create_user("sun.li", "fleet_admin");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(login_request("sun.li", "wrong password " + std::to_string(i)).status, 401u) << i;
    }
    const auto refused = login_request("SUN.LI", kPassword);
    EXPECT_EQ(refused.status, 429u) << "even the right password: " << refused.body;
    EXPECT_EQ(refused.json()["error"], "too_many_attempts");
    ASSERT_TRUE(refused.header("retry-after"));
    const int retry_after = std::stoi(*refused.header("retry-after"));
    EXPECT_GT(retry_after, 800);
    EXPECT_LE(retry_after, 900);
    EXPECT_EQ(login_request("nobody.else", "wrong password").status, 401u)
        << "other usernames from the same address are not locked out yet";
}

TEST_F(AuthTest, DisablingAUserOrChangingItsPasswordEndsItsSessions) {
    const auto id = create_user("qian.yu", "fleet_admin");
    const auto path = "/api/v1/users/" + std::to_string(id);
    const auto first = login("qian.yu");
    ASSERT_EQ(with_bearer(first.token, "GET", "/api/v1/auth/me").status, 200u);

    const auto disabled = api("PATCH", path, {{"disabled", true}});
    ASSERT_EQ(disabled.status, 200u) << disabled.body;
    EXPECT_EQ(disabled.json()["disabled"], true);
    EXPECT_EQ(with_bearer(first.token, "GET", "/api/v1/auth/me").status, 401u);
    const auto refused = login_request("qian.yu", kPassword);
    EXPECT_EQ(refused.status, 401u);
    EXPECT_EQ(refused.json()["error"], "invalid_credentials") << "no hint that the account exists";

    ASSERT_EQ(api("PATCH", path, {{"disabled", false}}).status, 200u);
    const auto second = login("qian.yu");
    const std::string new_password = "a brand new passphrase";
    const auto changed = api("PATCH", path, {{"password", new_password}});
    ASSERT_EQ(changed.status, 200u) << changed.body;
    EXPECT_FALSE(changed.json().contains("password"));
    EXPECT_EQ(with_bearer(second.token, "GET", "/api/v1/auth/me").status, 401u);
    EXPECT_EQ(login_request("qian.yu", kPassword).status, 401u);
    EXPECT_EQ(login_request("qian.yu", new_password).status, 200u);
}

TEST_F(AuthTest, UsersChangeTheirOwnPasswordWhichEndsTheirSessions) {
    create_user("sun.li", "energy_office", {}, kPassword);
    const auto session = login("sun.li");
    const auto other = login("sun.li");
    const auto change = [&](const nlohmann::json& body) {
        return with_cookie(session, "POST", "/api/v1/auth/password", body, session.csrf_token);
    };
    const std::string new_password = "another long passphrase";

    const auto wrong = change({{"currentPassword", "not my password"}, {"newPassword", new_password}});
    EXPECT_EQ(wrong.status, 422u) << wrong.body;
    EXPECT_EQ(wrong.json()["field"], "currentPassword");
    const auto weak = change({{"currentPassword", kPassword}, {"newPassword", "short"}});
    EXPECT_EQ(weak.status, 422u) << weak.body;
    EXPECT_EQ(weak.json()["field"], "newPassword");
    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/auth/password",
                          {{"currentPassword", kPassword}, {"newPassword", new_password}})
                  .status,
              403u)
        << "a cookie request needs the CSRF token";
    const auto by_token = with_bearer(kAdminToken, "POST", "/api/v1/auth/password",
                                      {{"currentPassword", kPassword}, {"newPassword", new_password}});
    EXPECT_EQ(by_token.status, 400u) << by_token.body;
    EXPECT_EQ(by_token.json()["error"], "not_a_session");

    const auto changed = change({{"currentPassword", kPassword}, {"newPassword", new_password}});
    ASSERT_EQ(changed.status, 204u) << changed.body;
    EXPECT_EQ(with_bearer(session.token, "GET", "/api/v1/auth/me").status, 401u);
    EXPECT_EQ(with_bearer(other.token, "GET", "/api/v1/auth/me").status, 401u);
    EXPECT_EQ(login_request("sun.li", kPassword).status, 401u);
    EXPECT_EQ(login_request("sun.li", new_password).status, 200u);
}

TEST_F(AuthTest, SessionsEndAfterTheirLifetime) {
    start_server({"--session-lifetime", "2"});
    create_user("zhou.min", "energy_office");
    const auto session = login("zhou.min");
    EXPECT_EQ(with_bearer(session.token, "GET", "/api/v1/auth/me").status, 200u);
    std::this_thread::sleep_for(2200ms);
    const auto ended = with_bearer(session.token, "GET", "/api/v1/auth/me");
    EXPECT_EQ(ended.status, 401u);
    EXPECT_EQ(ended.json()["error"], "unauthorized");
}

TEST_F(AuthTest, UnusedSessionsEndAfterTheIdleTimeoutUsedOnesLive) {
    start_server({"--session-idle-timeout", "2"});
    create_user("wu.hao", "energy_office");
    const auto session = login("wu.hao");
    for (int i = 0; i < 3; ++i) {  // used every second: stays alive past the timeout
        std::this_thread::sleep_for(1s);
        EXPECT_EQ(with_bearer(session.token, "GET", "/api/v1/auth/me").status, 200u) << i;
    }
    std::this_thread::sleep_for(2500ms);
    EXPECT_EQ(with_bearer(session.token, "GET", "/api/v1/auth/me").status, 401u);
}

TEST_F(AuthTest, ApiTokensAreShownOnceAndRevokedAtOnce) {
    const auto created = api("POST", "/api/v1/api-tokens", {{"name", "ci"}, {"role", "fleet_admin"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto body = created.json();
    const std::string token = body["token"];
    EXPECT_TRUE(token.starts_with("pgt_"));
    EXPECT_EQ(body["name"], "ci");
    EXPECT_EQ(body["role"], "fleet_admin");
    EXPECT_EQ(body["institutionIds"], nlohmann::json::array());
    EXPECT_EQ(body["createdBy"], "token:bootstrap-admin");
    EXPECT_TRUE(body["expiresAt"].is_null());
    EXPECT_TRUE(body["revokedAt"].is_null());
    const auto path = "/api/v1/api-tokens/" + std::to_string(body["id"].get<std::int64_t>());

    const auto me = with_bearer(token, "GET", "/api/v1/auth/me");
    ASSERT_EQ(me.status, 200u) << me.body;
    EXPECT_EQ(me.json()["subject"], "token:ci");
    EXPECT_EQ(me.json()["role"], "fleet_admin");

    const auto list = api("GET", "/api/v1/api-tokens");
    ASSERT_EQ(list.status, 200u);
    EXPECT_EQ(list.json()["total"], 2) << "the bootstrap token and ci";
    EXPECT_EQ(list.body.find(token), std::string::npos) << "never listed again";
    EXPECT_EQ(list.body.find(token.substr(4)), std::string::npos);
    const auto listed = list.json();
    for (const auto& item : listed["items"]) {
        EXPECT_FALSE(item.contains("token"));
        EXPECT_FALSE(item.contains("tokenHash"));
    }
    EXPECT_FALSE(api("GET", path).json().contains("token"));
    // The use was recorded (asynchronously).
    bool used = false;
    for (int i = 0; i < 50 && !used; ++i) {
        used = !api("GET", path).json()["lastUsedAt"].is_null();
        std::this_thread::sleep_for(20ms);
    }
    EXPECT_TRUE(used);

    ASSERT_EQ(api("DELETE", path).status, 204u);
    EXPECT_EQ(with_bearer(token, "GET", "/api/v1/auth/me").status, 401u) << "revoked at once";
    EXPECT_FALSE(api("GET", path).json()["revokedAt"].is_null());
    EXPECT_EQ(api("DELETE", path).status, 204u) << "revoking again changes nothing";
    EXPECT_EQ(api("DELETE", "/api/v1/api-tokens/9999").status, 404u);
}

TEST_F(AuthTest, ApiTokenRequestsAreValidated) {
    const auto field_of = [&](const nlohmann::json& body) {
        const auto answer = api("POST", "/api/v1/api-tokens", body);
        EXPECT_EQ(answer.status, 422u) << body << ": " << answer.body;
        return answer.json().value("field", "");
    };
    EXPECT_EQ(field_of({{"role", "admin"}}), "name");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "root"}}), "role");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "fleet_admin"}, {"institutionIds", {999}}}),
              "institutionIds");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "fleet_admin"}, {"institutionIds", {1, 1}}}),
              "institutionIds");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "fleet_admin"}, {"institutionIds", "1"}}), "institutionIds");
    const auto institution = create_institution("Institution A", kCodeA);
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "admin"}, {"institutionIds", {institution}}}),
              "institutionIds");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "admin"}, {"expiresAt", "2020-01-01T00:00:00Z"}}),
              "expiresAt");
    EXPECT_EQ(field_of({{"name", "x"}, {"role", "admin"}, {"scope", "all"}}), "scope");
    EXPECT_EQ(api("POST", "/api/v1/api-tokens", {{"name", "bootstrap-admin"}, {"role", "admin"}}).status,
              409u);

    const auto scoped =
        api("POST", "/api/v1/api-tokens",
            {{"name", "energy-a"}, {"role", "energy_office"}, {"institutionIds", {institution}}});
    ASSERT_EQ(scoped.status, 201u) << scoped.body;
    EXPECT_EQ(scoped.json()["institutionIds"], nlohmann::json({institution}));
    const auto me = with_bearer(scoped.json()["token"], "GET", "/api/v1/auth/me");
    EXPECT_EQ(me.json()["institutionIds"], nlohmann::json({institution}));
}

TEST_F(AuthTest, ApiTokensExpire) {
    const auto expires_at = [] {
        const std::time_t at = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + 3s);
        std::tm utc{};
        gmtime_r(&at, &utc);
        char text[32];
        std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
        return std::string(text);
    }();
    const auto created =
        api("POST", "/api/v1/api-tokens", {{"name", "short"}, {"role", "admin"}, {"expiresAt", expires_at}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const std::string token = created.json()["token"];
    EXPECT_EQ(with_bearer(token, "GET", "/api/v1/chargers").status, 200u);
    std::this_thread::sleep_for(3500ms);
    EXPECT_EQ(with_bearer(token, "GET", "/api/v1/chargers").status, 401u);
}

TEST_F(AuthTest, OnlyAdminsManageUsersTokensAndReadTheAuditLog) {
    const auto institution = create_institution("Institution A", kCodeA);
    create_user("fleet.a", "fleet_admin", {institution});
    const auto fleet = login("fleet.a");
    const auto me = with_bearer(fleet.token, "GET", "/api/v1/auth/me");
    EXPECT_EQ(me.json()["institutionIds"], nlohmann::json({institution}));
    const std::string energy_token = create_token("energy", "energy_office", {institution});

    const std::vector<std::pair<std::string, std::string>> admin_only = {
        {"GET", "/api/v1/users"},       {"POST", "/api/v1/users"},          {"GET", "/api/v1/users/1"},
        {"PATCH", "/api/v1/users/1"},   {"DELETE", "/api/v1/users/1"},      {"GET", "/api/v1/api-tokens"},
        {"POST", "/api/v1/api-tokens"}, {"DELETE", "/api/v1/api-tokens/1"}, {"GET", "/api/v1/audit-log"}};
    const nlohmann::json body = {{"name", "sneaky"}, {"role", "admin"}};
    for (const auto& [method, target] : admin_only) {
        for (const auto& token : {fleet.token, energy_token}) {
            const auto answer =
                with_bearer(token, method, target, method == "GET" || method == "DELETE" ? nullptr : body);
            EXPECT_EQ(answer.status, 403u) << method << " " << target << ": " << answer.body;
        }
    }
    EXPECT_EQ(api("GET", "/api/v1/api-tokens").json()["total"], 2) << "nothing was created";
}

TEST_F(AuthTest, UsersApi) {
    const auto institution = create_institution("Institution A", kCodeA);
    const auto created = api("POST", "/api/v1/users",
                             {{"username", "chen.jie@moj"},
                              {"displayName", "陈杰"},
                              {"role", "fleet_admin"},
                              {"institutionIds", {institution}},
                              {"password", "公共机构充电桩管理系统密码"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    const auto user = created.json();
    EXPECT_EQ(user["username"], "chen.jie@moj");
    EXPECT_EQ(user["displayName"], "陈杰");
    EXPECT_EQ(user["role"], "fleet_admin");
    EXPECT_EQ(user["institutionIds"], nlohmann::json({institution}));
    EXPECT_EQ(user["disabled"], false);
    EXPECT_TRUE(user["lastLoginAt"].is_null());
    EXPECT_FALSE(user.contains("password"));
    EXPECT_FALSE(user.contains("passwordHash"));
    const auto path = "/api/v1/users/" + std::to_string(user["id"].get<std::int64_t>());

    const auto field_of = [&](const std::string& method, const std::string& target,
                              const nlohmann::json& body) {
        const auto answer = api(method, target, body);
        EXPECT_EQ(answer.status, 422u) << body << ": " << answer.body;
        return answer.json().value("field", "");
    };
    const nlohmann::json valid = {
        {"username", "ok.name"}, {"role", "energy_office"}, {"password", kPassword}};
    auto with = [&](const std::string& key, const nlohmann::json& value) {
        auto body = valid;
        body[key] = value;
        return body;
    };
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("username", "no spaces")), "username");
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("username", "ab")), "username");
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("password", "short pass")), "password");
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("role", "root")), "role");
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("disabled", "yes")), "disabled");
    EXPECT_EQ(field_of("POST", "/api/v1/users", with("passwordHash", "x")), "passwordHash");
    EXPECT_EQ(api("POST", "/api/v1/users", with("username", "CHEN.JIE@moj")).status, 409u)
        << "usernames are case-insensitive";
    EXPECT_EQ(field_of("PATCH", path, {{"username", "renamed"}}), "username") << "usernames do not change";
    EXPECT_EQ(field_of("PATCH", path, {{"institutionIds", {999}}}), "institutionIds");
    EXPECT_EQ(field_of("PATCH", path, {{"role", "admin"}, {"institutionIds", {institution}}}),
              "institutionIds");

    const auto promoted = api("PATCH", path, {{"role", "admin"}, {"displayName", "Chen Jie"}});
    ASSERT_EQ(promoted.status, 200u) << promoted.body;
    EXPECT_EQ(promoted.json()["role"], "admin");
    EXPECT_EQ(promoted.json()["institutionIds"], nlohmann::json::array()) << "admins have no scope";
    EXPECT_EQ(promoted.json()["displayName"], "Chen Jie");
    EXPECT_EQ(api("GET", path).json()["role"], "admin");

    const auto list = api("GET", "/api/v1/users?role=admin");
    ASSERT_EQ(list.status, 200u);
    EXPECT_EQ(list.json()["total"], 1);
    EXPECT_EQ(list.json()["items"][0]["username"], "chen.jie@moj");
    EXPECT_EQ(api("GET", "/api/v1/users?role=fleet_admin").json()["total"], 0);
    EXPECT_EQ(api("GET", "/api/v1/users?disabled=maybe").status, 422u);

    EXPECT_EQ(api("DELETE", path).status, 204u);
    EXPECT_EQ(api("GET", path).status, 404u);
    EXPECT_EQ(api("DELETE", path).status, 404u);
    EXPECT_EQ(api("PATCH", path, {{"disabled", true}}).status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/users/abc").status, 404u);
}

TEST_F(AuthTest, PasswordsAndTokensAppearNowhereInTheDatabaseOrTheLog) {
    const std::string password = "Unique-Passphrase-7f3a9c";
    const std::string wrong_password = "Wrong-Passphrase-5be01d";
    const std::string new_password = "Another-Passphrase-9d2e4b";
    const auto id = create_user("secret.keeper", "admin", {}, password);
    EXPECT_EQ(login_request("secret.keeper", wrong_password).status, 401u);
    const auto session = login("secret.keeper", password);
    ASSERT_FALSE(session.token.empty());
    EXPECT_EQ(with_cookie(session, "POST", "/api/v1/id-tags", {{"idTag", "CARD-9"}, {"status", "Accepted"}},
                          session.csrf_token)
                  .status,
              201u);
    const auto created = api("POST", "/api/v1/api-tokens", {{"name", "integration"}, {"role", "admin"}});
    ASSERT_EQ(created.status, 201u);
    const std::string api_token = created.json()["token"];
    EXPECT_EQ(with_bearer(api_token, "GET", "/api/v1/chargers").status, 200u);
    ASSERT_EQ(api("PATCH", "/api/v1/users/" + std::to_string(id), {{"password", new_password}}).status, 200u);
    // The user's own change, with a wrong current password first.
    const std::string own_password = "Own-Passphrase-4c81aa";
    const auto again = login("secret.keeper", new_password);
    EXPECT_EQ(with_bearer(again.token, "POST", "/api/v1/auth/password",
                          {{"currentPassword", wrong_password}, {"newPassword", own_password}})
                  .status,
              422u);
    EXPECT_EQ(with_bearer(again.token, "POST", "/api/v1/auth/password",
                          {{"currentPassword", new_password}, {"newPassword", own_password}})
                  .status,
              204u);

    const std::vector<std::string> secrets = {
        password,      wrong_password,          new_password, own_password,
        session.token, session.token.substr(4), again.token,  session.csrf_token,
        api_token,     api_token.substr(4),     kAdminToken};
    const auto check = [&](const std::string& where, const std::string& bytes) {
        for (const auto& secret : secrets) {
            EXPECT_EQ(bytes.find(secret), std::string::npos) << secret << " found in " << where;
        }
    };
    const auto database = file_bytes(server_->db_path());
    const auto wal = file_bytes(server_->db_path().string() + "-wal");
    EXPECT_NE((database + wal).find("pbkdf2-sha256$600000$"), std::string::npos)
        << "the files read are the ones holding the users";
    check("the database", database);
    check("the WAL", wal);
    check("the log", server_->log());

    // After a clean shutdown the WAL has been copied into the database file.
    EXPECT_EQ(server_->terminate(), 0);
    check("the database after shutdown", file_bytes(server_->db_path()));
    check("the log after shutdown", server_->log());
}

TEST_F(AuthTest, CsmsAdminPasswordCreatesTheFirstAdminUser) {
    {
        const AdminPasswordEnvironment environment("bootstrap admin passphrase");
        start_server();
    }
    const auto session = login("admin", "bootstrap admin passphrase");
    const auto me = with_bearer(session.token, "GET", "/api/v1/auth/me");
    EXPECT_EQ(me.json()["subject"], "user:admin");
    EXPECT_EQ(me.json()["role"], "admin");
    EXPECT_EQ(server_->log().find("bootstrap admin passphrase"), std::string::npos);

    // Once a user exists the variable changes nothing.
    {
        const AdminPasswordEnvironment environment("another admin passphrase");
        start_server();
    }
    EXPECT_EQ(login_request("admin", "another admin passphrase").status, 401u);
    EXPECT_EQ(api("GET", "/api/v1/users").json()["total"], 1);

    // A password that breaks the rules stops the start instead of creating a weak account.
    const AdminPasswordEnvironment environment("short");
    EXPECT_THROW(start_server(), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::testing
