#pragma once

#include <functional>
#include <optional>

#include "parkgrid/server/http_types.hpp"
#include "parkgrid/server/principal.hpp"
#include "parkgrid/storage/database.hpp"

namespace parkgrid::server::api {

// Who is calling: resolves the credentials of an API request into a Principal.
class Authenticator {
public:
    // Receives the principal, or an ApiError response (401) when the request is not authenticated.
    using Done = std::function<void(std::optional<Principal> principal, HttpResponse refusal)>;

    explicit Authenticator(storage::Database& database) : database_(database) {}

    // Bearer API tokens; called on any thread, answers from a storage thread.
    void authenticate(const HttpRequest& request, Done done) const;

private:
    storage::Database& database_;
};

}  // namespace parkgrid::server::api
