#pragma once

#include <string>

#include "login_throttle.hpp"
#include "password_hash.hpp"
#include "password_worker.hpp"
#include "session_policy.hpp"

namespace parkgrid::server::auth {

// What the login, session and user routes share: the session rules from the configuration, the failed-login
// throttle and the password worker. Owned by the HttpHandler.
struct AuthServices {
    explicit AuthServices(SessionPolicy policy) : sessions(policy) {}

    const SessionPolicy sessions;
    LoginThrottle throttle{{.max_failures = 5, .window = std::chrono::minutes(15)},
                           // Higher per address: a ministry's whole office may share one address.
                           {.max_failures = 20, .window = std::chrono::minutes(15)}};
    // What a login naming an unknown user is checked against, so that it costs as much as a wrong password.
    const std::string unknown_user_hash = unmatchable_password_hash();
    // Last, so destroyed first: a check still running at shutdown finds the members above alive.
    PasswordWorker passwords;
};

}  // namespace parkgrid::server::auth
