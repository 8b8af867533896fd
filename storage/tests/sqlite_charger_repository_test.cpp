#include "sqlite_charger_repository.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include "repository_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class ChargerRepositoryTest : public testing::RepositoryTest {
protected:
    ChargerRepository& chargers() { return repositories_.chargers(); }

    static StatusRecord status(std::int32_t connector, std::string value, std::int64_t received) {
        return StatusRecord{.charger_id = "CP1",
                            .connector_id = connector,
                            .status = std::move(value),
                            .error_code = "NoError",
                            .info = std::nullopt,
                            .vendor_id = std::nullopt,
                            .vendor_error_code = std::nullopt,
                            .timestamp = std::nullopt,
                            .received_at = at_millis(received)};
    }
};

TEST_F(ChargerRepositoryTest, InsertsAndFinds) {
    EXPECT_TRUE(chargers().insert("CP1", "Car park north", RegistrationStatus::Pending, at_millis(1000)));
    const auto charger = chargers().find("CP1");
    ASSERT_TRUE(charger);
    EXPECT_EQ(charger->id, "CP1");
    EXPECT_EQ(charger->description, "Car park north");
    EXPECT_EQ(charger->registration_status, RegistrationStatus::Pending);
    EXPECT_EQ(charger->created_at, at_millis(1000));
    EXPECT_FALSE(charger->boot_info);
    EXPECT_FALSE(charger->last_boot_at);
    EXPECT_FALSE(charger->last_seen_at);
    EXPECT_FALSE(charger->firmware_status);
    EXPECT_FALSE(charger->diagnostics_status);
    EXPECT_FALSE(chargers().find("CP2"));
    EXPECT_FALSE(chargers().find("cp1")) << "charge point identities are case-sensitive";
}

TEST_F(ChargerRepositoryTest, DuplicateInsertReturnsFalseAndKeepsTheFirst) {
    EXPECT_TRUE(chargers().insert("CP1", "first", RegistrationStatus::Accepted, at_millis(1)));
    EXPECT_FALSE(chargers().insert("CP1", "second", RegistrationStatus::Rejected, at_millis(2)));
    EXPECT_EQ(chargers().find("CP1")->description, "first");
    EXPECT_EQ(chargers().find("CP1")->registration_status, RegistrationStatus::Accepted);
}

TEST_F(ChargerRepositoryTest, ListsAllByIdentity) {
    add_charger("CP2");
    add_charger("CP1");
    add_charger("A7");
    std::vector<std::string> ids;
    for (const ChargerRecord& charger : chargers().list()) {
        ids.push_back(charger.id);
    }
    EXPECT_EQ(ids, (std::vector<std::string>{"A7", "CP1", "CP2"}));
}

TEST_F(ChargerRepositoryTest, UpdatesRegistrationStatusAndDescription) {
    add_charger("CP1");
    EXPECT_TRUE(chargers().set_registration_status("CP1", RegistrationStatus::Rejected));
    EXPECT_TRUE(chargers().set_description("CP1", "moved"));
    EXPECT_EQ(chargers().find("CP1")->registration_status, RegistrationStatus::Rejected);
    EXPECT_EQ(chargers().find("CP1")->description, "moved");
    EXPECT_TRUE(chargers().set_description("CP1", std::nullopt));
    EXPECT_FALSE(chargers().find("CP1")->description);
    EXPECT_FALSE(chargers().set_registration_status("nope", RegistrationStatus::Accepted));
    EXPECT_FALSE(chargers().set_description("nope", "x"));
}

TEST_F(ChargerRepositoryTest, RecordsBootInfo) {
    add_charger("CP1");
    const BootInfo info{.vendor = "Acme",
                        .model = "Wallbox 22",
                        .charge_point_serial_number = "CPSN",
                        .charge_box_serial_number = "CBSN",
                        .firmware_version = "1.2.3",
                        .iccid = "8986",
                        .imsi = "4600",
                        .meter_type = "DZG",
                        .meter_serial_number = "M-1"};
    chargers().record_boot("CP1", info, at_millis(5000));
    const auto charger = chargers().find("CP1");
    ASSERT_TRUE(charger && charger->boot_info);
    EXPECT_EQ(charger->boot_info->vendor, "Acme");
    EXPECT_EQ(charger->boot_info->model, "Wallbox 22");
    EXPECT_EQ(charger->boot_info->charge_point_serial_number, "CPSN");
    EXPECT_EQ(charger->boot_info->charge_box_serial_number, "CBSN");
    EXPECT_EQ(charger->boot_info->firmware_version, "1.2.3");
    EXPECT_EQ(charger->boot_info->iccid, "8986");
    EXPECT_EQ(charger->boot_info->imsi, "4600");
    EXPECT_EQ(charger->boot_info->meter_type, "DZG");
    EXPECT_EQ(charger->boot_info->meter_serial_number, "M-1");
    EXPECT_EQ(charger->last_boot_at, at_millis(5000));

    // A later boot with fewer fields replaces the earlier information entirely.
    BootInfo smaller;
    smaller.vendor = "Acme";
    smaller.model = "Wallbox 11";
    chargers().record_boot("CP1", smaller, at_millis(6000));
    const auto rebooted = chargers().find("CP1");
    EXPECT_EQ(rebooted->boot_info->model, "Wallbox 11");
    EXPECT_FALSE(rebooted->boot_info->firmware_version);
    EXPECT_EQ(rebooted->last_boot_at, at_millis(6000));
}

TEST_F(ChargerRepositoryTest, TouchKeepsTheLatestInstant) {
    add_charger("CP1");
    chargers().touch("CP1", at_millis(2000));
    EXPECT_EQ(chargers().find("CP1")->last_seen_at, at_millis(2000));
    chargers().touch("CP1", at_millis(1500));
    EXPECT_EQ(chargers().find("CP1")->last_seen_at, at_millis(2000));
    chargers().touch("CP1", at_millis(2500));
    EXPECT_EQ(chargers().find("CP1")->last_seen_at, at_millis(2500));
    EXPECT_NO_THROW(chargers().touch("unknown", at_millis(1)));
}

TEST_F(ChargerRepositoryTest, RecordsFirmwareAndDiagnosticsStatus) {
    add_charger("CP1");
    chargers().record_firmware_status("CP1", "Downloading", at_millis(10));
    chargers().record_diagnostics_status("CP1", "Uploaded", at_millis(20));
    const auto charger = chargers().find("CP1");
    EXPECT_EQ(charger->firmware_status, "Downloading");
    EXPECT_EQ(charger->diagnostics_status, "Uploaded");
    EXPECT_EQ(connection_.query_int("SELECT firmware_status_at FROM chargers"), 10);
    EXPECT_EQ(connection_.query_int("SELECT diagnostics_status_at FROM chargers"), 20);
}

TEST_F(ChargerRepositoryTest, RecordStatusUpdatesCurrentAndAppendsHistory) {
    add_charger("CP1");
    StatusRecord faulted = status(1, "Faulted", 300);
    faulted.error_code = "GroundFailure";
    faulted.info = "RCD tripped";
    faulted.vendor_id = "Acme";
    faulted.vendor_error_code = "E42";
    faulted.timestamp = at_millis(290);
    chargers().record_status(status(0, "Available", 100));
    chargers().record_status(status(1, "Available", 100));
    chargers().record_status(status(1, "Charging", 200));
    chargers().record_status(faulted);

    const std::vector<StatusRecord> current = chargers().connectors("CP1");
    ASSERT_EQ(current.size(), 2U);
    EXPECT_EQ(current[0].connector_id, 0);
    EXPECT_EQ(current[0].status, "Available");
    EXPECT_EQ(current[1].connector_id, 1);
    EXPECT_EQ(current[1].status, "Faulted");
    EXPECT_EQ(current[1].error_code, "GroundFailure");
    EXPECT_EQ(current[1].info, "RCD tripped");
    EXPECT_EQ(current[1].vendor_id, "Acme");
    EXPECT_EQ(current[1].vendor_error_code, "E42");
    EXPECT_EQ(current[1].timestamp, at_millis(290));
    EXPECT_EQ(current[1].received_at, at_millis(300));

    // Newest first, for one connector or all.
    const auto connector_history = chargers().status_history("CP1", 1, 10, 0);
    ASSERT_EQ(connector_history.size(), 3U);
    EXPECT_EQ(connector_history[0].status, "Faulted");
    EXPECT_EQ(connector_history[0].info, "RCD tripped");
    EXPECT_EQ(connector_history[1].status, "Charging");
    EXPECT_EQ(connector_history[2].status, "Available");
    EXPECT_EQ(chargers().status_history("CP1", std::nullopt, 10, 0).size(), 4U);
    const auto latest_two = chargers().status_history("CP1", std::nullopt, 2, 0);
    ASSERT_EQ(latest_two.size(), 2U);
    EXPECT_EQ(latest_two[0].status, "Faulted");
    EXPECT_EQ(latest_two[1].status, "Charging");
    EXPECT_TRUE(chargers().status_history("CP1", 7, 10, 0).empty());
    EXPECT_TRUE(chargers().connectors("CP2").empty());
}

TEST_F(ChargerRepositoryTest, StatusOfAnUnknownChargerIsRefused) {
    try {
        chargers().record_status(status(1, "Available", 1));
        FAIL() << "status stored for an unknown charger";
    } catch (const sqlite::SqliteError& error) {
        EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_FOREIGNKEY);
    }
}

TEST_F(ChargerRepositoryTest, DeletingAChargerRemovesItsConnectorsAndHistory) {
    add_charger("CP1");
    chargers().record_status(status(1, "Available", 1));
    connection_.execute_script("DELETE FROM chargers WHERE id = 'CP1'");
    EXPECT_EQ(count_rows("connectors"), 0);
    EXPECT_EQ(count_rows("status_history"), 0);
}

}  // namespace
}  // namespace parkgrid::storage
