#pragma once

#include <optional>
#include <string>
#include <vector>

#include "parkgrid/ocpp/types/meter_value.hpp"
#include "parkgrid/storage/records.hpp"

namespace parkgrid::server {

// A sampled value with the OCPP 1.6 defaults made explicit (context Sample.Periodic, format Raw,
// measurand Energy.Active.Import.Register, location Outlet, unit Wh) and numeric readings in k-prefixed
// units converted to the base unit (kWh to Wh, kW to W, kvarh to varh, kvar to var, kVA to VA).
storage::SampledValueRecord to_record(const ocpp::SampledValue& sample);

storage::MeterValueRecord to_record(const ocpp::MeterValue& meter_value, const std::string& charger_id,
                                    std::int32_t connector_id, std::optional<std::int32_t> transaction_id,
                                    std::string source, storage::Timestamp received_at);

}  // namespace parkgrid::server
