#include "sqlite_repositories.hpp"

namespace parkgrid::storage {

SqliteRepositories::SqliteRepositories(sqlite::Connection& connection)
    : connection_(connection),
      chargers_(connection),
      id_tags_(connection),
      transactions_(connection),
      meter_values_(connection),
      events_(connection),
      api_tokens_(connection) {}

}  // namespace parkgrid::storage
