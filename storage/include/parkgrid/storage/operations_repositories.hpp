#pragma once

#include <cstdint>
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

}  // namespace parkgrid::storage
