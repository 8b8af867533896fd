#include "certificate_delivery.hpp"

#include "parkgrid/ocpp/date_time.hpp"
#include "parkgrid/ocpp/messages/certificate_signed.hpp"
#include "parkgrid/server/log.hpp"

namespace parkgrid::server::security {
namespace {

storage::Timestamp now() {
    return ocpp::DateTime::now().instant();
}

// The request's status after the CertificateSigned, and what went wrong, if anything.
std::pair<std::string, std::optional<std::string>> status_after(const CommandOutcome& outcome) {
    if (outcome.offline) {
        return {"failed", "the charger was not connected"};
    }
    if (outcome.call.status != CallOutcome::Status::Result) {
        return {"failed", "CertificateSigned ended with " + command_status_name(outcome) +
                              (outcome.call.description.empty() ? "" : ": " + outcome.call.description)};
    }
    if (outcome.call.payload.value("status", "") == "Accepted") {
        return {"accepted", std::nullopt};
    }
    return {"rejected", "the charger rejected the certificate"};
}

}  // namespace

void deliver_certificate(CentralSystem& central_system, const storage::CertificateRequestRecord& request,
                         const std::string& chain, const std::string& signed_by,
                         const std::string& requested_by,
                         std::function<void(const CertificateDelivery&)> done) {
    storage::write(
        central_system.database(),
        [id = request.id, chain, signed_by](storage::Repositories& repositories) {
            repositories.certificate_requests().record_signature(id, chain, signed_by, now());
        },
        [&central_system, request, chain, requested_by,
         done = std::move(done)](const storage::Outcome<storage::detail::Unit>& stored) mutable {
            if (!stored.ok()) {
                log::error("could not store a signed charger certificate",
                           {{"charger", request.charger_id}, {"request", std::to_string(request.id)}});
                done(CertificateDelivery{});
                return;
            }
            central_system.commands().send(
                request.charger_id, ocpp::CertificateSignedRequest{chain}, requested_by,
                [&central_system, request, done = std::move(done)](const CommandOutcome& outcome) mutable {
                    const auto [status, error] = status_after(outcome);
                    storage::write(
                        central_system.database(),
                        [id = request.id, status, error,
                         command_id = outcome.command_id](storage::Repositories& repositories) {
                            auto& requests = repositories.certificate_requests();
                            requests.set_status(id, status, error,
                                                command_id ? std::optional(command_id) : std::nullopt, now());
                            return requests.find(id);
                        },
                        [&central_system, request, outcome, status, done = std::move(done)](
                            storage::Outcome<std::optional<storage::CertificateRequestRecord>> recorded) {
                            log::info("charger certificate delivered",
                                      {{"charger", request.charger_id},
                                       {"request", std::to_string(request.id)},
                                       {"status", status}});
                            central_system.events().publish("certificate.status", request.charger_id,
                                                            {{"requestId", request.id}, {"status", status}});
                            done(CertificateDelivery{true, outcome,
                                                     recorded.ok() ? recorded.value() : std::nullopt});
                        });
                });
        });
}

}  // namespace parkgrid::server::security
