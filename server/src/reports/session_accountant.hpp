#pragma once

// Turns a finished transaction into its energy ledger and data-quality findings, inside the caller's unit
// of work: StopTransaction accounts its transaction in the same commit that stores the stop, so a session
// is never acknowledged without its ledger; meter values arriving after the stop re-account it; the
// quality monitor accounts whatever is left (transactions recorded before this existed).

#include <cstdint>

#include "parkgrid/reporting/quality.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::reports {

// What the transaction record itself tells accounting and the checks: start and stop, without the meter
// samples; and the context without what other tables add (tag, rating, battery).
reporting::MeterSession transaction_session(const storage::TransactionRecord& transaction);
reporting::SessionContext transaction_context(const storage::TransactionRecord& transaction);

// Does nothing for an unknown or running transaction. Returns whether a ledger was written.
bool account_transaction(storage::Repositories& repositories, std::int32_t transaction_id,
                         const reporting::QualityLimits& limits, storage::Timestamp now);

}  // namespace parkgrid::server::reports
