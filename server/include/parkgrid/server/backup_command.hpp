#pragma once

#include <string>
#include <vector>

namespace parkgrid::server {

// `csms backup FILE [--config FILE] [--db PATH]`: copies the database csms uses to FILE while csms keeps
// serving (storage::backup_sqlite_database), and prints what it copied as one JSON line. Throws ConfigError
// for bad arguments and std::runtime_error when the copy fails.
int run_backup_command(const std::vector<std::string>& args);

}  // namespace parkgrid::server
