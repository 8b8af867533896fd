#pragma once

#include <nlohmann/json.hpp>

#include "parkgrid/storage/audit_records.hpp"
#include "parkgrid/storage/records.hpp"
#include "parkgrid/storage/user_records.hpp"

// How users, API tokens and audit records appear in the REST API (see json_views.hpp for the conventions).
// Password hashes and token hashes never appear.
namespace parkgrid::server::api {

nlohmann::json user_json(const storage::UserRecord& user);
// Without the token value: that is shown once, by the route that creates it.
nlohmann::json api_token_json(const storage::ApiTokenRecord& token);
nlohmann::json audit_json(const storage::AuditRecord& record);

}  // namespace parkgrid::server::api
