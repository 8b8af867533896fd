#pragma once

#include <nlohmann/json.hpp>

#include "parkgrid/storage/security_records.hpp"

// How the records of the security extension appear in the REST API (see json_views.hpp for the conventions).
namespace parkgrid::server::api {

nlohmann::json security_event_json(const storage::SecurityEventRecord& event);
// `with_pem` adds the CSR and the certificate chain, which lists leave out.
nlohmann::json certificate_request_json(const storage::CertificateRequestRecord& request, bool with_pem);
nlohmann::json log_request_json(const storage::LogRequestRecord& request);
nlohmann::json signed_firmware_json(const storage::SignedFirmwareUpdateRecord& update);

}  // namespace parkgrid::server::api
