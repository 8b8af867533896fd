#include "api/audit_recorder.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace parkgrid::server::api {
namespace {

HttpRequest request(std::string method, std::string target) {
    HttpRequest http;
    http.method = std::move(method);
    http.target = std::move(target);
    http.remote_address = "192.0.2.4:4444";
    http.body = R"({"password":"do not record me"})";
    return http;
}

HttpResponse json(unsigned status, const nlohmann::json& body) {
    HttpResponse response;
    response.status = status;
    response.body = body.dump();
    return response;
}

TEST(AuditRecorderTest, AuditsEveryStateChangingApiRequest) {
    EXPECT_TRUE(is_audited(request("POST", "/api/v1/chargers")));
    EXPECT_TRUE(is_audited(request("DELETE", "/api/v1/id-tags/A?x=1")));
    EXPECT_TRUE(is_audited(request("PATCH", "/api")));
    EXPECT_FALSE(is_audited(request("GET", "/api/v1/chargers")));
    EXPECT_FALSE(is_audited(request("HEAD", "/api/v1/chargers")));
    EXPECT_FALSE(is_audited(request("POST", "/apiary")));
    EXPECT_FALSE(is_audited(request("POST", "/index.html")));
}

TEST(AuditRecorderTest, RecordsCallerRequestAndAnswer) {
    const Principal caller{"user:li", Role::FleetAdmin, {3}};
    const auto record = audit_record_of(request("POST", "/api/v1/chargers?dryRun=1"), caller,
                                        json(201, {{"id", "CP-1"}, {"description", "secret-ish"}}),
                                        storage::Timestamp(std::chrono::milliseconds(5)));
    EXPECT_EQ(record.at, storage::Timestamp(std::chrono::milliseconds(5)));
    EXPECT_EQ(record.subject, "user:li");
    EXPECT_EQ(record.role, "fleet_admin");
    EXPECT_EQ(record.remote_address, "192.0.2.4:4444");
    EXPECT_EQ(record.method, "POST");
    EXPECT_EQ(record.path, "/api/v1/chargers") << "without the query";
    EXPECT_EQ(record.status, 201);
    EXPECT_EQ(nlohmann::json::parse(*record.detail), (nlohmann::json{{"id", "CP-1"}}))
        << "identifying fields only";
}

TEST(AuditRecorderTest, NeverCopiesSecretsFromTheBody) {
    const auto record =
        audit_record_of(request("POST", "/api/v1/api-tokens"), Principal{"user:admin", Role::Admin, {}},
                        json(201, {{"id", 4}, {"name", "ci"}, {"token", "pgt_secret"}}), {});
    EXPECT_EQ(record.detail->find("pgt_secret"), std::string::npos);
    EXPECT_EQ(record.detail->find("do not record me"), std::string::npos);
}

TEST(AuditRecorderTest, RefusalsAreRecordedWithTheirError) {
    const auto anonymous =
        audit_record_of(request("POST", "/api/v1/chargers"), std::nullopt,
                        json(401, {{"error", "unauthorized"}, {"message", "no token"}}), {});
    EXPECT_EQ(anonymous.subject, "anonymous");
    EXPECT_FALSE(anonymous.role);
    EXPECT_EQ(anonymous.status, 401);
    EXPECT_EQ(nlohmann::json::parse(*anonymous.detail), (nlohmann::json{{"error", "unauthorized"}}));

    const auto invalid = audit_record_of(
        request("PATCH", "/api/v1/users/3"), Principal{"user:admin", Role::Admin, {}},
        json(422, {{"error", "invalid_field"}, {"field", "role"}, {"message", "role: must be one of"}}), {});
    EXPECT_EQ(nlohmann::json::parse(*invalid.detail),
              (nlohmann::json{{"error", "invalid_field"}, {"field", "role"}}));
}

TEST(AuditRecorderTest, RoutesMayNameTheSubjectAndDetail) {
    HttpResponse login = json(401, {{"error", "invalid_credentials"}});
    login.audit_subject = "user:li";
    login.audit_detail = R"({"outcome":"wrong_password"})";
    const auto record = audit_record_of(request("POST", "/api/v1/auth/login"), std::nullopt, login, {});
    EXPECT_EQ(record.subject, "user:li");
    EXPECT_EQ(record.detail, R"({"outcome":"wrong_password"})");

    HttpResponse empty;
    empty.status = 204;
    empty.content_type.clear();
    EXPECT_FALSE(audit_record_of(request("DELETE", "/api/v1/id-tags/A"), std::nullopt, empty, {}).detail);
}

}  // namespace
}  // namespace parkgrid::server::api
