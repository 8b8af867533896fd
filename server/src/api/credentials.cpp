#include "credentials.hpp"

#include "auth/session_cookie.hpp"

namespace parkgrid::server::api {

std::optional<PresentedCredential> presented_credential(const HttpRequest& request) {
    static constexpr std::string_view kBearer = "Bearer ";
    if (!request.authorization.empty()) {
        if (!request.authorization.starts_with(kBearer) || request.authorization.size() == kBearer.size()) {
            return std::nullopt;
        }
        return PresentedCredential{request.authorization.substr(kBearer.size()), CredentialSource::Bearer};
    }
    auto cookie = auth::cookie_value(request.cookie, auth::kSessionCookieName);
    if (!cookie || cookie->empty()) {
        return std::nullopt;
    }
    return PresentedCredential{std::move(*cookie), CredentialSource::Cookie};
}

}  // namespace parkgrid::server::api
