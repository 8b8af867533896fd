#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "http_exchange.hpp"
#include "organisation_fixture.hpp"

namespace parkgrid::testing {

// Helpers for users, logins and requests made with a session (cookie or bearer). Every user created and
// every login runs the 600,000-iteration password KDF (about 0.3-0.5 s), so tests create few of them.
class AuthApiTest : public OrganisationApiTest {
protected:
    static constexpr const char* kPassword = "correct horse battery staple";

    struct Session {
        std::string token;
        std::string csrf_token;
    };

    // Creates a user as the admin (bootstrap token) and returns its id.
    std::int64_t create_user(const std::string& username, const std::string& role,
                             const std::vector<std::int64_t>& institution_ids = {},
                             const std::string& password = kPassword) {
        nlohmann::json body = {{"username", username}, {"role", role}, {"password", password}};
        if (!institution_ids.empty()) {
            body["institutionIds"] = institution_ids;
        }
        const auto created = api("POST", "/api/v1/users", body);
        EXPECT_EQ(created.status, 201u) << created.body;
        return created.status == 201u ? created.json()["id"].get<std::int64_t>() : 0;
    }

    HttpExchange login_request(const std::string& username, const std::string& password) {
        return http_exchange(server_->port(), "POST", "/api/v1/auth/login",
                             nlohmann::json{{"username", username}, {"password", password}}.dump());
    }

    Session login(const std::string& username, const std::string& password = kPassword) {
        const auto answer = login_request(username, password);
        EXPECT_EQ(answer.status, 200u) << answer.body;
        if (answer.status != 200u) {
            return {};
        }
        return {answer.json()["token"].get<std::string>(), answer.json()["csrfToken"].get<std::string>()};
    }

    HttpExchange with_bearer(const std::string& token, const std::string& method, const std::string& target,
                             const nlohmann::json& body = nullptr) {
        return http_exchange(server_->port(), method, target, body.is_null() ? "" : body.dump(),
                             {{"Authorization", "Bearer " + token}});
    }

    // As the web UI does it: the session cookie, and the CSRF header when given.
    HttpExchange with_cookie(const Session& session, const std::string& method, const std::string& target,
                             const nlohmann::json& body = nullptr,
                             const std::optional<std::string>& csrf_token = std::nullopt) {
        std::vector<std::pair<std::string, std::string>> headers = {
            {"Cookie", "theme=dark; parkgrid_session=" + session.token}};
        if (csrf_token) {
            headers.emplace_back("X-CSRF-Token", *csrf_token);
        }
        return http_exchange(server_->port(), method, target, body.is_null() ? "" : body.dump(), headers);
    }
};

}  // namespace parkgrid::testing
