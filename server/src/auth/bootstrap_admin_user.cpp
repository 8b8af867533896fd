#include "bootstrap_admin_user.hpp"

#include <stdexcept>

#include "account_rules.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "password_hash.hpp"

namespace parkgrid::server::auth {

bool bootstrap_admin_user(storage::Database& database, const std::optional<std::string>& password) {
    if (!password) {
        return false;
    }
    if (const auto problem = password_problem(*password)) {
        throw std::runtime_error("CSMS_ADMIN_PASSWORD " + *problem);
    }
    const auto no_users = [](storage::Repositories& repositories) {
        return repositories.users().count(storage::UserFilter{}) == 0;
    };
    // Checked first so that the slow hash is computed only when it will be used.
    if (!storage::read_and_wait(database, no_users)) {
        return false;
    }
    storage::UserRecord user;
    user.username = std::string(kBootstrapAdminUsername);
    user.display_name = "Administrator";
    user.role = "admin";
    user.password_hash = hash_password(*password);
    user.created_at = user.updated_at = ocpp::DateTime::now().instant();
    return storage::write_and_wait(database, [&](storage::Repositories& repositories) {
        return no_users(repositories) && repositories.users().insert(user).has_value();
    });
}

}  // namespace parkgrid::server::auth
