#include "finding_records.hpp"

#include "time_conversion.hpp"

namespace parkgrid::server::reports {

std::string site_time_zone(storage::Repositories& repositories, std::optional<std::int64_t> site_id) {
    if (site_id) {
        if (const auto site = repositories.sites().find(*site_id)) {
            return site->time_zone;
        }
    }
    return kInstitutionZone;
}

storage::DataQualityFindingRecord to_record(const reporting::Finding& finding, const FindingPlace& place,
                                            storage::Timestamp detected_at) {
    storage::DataQualityFindingRecord record;
    record.key = finding.key;
    record.kind = finding.kind;
    record.severity = std::string(reporting::to_string(finding.severity));
    record.message = finding.message;
    record.evidence_json = finding.evidence.is_object() ? finding.evidence.dump() : std::string("{}");
    record.transaction_id = finding.subject.transaction_id;
    record.charger_id = finding.subject.charger_id;
    record.connector_id = finding.subject.connector_id;
    record.vehicle_id = finding.subject.vehicle_id ? finding.subject.vehicle_id : place.vehicle_id;
    record.department_id = place.department_id;
    record.site_id = place.site_id;
    record.institution_id =
        finding.subject.institution_id ? finding.subject.institution_id : place.institution_id;
    record.period = finding.subject.period;
    record.local_date = place.local_date;
    record.detected_at = detected_at;
    return record;
}

std::size_t store_findings(storage::Repositories& repositories,
                           const std::vector<reporting::Finding>& findings, const FindingPlace& place,
                           storage::Timestamp detected_at) {
    std::size_t added = 0;
    for (const auto& finding : findings) {
        // A finding about another transaction (the other half of an overlap) belongs where that one does.
        const auto where = finding.subject.transaction_id
                               ? place_of_transaction(repositories, *finding.subject.transaction_id)
                               : place;
        if (repositories.energy().upsert_finding(to_record(finding, where, detected_at))) {
            ++added;
        }
    }
    return added;
}

FindingPlace place_of_transaction(storage::Repositories& repositories, std::int32_t transaction_id) {
    auto& energy = repositories.energy();
    FindingPlace place;
    const auto attribution = energy.attribution(transaction_id);
    if (attribution) {
        place.institution_id = attribution->institution_id;
        place.site_id = attribution->site_id;
        place.department_id = attribution->department_id;
        place.vehicle_id = attribution->vehicle_id;
    }
    if (const auto ledger = energy.ledger(transaction_id); ledger && !ledger->parts.empty()) {
        place.local_date = ledger->parts.front().local_date;
    } else if (const auto transaction = repositories.transactions().find(transaction_id)) {
        place.local_date = reporting::local_date_of(
            millis(transaction->start.timestamp),
            site_time_zone(repositories, attribution ? attribution->site_id : std::nullopt));
    }
    return place;
}

}  // namespace parkgrid::server::reports
