#include "sqlite_repositories.hpp"

namespace parkgrid::storage {

SqliteRepositories::SqliteRepositories(sqlite::Connection& connection)
    : connection_(connection),
      chargers_(connection),
      id_tags_(connection),
      transactions_(connection),
      meter_values_(connection),
      events_(connection),
      api_tokens_(connection),
      command_log_(connection),
      reservations_(connection),
      configuration_(connection),
      local_lists_(connection),
      maintenance_(connection),
      users_(connection),
      sessions_(connection),
      audit_log_(connection),
      institutions_(connection),
      sites_(connection),
      departments_(connection),
      vehicles_(connection),
      drivers_(connection),
      security_events_(connection),
      certificate_requests_(connection),
      log_requests_(connection),
      signed_firmware_updates_(connection),
      load_management_(connection),
      energy_(connection) {}

}  // namespace parkgrid::storage
