#pragma once

#include "parkgrid/storage/security_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteSignedFirmwareRepository final : public SignedFirmwareRepository {
public:
    explicit SqliteSignedFirmwareRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int32_t insert(const SignedFirmwareUpdateRecord& update) override;
    std::optional<SignedFirmwareUpdateRecord> find(std::int32_t id) override;
    void record_answer(std::int32_t id, const RequestAnswer& answer) override;
    std::optional<std::int32_t> record_notification(const RequestNotification& notification) override;
    Listing<SignedFirmwareUpdateRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                                    std::size_t offset) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
