#include "sqlite_meter_value_repository.hpp"

#include <string>

#include "column_conversions.hpp"
#include "meter_readings.hpp"
#include "meter_sample_json.hpp"

namespace parkgrid::storage {

void SqliteMeterValueRepository::insert(const MeterValueRecord& meter_value) {
    const MeterReadings readings = extract_readings(meter_value.samples);
    auto statement = connection_.cached(
        "INSERT INTO meter_values (charger_id, connector_id, transaction_id, timestamp, source, received_at, "
        "energy_import_wh, power_import_w, soc_percent, samples) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
        "?10)");
    statement
        ->bind_all(meter_value.charger_id, meter_value.connector_id, meter_value.transaction_id,
                   to_unix_millis(meter_value.timestamp), meter_value.source,
                   to_unix_millis(meter_value.received_at), readings.energy_import_wh,
                   readings.power_import_w, readings.soc_percent, samples_to_json(meter_value.samples))
        .execute();
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

}  // namespace parkgrid::storage
