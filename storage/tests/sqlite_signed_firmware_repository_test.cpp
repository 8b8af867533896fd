#include "sqlite_signed_firmware_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class SignedFirmwareRepositoryTest : public testing::RepositoryTest {
protected:
    SignedFirmwareRepositoryTest() {
        add_charger("CP-1");
        add_charger("CP-2");
    }

    SignedFirmwareRepository& updates() { return repositories_.signed_firmware_updates(); }

    std::int32_t add_update(const std::string& charger_id, std::int64_t requested) {
        SignedFirmwareUpdateRecord update;
        update.charger_id = charger_id;
        update.location = "https://fw.example.org/2.1.bin";
        update.retrieve_date_time = at_millis(requested);
        update.signing_certificate = "PEM";
        update.signature = "c2ln";
        update.requested_by = "user:admin";
        update.requested_at = at_millis(requested);
        return updates().insert(update);
    }
};

TEST_F(SignedFirmwareRepositoryTest, StoresAnUpdateWithItsIdAsRequestId) {
    SignedFirmwareUpdateRecord update;
    update.charger_id = "CP-1";
    update.location = "https://fw.example.org/2.1.bin";
    update.retrieve_date_time = at_millis(50);
    update.install_date_time = at_millis(60);
    update.signing_certificate = "-----BEGIN CERTIFICATE-----";
    update.signature = "c2lnbmF0dXJl";
    update.retries = 3;
    update.retry_interval = 120;
    update.requested_by = "user:admin";
    update.requested_at = at_millis(100);
    const auto id = updates().insert(update);
    EXPECT_GE(id, 1);
    const auto found = updates().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->charger_id, "CP-1");
    EXPECT_EQ(found->location, "https://fw.example.org/2.1.bin");
    EXPECT_EQ(found->retrieve_date_time, at_millis(50));
    EXPECT_EQ(found->install_date_time, at_millis(60));
    EXPECT_EQ(found->signing_certificate, "-----BEGIN CERTIFICATE-----");
    EXPECT_EQ(found->signature, "c2lnbmF0dXJl");
    EXPECT_EQ(found->retries, 3);
    EXPECT_EQ(found->retry_interval, 120);
    EXPECT_EQ(found->requested_by, "user:admin");
    EXPECT_EQ(found->requested_at, at_millis(100));
    EXPECT_EQ(found->status, "requested");
    EXPECT_EQ(found->status_at, at_millis(100));
    EXPECT_FALSE(found->charger_status);
    EXPECT_FALSE(found->finished_at);
    EXPECT_FALSE(updates().find(id + 1));
}

TEST_F(SignedFirmwareRepositoryTest, FollowsTheAnswerAndTheNotificationsToTheEnd) {
    const auto id = add_update("CP-1", 100);
    updates().record_answer(id, {"Accepted", "accepted", false, at_millis(110)});
    EXPECT_EQ(updates().find(id)->status, "accepted");
    EXPECT_EQ(updates().find(id)->charger_status, "Accepted");
    for (const auto* status : {"Downloading", "Downloaded", "SignatureVerified", "Installing"}) {
        EXPECT_EQ(updates().record_notification({"CP-1", id, status, false, at_millis(200)}), id);
    }
    EXPECT_EQ(updates().find(id)->status, "Installing");
    EXPECT_FALSE(updates().find(id)->finished_at);
    EXPECT_EQ(updates().record_notification({"CP-1", id, "Installed", true, at_millis(300)}), id);
    const auto found = updates().find(id);
    EXPECT_EQ(found->status, "Installed");
    EXPECT_EQ(found->status_at, at_millis(300));
    EXPECT_EQ(found->finished_at, at_millis(300));
}

TEST_F(SignedFirmwareRepositoryTest, ARefusedUpdateIsFinishedAndTakesNoNotificationWithoutRequestId) {
    const auto refused = add_update("CP-1", 100);
    updates().record_answer(refused, {"InvalidCertificate", "rejected", true, at_millis(110)});
    const auto found = updates().find(refused);
    EXPECT_EQ(found->status, "rejected");
    EXPECT_EQ(found->charger_status, "InvalidCertificate");
    EXPECT_EQ(found->finished_at, at_millis(110));
    EXPECT_FALSE(updates().record_notification({"CP-1", std::nullopt, "Downloading", false, at_millis(120)}));
    // Named by requestId it is still followed: the charger knows best.
    EXPECT_EQ(updates().record_notification({"CP-1", refused, "InvalidSignature", true, at_millis(130)}),
              refused);
}

TEST_F(SignedFirmwareRepositoryTest, NotificationsOfAnotherChargerOrUnknownIdsMatchNothing) {
    const auto mine = add_update("CP-1", 100);
    EXPECT_FALSE(updates().record_notification({"CP-2", mine, "Installed", true, at_millis(200)}));
    EXPECT_FALSE(updates().record_notification({"CP-1", 4711, "Installed", true, at_millis(200)}));
    EXPECT_EQ(updates().find(mine)->status, "requested");
}

TEST_F(SignedFirmwareRepositoryTest, ListsAChargersUpdatesNewestFirst) {
    const auto a = add_update("CP-1", 100);
    add_update("CP-2", 150);
    const auto b = add_update("CP-1", 200);
    const auto listing = updates().for_charger("CP-1", 10, 0);
    EXPECT_EQ(listing.total, 2U);
    ASSERT_EQ(listing.items.size(), 2U);
    EXPECT_EQ(listing.items[0].id, b);
    EXPECT_EQ(listing.items[1].id, a);
    EXPECT_EQ(updates().for_charger("CP-1", 1, 1).items.at(0).id, a);
}

}  // namespace
}  // namespace parkgrid::storage
