#pragma once

#include <optional>
#include <string>

#include "parkgrid/server/http_types.hpp"

namespace parkgrid::server::api {

// How a request presented its secret. A bearer token may be a session or an API token; the session cookie
// carries sessions only.
enum class CredentialSource { Bearer, Cookie };

struct PresentedCredential {
    std::string secret;
    CredentialSource source = CredentialSource::Bearer;
};

// The Authorization bearer token if the header is there (it wins: a page on another site cannot set it),
// otherwise the session cookie. nullopt when neither is present or the Authorization header is not a bearer
// token.
std::optional<PresentedCredential> presented_credential(const HttpRequest& request);

}  // namespace parkgrid::server::api
