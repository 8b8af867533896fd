#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "parkgrid/storage/operations_records.hpp"

namespace parkgrid::storage {

class CommandLogRepository {
public:
    virtual ~CommandLogRepository() = default;

    // Returns the new entry's id; the record's id and completion fields are ignored.
    virtual std::int64_t insert(const CommandRecord& command) = 0;
    virtual void complete(std::int64_t id, const CommandCompletion& completion) = 0;
    // Newest first.
    virtual std::vector<CommandRecord> for_charger(std::string_view charger_id, std::size_t limit,
                                                   std::size_t offset) = 0;
    virtual std::size_t count_for_charger(std::string_view charger_id) = 0;
};

class ReservationRepository {
public:
    virtual ~ReservationRepository() = default;

    // Returns the new reservation id (the OCPP reservationId); the record's id is ignored.
    virtual std::int32_t insert(const ReservationRecord& reservation) = 0;
    virtual std::optional<ReservationRecord> find(std::int32_t id) = 0;
    virtual void set_status(std::int32_t id, const std::string& status, const std::optional<std::string>& charger_status,
                            Timestamp at) = 0;
    // A StartTransaction named the reservation: marks an active reservation of this charger used.
    // Returns false when there is no such active reservation.
    virtual bool mark_used(std::int32_t id, std::string_view charger_id, std::int32_t transaction_id, Timestamp at) = 0;
    // Marks active reservations whose expiry date has passed as expired; returns how many.
    virtual std::size_t expire_due(Timestamp now) = 0;
    // Newest first.
    virtual std::vector<ReservationRecord> query(const ReservationFilter& filter) = 0;
};

}  // namespace parkgrid::storage
