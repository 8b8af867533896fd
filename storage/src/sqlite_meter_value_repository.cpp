#include "sqlite_meter_value_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "meter_readings.hpp"
#include "meter_sample_json.hpp"

namespace parkgrid::storage {

bool SqliteMeterValueRepository::insert(const MeterValueRecord& meter_value) {
    const MeterReadings readings = extract_readings(meter_value.samples);
    // The duplicate check is one probe of meter_values_by_transaction (readings outside a transaction share
    // its NULL range): a charger rarely has two readings of the same instant.
    auto statement = connection_.cached(
        "INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, source, received_at, "
        "energy_import_wh, power_import_w, soc_percent, samples) "
        "SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE NOT EXISTS (SELECT 1 FROM meter_values "
        "WHERE charger_id = ?1 AND timestamp = ?4 AND connector_id = ?2 AND transaction_id IS ?3 "
        "AND source = ?5 AND samples = ?10)");
    statement
        ->bind_all(meter_value.charger_id, meter_value.connector_id, meter_value.transaction_id,
                   to_unix_millis(meter_value.timestamp), meter_value.source,
                   to_unix_millis(meter_value.received_at), readings.energy_import_wh,
                   readings.power_import_w, readings.soc_percent, samples_to_json(meter_value.samples))
        .execute();
    return connection_.changes() > 0;
}

std::vector<MeterValueRecord> SqliteMeterValueRepository::for_transaction(std::int32_t transaction_id) {
    auto statement = connection_.cached(
        "SELECT charger_id, connector_id, transaction_id, timestamp, source, samples, received_at "
        "FROM meter_values WHERE transaction_id = ?1 ORDER BY timestamp, id");
    statement->bind_all(transaction_id);
    std::vector<MeterValueRecord> meter_values;
    while (statement->step()) {
        meter_values.push_back(MeterValueRecord{
            .charger_id = statement->column<std::string>(0),
            .connector_id = statement->column<std::int32_t>(1),
            .transaction_id = statement->column<std::optional<std::int32_t>>(2),
            .timestamp = timestamp_column(*statement, 3),
            .source = statement->column<std::string>(4),
            .samples = samples_from_json(statement->column<std::string>(5)),
            .received_at = timestamp_column(*statement, 6),
        });
    }
    return meter_values;
}

std::size_t SqliteMeterValueRepository::delete_before(Timestamp cutoff, std::size_t limit) {
    // A range of meter_values_by_received_at, oldest first, rather than a scan of the whole table. Readings
    // of a transaction without a ledger (still running, or not yet accounted) stay: the accounting needs
    // them. They are few, so stepping over them again in the next chunk costs little.
    auto remove = connection_.cached(
        "DELETE FROM meter_values WHERE id IN (SELECT m.id FROM meter_values m WHERE m.received_at < ?1 "
        "AND m.timestamp < ?1 AND (m.transaction_id IS NULL OR EXISTS "
        "(SELECT 1 FROM energy_sessions e WHERE e.transaction_id = m.transaction_id)) "
        "ORDER BY m.received_at LIMIT ?2)");
    remove->bind_all(to_unix_millis(cutoff), static_cast<std::int64_t>(limit)).execute();
    return static_cast<std::size_t>(connection_.changes());
}

}  // namespace parkgrid::storage
