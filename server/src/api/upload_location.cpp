#include "upload_location.hpp"

namespace parkgrid::server::api {

std::string public_base(const Config& config, const HttpRequest& request) {
    if (!config.public_url.empty()) {
        return config.public_url.back() == '/' ? config.public_url.substr(0, config.public_url.size() - 1)
                                               : config.public_url;
    }
    return "http://" + (request.host.empty() ? std::string("localhost") : request.host);
}

std::string with_credential(const std::string& location, std::string_view user,
                            const std::string& credential) {
    const auto scheme_end = location.find("://");
    return location.substr(0, scheme_end + 3) + std::string(user) + ":" + credential + "@" +
           location.substr(scheme_end + 3);
}

}  // namespace parkgrid::server::api
