#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <memory>
#include <string>

#include "csms_process.hpp"
#include "ocpp_test_client.hpp"

namespace parkgrid::testing {

// An RFC 3339 UTC time `offset` from now, for fields that must lie in the future.
inline std::string ocpp_time_in(std::chrono::seconds offset) {
    const std::time_t at = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() + offset);
    std::tm utc{};
    gmtime_r(&at, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

// Starts csms on a fresh database for each test; helpers for the REST API and connected chargers.
class CsmsTest : public ::testing::Test {
protected:
    void SetUp() override { start_server(); }

    void start_server(std::vector<std::string> extra_args = {}) {
        server_.reset();
        server_ = std::make_unique<CsmsProcess>(temp_.path() / "parkgrid.db", std::move(extra_args));
    }

    void TearDown() override {
        if (HasFailure() && server_) {
            std::cerr << "---- csms log ----\n" << server_->log() << "------------------\n";
        }
    }

    HttpResult api(const std::string& method, const std::string& target,
                   const nlohmann::json& body = nullptr) {
        return http_request(server_->port(), method, target, body.is_null() ? "" : body.dump(),
                            std::string(kAdminToken));
    }

    // Registers (Accepted) and boots a charger, returning its connection.
    std::unique_ptr<OcppTestClient> connect_accepted(const std::string& id) {
        const auto created = api("POST", "/api/v1/chargers", {{"id", id}});
        EXPECT_EQ(created.status, 201u) << created.body;
        auto client = std::make_unique<OcppTestClient>(server_->port(), id);
        const auto boot = client->boot();
        EXPECT_EQ(boot.payload.value("status", ""), "Accepted") << boot.payload;
        return client;
    }

    void create_id_tag(const std::string& id_tag, const std::string& status = "Accepted",
                       const nlohmann::json& extra = nlohmann::json::object()) {
        nlohmann::json body = {{"idTag", id_tag}, {"status", status}};
        body.update(extra);
        const auto created = api("POST", "/api/v1/id-tags", body);
        ASSERT_EQ(created.status, 201u) << created.body;
    }

    TempDir temp_;
    std::unique_ptr<CsmsProcess> server_;
};

}  // namespace parkgrid::testing
