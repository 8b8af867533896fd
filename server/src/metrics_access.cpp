#include "metrics_access.hpp"

#include <boost/asio/ip/address.hpp>
#include <string>

#include "auth/secret_compare.hpp"

namespace parkgrid::server {

bool is_loopback_peer(std::string_view remote_address) {
    std::string_view host = remote_address;
    if (host.starts_with('[')) {
        host = host.substr(1, host.find(']') - 1);
    } else if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
        host = host.substr(0, colon);
    }
    boost::system::error_code error;
    const auto address = boost::asio::ip::make_address(std::string(host), error);
    if (error) {
        return false;
    }
    if (address.is_v6() && address.to_v6().is_v4_mapped()) {
        return boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6()).is_loopback();
    }
    return address.is_loopback();
}

MetricsAccess metrics_access(const HttpRequest& request, const Config& config) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!config.metrics_token.empty() && request.authorization.starts_with(kBearer) &&
        auth::equal_in_constant_time(std::string_view(request.authorization).substr(kBearer.size()),
                                     config.metrics_token)) {
        return MetricsAccess::Granted;
    }
    if (config.metrics_loopback && is_loopback_peer(request.remote_address)) {
        return MetricsAccess::Granted;
    }
    return config.metrics_token.empty() ? MetricsAccess::Refused : MetricsAccess::NeedsToken;
}

}  // namespace parkgrid::server
