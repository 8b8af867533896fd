#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "test_fixture.hpp"

namespace parkgrid::testing {

// Valid unified social credit codes (check characters computed per GB 32100-2015).
inline constexpr const char* kCodeA = "11110000MB0000001Y";
inline constexpr const char* kCodeB = "11110000MB00000022";
inline constexpr const char* kCodeC = "12110000MB00000032";
inline constexpr const char* kCodeD = "51110000MB00000044";

// CsmsTest with helpers that create organisation objects through the API as the admin, and callers with
// other roles and scopes.
class OrganisationApiTest : public CsmsTest {
protected:
    // POSTs `body` to `collection` as the admin and returns the new object's id.
    std::int64_t create(const std::string& collection, const nlohmann::json& body) {
        const auto created = api("POST", collection, body);
        EXPECT_EQ(created.status, 201u) << collection << ": " << created.body;
        return created.status == 201u ? created.json()["id"].get<std::int64_t>() : 0;
    }

    std::int64_t create_institution(const std::string& name, const std::string& code) {
        return create("/api/v1/institutions",
                      {{"name", name}, {"unifiedSocialCreditCode", code}, {"type", "state_organ"}});
    }
    std::int64_t create_site(std::int64_t institution_id, const std::string& name) {
        return create("/api/v1/sites", {{"institutionId", institution_id}, {"name", name}});
    }
    std::int64_t create_department(std::int64_t institution_id, const std::string& name) {
        return create("/api/v1/departments", {{"institutionId", institution_id}, {"name", name}});
    }
    std::int64_t create_vehicle(std::int64_t institution_id, const std::string& plate) {
        return create("/api/v1/vehicles", {{"institutionId", institution_id},
                                           {"plateNumber", plate},
                                           {"kind", "BEV"},
                                           {"acquiredDate", "2025-03-01"}});
    }
    std::int64_t create_driver(std::int64_t institution_id, const std::string& name) {
        return create("/api/v1/drivers", {{"institutionId", institution_id}, {"name", name}});
    }

    // A bearer token with `role` limited to `institution_ids`, made through POST /api/v1/api-tokens.
    std::string create_token(const std::string& name, const std::string& role,
                             const std::vector<std::int64_t>& institution_ids) {
        const auto created = api("POST", "/api/v1/api-tokens",
                                 {{"name", name}, {"role", role}, {"institutionIds", institution_ids}});
        EXPECT_EQ(created.status, 201u) << created.body;
        return created.status == 201u ? created.json()["token"].get<std::string>() : std::string("no-token");
    }

    // A request with another caller's token.
    HttpResult as(const std::string& token, const std::string& method, const std::string& target,
                  const nlohmann::json& body = nullptr) {
        return http_request(server_->port(), method, target, body.is_null() ? "" : body.dump(), token);
    }
};

}  // namespace parkgrid::testing
