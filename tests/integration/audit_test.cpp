// The audit log: every state-changing API call, refused ones included, with who made it and what was
// answered; logins and logouts; never a secret.

#include "auth_fixture.hpp"

namespace parkgrid::testing {
namespace {

using AuditTest = AuthApiTest;

// The audit entries matching `query` (e.g. "?subject=..."), newest first.
class AuditLogTest : public AuditTest {
protected:
    nlohmann::json entries(const std::string& query = "") {
        const auto answer = api("GET", "/api/v1/audit-log" + query);
        EXPECT_EQ(answer.status, 200u) << answer.body;
        return answer.json()["items"];
    }
};

TEST_F(AuditLogTest, RecordsStateChangingCallsWithSubjectAndStatus) {
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 201u);
    ASSERT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 409u);
    ASSERT_EQ(api("PATCH", "/api/v1/chargers/CP-1", {{"descripton", "typo"}}).status, 422u);
    ASSERT_EQ(
        http_request(server_->port(), "DELETE", "/api/v1/id-tags/X", "", std::string("wrong-token")).status,
        401u);
    ASSERT_EQ(api("GET", "/api/v1/chargers").status, 200u);  // reads are not audited

    const auto all = entries();
    ASSERT_EQ(all.size(), 4u) << all;
    const auto& refused = all[0];  // newest first
    EXPECT_EQ(refused["subject"], "anonymous");
    EXPECT_TRUE(refused["role"].is_null());
    EXPECT_EQ(refused["method"], "DELETE");
    EXPECT_EQ(refused["path"], "/api/v1/id-tags/X");
    EXPECT_EQ(refused["status"], 401);
    EXPECT_EQ(refused["detail"]["error"], "unauthorized");
    EXPECT_TRUE(refused["remoteAddress"].get<std::string>().starts_with("127.0.0.1:"));

    EXPECT_EQ(all[1]["status"], 422);
    EXPECT_EQ(all[1]["detail"], (nlohmann::json{{"error", "invalid_field"}, {"field", "descripton"}}));
    EXPECT_EQ(all[2]["status"], 409);
    const auto& created = all[3];
    EXPECT_EQ(created["subject"], "token:bootstrap-admin");
    EXPECT_EQ(created["role"], "admin");
    EXPECT_EQ(created["method"], "POST");
    EXPECT_EQ(created["path"], "/api/v1/chargers");
    EXPECT_EQ(created["status"], 201);
    EXPECT_EQ(created["detail"], (nlohmann::json{{"id", "CP-1"}}));
    EXPECT_TRUE(created["at"].get<std::string>().ends_with("Z"));

    EXPECT_EQ(api("GET", "/api/v1/audit-log").json()["total"], 4);
    EXPECT_EQ(entries("?subject=anonymous").size(), 1u);
    EXPECT_EQ(entries("?subject=token:bootstrap-admin&method=POST").size(), 2u);
    EXPECT_EQ(entries("?pathPrefix=/api/v1/chargers/").size(), 1u);
    EXPECT_EQ(entries("?from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").size(), 0u);
    EXPECT_EQ(entries("?from=2000-01-01T00:00:00Z").size(), 4u);
    const auto page = api("GET", "/api/v1/audit-log?limit=1&offset=1").json();
    EXPECT_EQ(page["items"].size(), 1u);
    EXPECT_EQ(page["items"][0]["id"], all[1]["id"]);
    EXPECT_EQ(page["total"], 4);
    EXPECT_EQ(api("GET", "/api/v1/audit-log?from=yesterday").json()["field"], "from");
}

TEST_F(AuditLogTest, RecordsLoginsLogoutsUserAndTokenChangesWithoutSecrets) {
    const auto id = create_user("audit.me", "fleet_admin");
    ASSERT_EQ(login_request("audit.me", "a wrong password").status, 401u);
    ASSERT_EQ(login_request("nobody.at.all", "some other password").status, 401u);
    const auto session = login("audit.me");
    ASSERT_EQ(with_cookie(session, "POST", "/api/v1/auth/logout", nullptr, session.csrf_token).status, 204u);
    ASSERT_EQ(
        api("PATCH", "/api/v1/users/" + std::to_string(id), {{"password", "the new password here"}}).status,
        200u);
    const auto token = api("POST", "/api/v1/api-tokens", {{"name", "audited"}, {"role", "energy_office"}});
    ASSERT_EQ(token.status, 201u);
    const auto token_id = token.json()["id"].get<std::int64_t>();
    ASSERT_EQ(api("DELETE", "/api/v1/api-tokens/" + std::to_string(token_id)).status, 204u);
    ASSERT_EQ(api("DELETE", "/api/v1/users/" + std::to_string(id)).status, 204u);

    const auto all = entries();
    ASSERT_EQ(all.size(), 9u) << all;
    const auto summary = [](const nlohmann::json& entry) {
        return entry["subject"].get<std::string>() + " " + entry["method"].get<std::string>() + " " +
               entry["path"].get<std::string>() + " " + std::to_string(entry["status"].get<int>());
    };
    const std::string users = "/api/v1/users/" + std::to_string(id);
    const std::string tokens = "/api/v1/api-tokens/" + std::to_string(token_id);
    EXPECT_EQ(summary(all[8]), "token:bootstrap-admin POST /api/v1/users 201");
    EXPECT_EQ(all[8]["detail"],
              (nlohmann::json{{"id", id}, {"username", "audit.me"}, {"role", "fleet_admin"}}));
    EXPECT_EQ(summary(all[7]), "user:audit.me POST /api/v1/auth/login 401");
    EXPECT_EQ(all[7]["detail"]["outcome"], "wrong_password");
    EXPECT_EQ(summary(all[6]), "anonymous POST /api/v1/auth/login 401") << "unknown names are not recorded";
    EXPECT_EQ(all[6]["detail"]["outcome"], "unknown_user");
    EXPECT_EQ(summary(all[5]), "user:audit.me POST /api/v1/auth/login 200");
    EXPECT_EQ(all[5]["detail"]["outcome"], "success");
    EXPECT_EQ(summary(all[4]), "user:audit.me POST /api/v1/auth/logout 204");
    EXPECT_EQ(all[4]["role"], "fleet_admin");
    EXPECT_EQ(summary(all[3]), "token:bootstrap-admin PATCH " + users + " 200");
    EXPECT_EQ(all[3]["detail"]["changed"], nlohmann::json({"password"}));
    EXPECT_EQ(all[3]["detail"]["sessionsRevoked"], 0);
    EXPECT_EQ(summary(all[2]), "token:bootstrap-admin POST /api/v1/api-tokens 201");
    EXPECT_EQ(all[2]["detail"],
              (nlohmann::json{{"id", token_id}, {"name", "audited"}, {"role", "energy_office"}}));
    EXPECT_EQ(summary(all[1]), "token:bootstrap-admin DELETE " + tokens + " 204");
    EXPECT_EQ(summary(all[0]), "token:bootstrap-admin DELETE " + users + " 204");
    EXPECT_EQ(all[0]["detail"], (nlohmann::json{{"id", id}, {"username", "audit.me"}}));

    const auto text = api("GET", "/api/v1/audit-log").body;
    const std::vector<std::string> secrets = {
        kPassword,       "a wrong password",      "some other password",
        "nobody.at.all", "the new password here", token.json()["token"].get<std::string>(),
        session.token,   session.csrf_token};
    for (const auto& secret : secrets) {
        EXPECT_EQ(text.find(secret), std::string::npos) << secret;
    }
    EXPECT_EQ(entries("?subject=user:audit.me").size(), 3u);
    EXPECT_EQ(entries("?pathPrefix=/api/v1/auth/").size(), 4u);
}

}  // namespace
}  // namespace parkgrid::testing
