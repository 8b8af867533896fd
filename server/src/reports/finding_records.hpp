#pragma once

// Stores data-quality findings: a reporting::Finding with the organisation it affects.

#include <optional>

#include "parkgrid/reporting/quality.hpp"
#include "parkgrid/storage/repositories.hpp"

namespace parkgrid::server::reports {

// What the check could not know: where the finding belongs in the organisation.
struct FindingPlace {
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> site_id{};
    std::optional<std::int64_t> department_id{};
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::string> local_date{};
};

// The zone of a site, Asia/Shanghai without one.
std::string site_time_zone(storage::Repositories& repositories, std::optional<std::int64_t> site_id);

storage::DataQualityFindingRecord to_record(const reporting::Finding& finding, const FindingPlace& place,
                                            storage::Timestamp detected_at);

// Upserts every finding; returns how many were new.
std::size_t store_findings(storage::Repositories& repositories,
                           const std::vector<reporting::Finding>& findings, const FindingPlace& place,
                           storage::Timestamp detected_at);

// The place of a transaction's findings: its institution, site, vehicle and start date from its ledger or
// attribution snapshot (a running transaction: its start date in the site's zone).
FindingPlace place_of_transaction(storage::Repositories& repositories, std::int32_t transaction_id);

}  // namespace parkgrid::server::reports
