#include "test_fixture.hpp"

namespace parkgrid::testing {
namespace {

using ApiTest = CsmsTest;

TEST_F(ApiTest, EveryApiRouteNeedsAValidBearerToken) {
    for (const auto* target :
         {"/api/v1/chargers", "/api/v1/id-tags", "/api/v1/transactions", "/api/v1/nothing"}) {
        const auto anonymous = http_request(server_->port(), "GET", target);
        EXPECT_EQ(anonymous.status, 401u) << target;
        EXPECT_EQ(anonymous.json()["error"], "unauthorized");
        EXPECT_EQ(http_request(server_->port(), "GET", target, "", std::string("wrong-token")).status, 401u)
            << target;
    }
    EXPECT_EQ(http_request(server_->port(), "GET", "/healthz").status, 200u);
}

TEST_F(ApiTest, CreatesAndListsChargers) {
    const auto created =
        api("POST", "/api/v1/chargers", {{"id", "CP-1"}, {"description", "Ministry garage, level -1"}});
    ASSERT_EQ(created.status, 201u) << created.body;
    EXPECT_EQ(created.json()["registrationStatus"], "Accepted");
    EXPECT_EQ(created.json()["online"], false);
    EXPECT_EQ(api("POST", "/api/v1/chargers", {{"id", "CP-1"}}).status, 409u);
    const auto list = api("GET", "/api/v1/chargers").json();
    ASSERT_EQ(list["items"].size(), 1u);
    EXPECT_EQ(list["items"][0]["description"], "Ministry garage, level -1");
    EXPECT_EQ(api("GET", "/api/v1/chargers/NOPE").status, 404u);
}

TEST_F(ApiTest, InvalidBodiesGetErrorsNamingTheField) {
    const auto long_id = api("POST", "/api/v1/chargers", {{"id", std::string(49, 'x')}});
    EXPECT_EQ(long_id.status, 422u);
    EXPECT_EQ(long_id.json()["field"], "id");
    const auto typo = api("POST", "/api/v1/chargers", {{"id", "CP-1"}, {"descripton", "x"}});
    EXPECT_EQ(typo.status, 422u);
    EXPECT_EQ(typo.json()["field"], "descripton");
    const auto wrong_type = api("POST", "/api/v1/id-tags", {{"idTag", 5}, {"status", "Accepted"}});
    EXPECT_EQ(wrong_type.json()["field"], "idTag");
    const auto bad_status = api("POST", "/api/v1/id-tags", {{"idTag", "A"}, {"status", "Maybe"}});
    EXPECT_EQ(bad_status.status, 422u);
    EXPECT_EQ(bad_status.json()["field"], "status");
    const auto bad_date =
        api("POST", "/api/v1/id-tags", {{"idTag", "A"}, {"status", "Accepted"}, {"expiryDate", "soon"}});
    EXPECT_EQ(bad_date.json()["field"], "expiryDate");
    const auto not_json =
        http_request(server_->port(), "POST", "/api/v1/chargers", "{oops", std::string(kAdminToken));
    EXPECT_EQ(not_json.status, 400u);
    EXPECT_EQ(not_json.json()["error"], "invalid_body");
    EXPECT_EQ(api("GET", "/api/v1/transactions?from=yesterday").json()["field"], "from");
}

TEST_F(ApiTest, IdTagLifecycle) {
    ASSERT_EQ(api("POST", "/api/v1/id-tags",
                  {{"idTag", "Card-1"}, {"status", "Accepted"}, {"parentIdTag", "FLEET"}})
                  .status,
              201u);
    EXPECT_EQ(api("POST", "/api/v1/id-tags", {{"idTag", "CARD-1"}, {"status", "Accepted"}}).status,
              409u);  // case-insensitive
    EXPECT_EQ(api("GET", "/api/v1/id-tags/card-1").json()["idTag"], "Card-1");

    const auto changed = api("PATCH", "/api/v1/id-tags/Card-1",
                             {{"status", "Blocked"}, {"expiryDate", "2030-01-01T00:00:00Z"}});
    ASSERT_EQ(changed.status, 200u) << changed.body;
    EXPECT_EQ(changed.json()["status"], "Blocked");
    EXPECT_EQ(changed.json()["parentIdTag"], "FLEET");
    EXPECT_EQ(changed.json()["expiryDate"], "2030-01-01T00:00:00Z");
    const auto cleared =
        api("PATCH", "/api/v1/id-tags/Card-1", {{"expiryDate", nullptr}, {"parentIdTag", nullptr}});
    EXPECT_TRUE(cleared.json()["expiryDate"].is_null());
    EXPECT_TRUE(cleared.json()["parentIdTag"].is_null());

    EXPECT_EQ(api("GET", "/api/v1/id-tags").json()["items"].size(), 1u);
    EXPECT_EQ(api("DELETE", "/api/v1/id-tags/Card-1").status, 204u);
    EXPECT_EQ(api("GET", "/api/v1/id-tags/Card-1").status, 404u);
    EXPECT_EQ(api("DELETE", "/api/v1/id-tags/Card-1").status, 404u);
}

TEST_F(ApiTest, UnknownRoutesAndMethods) {
    EXPECT_EQ(api("GET", "/api/v1/unknown").status, 404u);
    EXPECT_EQ(api("DELETE", "/api/v1/chargers").status, 405u);
    EXPECT_EQ(api("GET", "/api/v1/transactions/abc").status, 404u);
    EXPECT_EQ(api("GET", "/api/v1/transactions/123").status, 404u);
}

TEST_F(ApiTest, ServesTheAdminUiWithoutEscapingItsDirectory) {
    const auto page = http_request(server_->port(), "GET", "/");
    EXPECT_EQ(page.status, 200u);
    EXPECT_TRUE(page.content_type.starts_with("text/html"));
    EXPECT_EQ(http_request(server_->port(), "GET", "/../CMakeLists.txt").status, 404u);
    EXPECT_EQ(http_request(server_->port(), "GET", "/%2e%2e/CMakeLists.txt").status, 404u);
}

}  // namespace
}  // namespace parkgrid::testing
