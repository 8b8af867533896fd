#include "sqlite_audit_log_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

AuditRecord record(std::int64_t at, std::string subject, std::string method, std::string path,
                   int status = 200) {
    return AuditRecord{.id = 0,
                       .at = at_millis(at),
                       .subject = std::move(subject),
                       .role = "admin",
                       .remote_address = "127.0.0.1:5000",
                       .method = std::move(method),
                       .path = std::move(path),
                       .status = status,
                       .detail = R"({"id":"CP-1"})"};
}

class AuditLogRepositoryTest : public testing::RepositoryTest {
protected:
    AuditLogRepository& audit_log() { return repositories_.audit_log(); }

    std::vector<std::int64_t> ids(const AuditFilter& filter) {
        std::vector<std::int64_t> result;
        for (const AuditRecord& found : audit_log().query(filter)) {
            result.push_back(found.id);
        }
        return result;
    }
};

TEST_F(AuditLogRepositoryTest, AppendsAndReadsEveryField) {
    AuditRecord anonymous = record(500, "anonymous", "POST", "/api/v1/chargers", 401);
    anonymous.role = std::nullopt;
    anonymous.detail = std::nullopt;
    const std::int64_t first = audit_log().append(record(100, "user:li", "POST", "/api/v1/chargers", 201));
    const std::int64_t second = audit_log().append(anonymous);
    const auto all = audit_log().query({});
    ASSERT_EQ(all.size(), 2U);
    EXPECT_EQ(all[0].id, second) << "newest first";
    EXPECT_EQ(all[0].subject, "anonymous");
    EXPECT_FALSE(all[0].role);
    EXPECT_FALSE(all[0].detail);
    EXPECT_EQ(all[0].status, 401);
    EXPECT_EQ(all[1].id, first);
    EXPECT_EQ(all[1].at, at_millis(100));
    EXPECT_EQ(all[1].subject, "user:li");
    EXPECT_EQ(all[1].role, "admin");
    EXPECT_EQ(all[1].remote_address, "127.0.0.1:5000");
    EXPECT_EQ(all[1].method, "POST");
    EXPECT_EQ(all[1].path, "/api/v1/chargers");
    EXPECT_EQ(all[1].status, 201);
    EXPECT_EQ(all[1].detail, R"({"id":"CP-1"})");
}

TEST_F(AuditLogRepositoryTest, FiltersBySubjectTimeMethodAndPathPrefix) {
    const auto a = audit_log().append(record(100, "user:li", "POST", "/api/v1/chargers"));
    const auto b = audit_log().append(record(200, "token:ci", "DELETE", "/api/v1/id-tags/T1"));
    const auto c = audit_log().append(record(300, "user:li", "PATCH", "/api/v1/chargers/CP-1"));
    const auto d = audit_log().append(record(400, "user:li", "POST", "/api/v1/users"));
    using Ids = std::vector<std::int64_t>;
    EXPECT_EQ(ids({.subject = "user:li"}), (Ids{d, c, a}));
    EXPECT_EQ(ids({.from = at_millis(200), .to = at_millis(400)}), (Ids{c, b}))
        << "from inclusive, to exclusive";
    EXPECT_EQ(ids({.method = "POST"}), (Ids{d, a}));
    EXPECT_EQ(ids({.path_prefix = "/api/v1/chargers"}), (Ids{c, a}));
    EXPECT_EQ(ids({.subject = "user:li", .method = "POST", .path_prefix = "/api/v1/u"}), (Ids{d}));
    EXPECT_TRUE(ids({.path_prefix = "/api/v1/%"}).empty()) << "no LIKE wildcards";
    EXPECT_EQ(audit_log().count({.subject = "user:li", .limit = 1}), 3U) << "the count ignores the page";
    EXPECT_EQ(ids({.limit = 2, .offset = 1}), (Ids{c, b}));
}

}  // namespace
}  // namespace parkgrid::storage
