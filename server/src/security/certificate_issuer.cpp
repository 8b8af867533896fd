#include "certificate_issuer.hpp"

#include <boost/asio/post.hpp>
#include <stdexcept>

#include "certificate_delivery.hpp"
#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::security {

CertificateIssuer::CertificateIssuer(CentralSystem& central_system,
                                     std::shared_ptr<const CertificateAuthority> authority)
    : central_system_(central_system), authority_(std::move(authority)) {}

void CertificateIssuer::start() {
    subscription_ = central_system_.events().subscribe(
        [weak = weak_from_this()](const EventPtr& event) {
            auto self = weak.lock();
            if (!self || event->data.value("status", "") != "pending") {
                return;
            }
            // Bus handlers must not block: signing and storing happen elsewhere.
            boost::asio::post(self->central_system_.executor(),
                              [weak, id = event->data.value("requestId", std::int64_t{0})] {
                                  if (auto issuer = weak.lock()) {
                                      issuer->issue(id);
                                  }
                              });
        },
        {"certificate.requested"});
}

void CertificateIssuer::issue(std::int64_t request_id) {
    storage::read(
        central_system_.database(),
        [request_id](storage::Repositories& repositories) {
            return repositories.certificate_requests().find(request_id);
        },
        [weak = weak_from_this()](storage::Outcome<std::optional<storage::CertificateRequestRecord>> found) {
            auto self = weak.lock();
            if (!self || !found.ok() || !found.value() || found.value()->status != "pending") {
                return;
            }
            // Signing is CPU work: off the storage thread.
            boost::asio::post(self->central_system_.executor(), [weak, request = *found.value()] {
                if (auto issuer = weak.lock()) {
                    issuer->sign_and_deliver(request);
                }
            });
        });
}

void CertificateIssuer::sign_and_deliver(const storage::CertificateRequestRecord& request) {
    std::string chain;
    try {
        chain = authority_->sign(request.csr, central_system_.config().charger_certificate_validity);
        if (chain.size() > kMaxCertificateChainLength) {
            throw std::runtime_error(
                "the chain is longer than the 10000 characters CertificateSigned can carry");
        }
    } catch (const std::exception& e) {
        log::error("could not sign a charger certificate",
                   {{"charger", request.charger_id}, {"error", e.what()}});
        storage::write(
            central_system_.database(),
            [id = request.id, error = std::string(e.what())](storage::Repositories& repositories) {
                repositories.certificate_requests().set_status(id, "failed", error, std::nullopt,
                                                               ocpp::DateTime::now().instant());
            },
            [&central_system = central_system_, request](const storage::Outcome<storage::detail::Unit>&) {
                central_system.events().publish("certificate.status", request.charger_id,
                                                {{"requestId", request.id}, {"status", "failed"}});
            });
        return;
    }
    deliver_certificate(central_system_, request, chain, std::string(kSigner), std::string(kRequestedBy),
                        [](const CertificateDelivery&) {});
}

std::shared_ptr<CertificateIssuer> start_certificate_issuer(CentralSystem& central_system) {
    const auto& config = central_system.config();
    if (config.charger_ca_certificate.empty()) {
        return nullptr;
    }
    std::shared_ptr<const CertificateAuthority> authority;
    try {
        authority = std::make_shared<const CertificateAuthority>(config.charger_ca_certificate,
                                                                 config.charger_ca_key);
    } catch (const std::exception& e) {
        throw ConfigError(std::string("--charger-ca-cert/--charger-ca-key: ") + e.what());
    }
    auto issuer = std::make_shared<CertificateIssuer>(central_system, std::move(authority));
    issuer->start();
    return issuer;
}

}  // namespace parkgrid::server::security
