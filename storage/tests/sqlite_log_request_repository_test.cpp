#include "sqlite_log_request_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class LogRequestRepositoryTest : public testing::RepositoryTest {
protected:
    LogRequestRepositoryTest() {
        add_charger("CP-1");
        add_charger("CP-2");
    }

    LogRequestRepository& logs() { return repositories_.log_requests(); }

    std::int32_t add_request(const std::string& charger_id, std::int64_t requested) {
        LogRequestRecord request;
        request.charger_id = charger_id;
        request.log_type = "SecurityLog";
        request.location = "https://logs.example.org/in";
        request.requested_by = "user:admin";
        request.requested_at = at_millis(requested);
        return logs().insert(request);
    }

    static RequestNotification notification(std::string charger_id, std::optional<std::int32_t> request_id,
                                            std::string status, bool finished, std::int64_t at) {
        return RequestNotification{std::move(charger_id), request_id, std::move(status), finished,
                                   at_millis(at)};
    }
};

TEST_F(LogRequestRepositoryTest, StoresARequestWithItsIdAsRequestId) {
    LogRequestRecord request;
    request.charger_id = "CP-1";
    request.log_type = "DiagnosticsLog";
    request.location = "";
    request.oldest_timestamp = at_millis(10);
    request.latest_timestamp = at_millis(20);
    request.retries = 2;
    request.retry_interval = 60;
    request.requested_by = "token:ops";
    request.requested_at = at_millis(100);
    const auto id = logs().insert(request);
    EXPECT_GE(id, 1);
    logs().set_location(id, "http://csms/log-upload/" + std::to_string(id), "hash");

    const auto found = logs().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->charger_id, "CP-1");
    EXPECT_EQ(found->log_type, "DiagnosticsLog");
    EXPECT_EQ(found->location, "http://csms/log-upload/" + std::to_string(id));
    EXPECT_EQ(found->upload_token_hash, "hash");
    EXPECT_EQ(found->oldest_timestamp, at_millis(10));
    EXPECT_EQ(found->latest_timestamp, at_millis(20));
    EXPECT_EQ(found->retries, 2);
    EXPECT_EQ(found->retry_interval, 60);
    EXPECT_EQ(found->requested_by, "token:ops");
    EXPECT_EQ(found->requested_at, at_millis(100));
    EXPECT_EQ(found->status, "requested");
    EXPECT_EQ(found->status_at, at_millis(100));
    EXPECT_FALSE(found->charger_status);
    EXPECT_FALSE(found->finished_at);
    EXPECT_FALSE(found->stored_path);
    EXPECT_FALSE(logs().find(id + 1));
}

TEST_F(LogRequestRepositoryTest, TheAnswerDoesNotUndoAnEarlierNotification) {
    const auto quick = add_request("CP-1", 100);
    // The charger reported Uploading before ParkGrid recorded its GetLog answer.
    EXPECT_EQ(logs().record_notification(notification("CP-1", quick, "Uploading", false, 150)), quick);
    logs().record_answer(quick, {"Accepted", "accepted", false, at_millis(160)}, "security.log");
    auto found = logs().find(quick);
    EXPECT_EQ(found->status, "Uploading");
    EXPECT_EQ(found->status_at, at_millis(150));
    EXPECT_EQ(found->charger_status, "Accepted");
    EXPECT_EQ(found->file_name, "security.log");

    const auto refused = add_request("CP-1", 200);
    logs().record_answer(refused, {"Rejected", "rejected", true, at_millis(210)}, std::nullopt);
    found = logs().find(refused);
    EXPECT_EQ(found->status, "rejected");
    EXPECT_EQ(found->status_at, at_millis(210));
    EXPECT_EQ(found->finished_at, at_millis(210));
    EXPECT_FALSE(found->file_name);
}

TEST_F(LogRequestRepositoryTest, NotificationsFollowTheirRequestIdOnTheirChargerOnly) {
    const auto first = add_request("CP-1", 100);
    const auto second = add_request("CP-1", 200);
    const auto other = add_request("CP-2", 300);

    EXPECT_EQ(logs().record_notification(notification("CP-1", first, "Uploaded", true, 400)), first);
    EXPECT_EQ(logs().find(first)->status, "Uploaded");
    EXPECT_EQ(logs().find(first)->finished_at, at_millis(400));
    EXPECT_EQ(logs().find(second)->status, "requested");

    // Another charger's requestId and an unknown one match nothing and change nothing.
    EXPECT_FALSE(logs().record_notification(notification("CP-1", other, "Uploaded", true, 500)));
    EXPECT_FALSE(logs().record_notification(notification("CP-1", 9999, "Uploaded", true, 500)));
    EXPECT_EQ(logs().find(other)->status, "requested");

    // Without a requestId: the charger's newest unfinished request.
    EXPECT_EQ(logs().record_notification(notification("CP-1", std::nullopt, "UploadFailure", true, 600)),
              second);
    EXPECT_FALSE(logs().record_notification(notification("CP-1", std::nullopt, "Uploading", false, 700)));

    // A retry after a failure reopens the request.
    EXPECT_EQ(logs().record_notification(notification("CP-1", second, "Uploading", false, 800)), second);
    EXPECT_FALSE(logs().find(second)->finished_at);
}

TEST_F(LogRequestRepositoryTest, OneUploadPerRequest) {
    const auto id = add_request("CP-1", 100);
    EXPECT_TRUE(logs().claim_upload(id));
    EXPECT_FALSE(logs().claim_upload(id));
    logs().release_upload(id);
    EXPECT_TRUE(logs().claim_upload(id));
    logs().record_file(id, "/data/logs/1-security.log", 42, at_millis(500));
    EXPECT_FALSE(logs().claim_upload(id));
    logs().release_upload(id);  // a stored file is not released
    const auto found = logs().find(id);
    EXPECT_EQ(found->stored_path, "/data/logs/1-security.log");
    EXPECT_EQ(found->stored_bytes, 42);
    EXPECT_EQ(found->stored_at, at_millis(500));
}

TEST_F(LogRequestRepositoryTest, ListsAChargersRequestsNewestFirst) {
    const auto a = add_request("CP-1", 100);
    add_request("CP-2", 150);
    const auto b = add_request("CP-1", 200);
    const auto listing = logs().for_charger("CP-1", 10, 0);
    EXPECT_EQ(listing.total, 2U);
    ASSERT_EQ(listing.items.size(), 2U);
    EXPECT_EQ(listing.items[0].id, b);
    EXPECT_EQ(listing.items[1].id, a);
    const auto page = logs().for_charger("CP-1", 1, 1);
    EXPECT_EQ(page.total, 2U);
    ASSERT_EQ(page.items.size(), 1U);
    EXPECT_EQ(page.items[0].id, a);
    EXPECT_EQ(logs().for_charger("CP-3", 10, 0).total, 0U);
}

}  // namespace
}  // namespace parkgrid::storage
