#include <set>

#include "access.hpp"
#include "body_reader.hpp"
#include "charger_access.hpp"
#include "command_response.hpp"
#include "json_views.hpp"
#include "organisation_access.hpp"
#include "routes.hpp"
#include "security/certificate_chain.hpp"
#include "security/certificate_delivery.hpp"
#include "security/csr.hpp"
#include "security_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::Repositories;

const std::set<std::string> kStatuses = {"invalid", "pending", "signed", "accepted", "rejected", "failed"};

// A request in the caller's scope: 404 when it does not exist or its charger is outside the scope.
storage::CertificateRequestRecord require_request(Repositories& repositories, const Principal& principal,
                                                  std::int64_t id) {
    auto request = repositories.certificate_requests().find(id);
    const std::string what = "certificate request " + std::to_string(id);
    if (!request) {
        throw ApiError::not_found(what);
    }
    const auto charger = repositories.chargers().find(request->charger_id);
    if (!charger || !principal.sees(institution_of(*charger))) {
        throw ApiError::not_found(what);
    }
    return std::move(*request);
}

// An external CA's chain may be sent for a request that waits for one, or again after the charger refused
// or did not get the previous one; not for a refused CSR or while a certificate is on its way.
void require_signable(const storage::CertificateRequestRecord& request) {
    if (request.status == "invalid") {
        throw ApiError::conflict("certificate request " + std::to_string(request.id) +
                                 " was refused (invalid CSR); the charger must send a new one");
    }
    if (request.status == "signed" || request.status == "accepted") {
        throw ApiError::conflict("certificate request " + std::to_string(request.id) + " is " +
                                 request.status + " already");
    }
}

HttpResponse delivery_response(const security::CertificateDelivery& delivery) {
    if (!delivery.stored) {
        return internal_error_response();
    }
    const auto& outcome = delivery.outcome;
    if (outcome.offline || outcome.call.status != CallOutcome::Status::Result || !delivery.request) {
        return command_response(outcome);
    }
    const auto view = certificate_request_json(*delivery.request, true);
    if (delivery.request->status != "accepted") {
        return json_response(409, {{"error", "certificate_rejected"},
                                   {"message", "the charger rejected the certificate"},
                                   {"request", view}});
    }
    return json_response(200, view);
}

}  // namespace

void add_certificate_request_routes(Router& router, CentralSystem& central_system) {
    auto& database = central_system.database();

    router.add("GET", "/api/v1/certificate-requests",
               [&database](const ApiRequest& request, const HttpReply& reply) {
                   require_security_reader(request.principal());
                   storage::CertificateRequestFilter filter;
                   filter.scope = request.principal().scope();
                   filter.charger_id = request.query("chargerId");
                   filter.status = request.query("status");
                   if (filter.status && !kStatuses.contains(*filter.status)) {
                       throw ApiError::invalid_field(
                           "status", "must be one of invalid, pending, signed, accepted, rejected, failed");
                   }
                   const auto page = page_of(request);
                   filter.limit = page.limit;
                   filter.offset = page.offset;
                   read_then_reply(
                       database,
                       [filter](Repositories& repositories) {
                           return repositories.certificate_requests().query(filter);
                       },
                       [](const storage::Listing<storage::CertificateRequestRecord>& listing) {
                           nlohmann::json items = nlohmann::json::array();
                           for (const auto& item : listing.items) {
                               items.push_back(certificate_request_json(item, false));
                           }
                           return json_response(200, {{"items", items}, {"total", listing.total}});
                       },
                       reply);
               });

    router.add(
        "GET", "/api/v1/certificate-requests/{id}",
        [&database](const ApiRequest& request, const HttpReply& reply) {
            require_security_reader(request.principal());
            read_then_reply(
                database,
                [id = id_param(request, 0, "certificate request"), principal = request.principal()](
                    Repositories& repositories) { return require_request(repositories, principal, id); },
                [](const storage::CertificateRequestRecord& found) {
                    return json_response(200, certificate_request_json(found, true));
                },
                reply);
        });

    router.add(
        "POST", "/api/v1/certificate-requests/{id}/certificate",
        [&database, &central_system](const ApiRequest& request, const HttpReply& reply) {
            require_admin(request.principal());
            const auto body = request.json_body();
            const BodyReader fields(body, {"certificateChain"});
            const auto pem = fields.required_string("certificateChain", 64 * 1024);
            storage::read(
                database,
                [id = id_param(request, 0, "certificate request"), principal = request.principal()](
                    Repositories& repositories) { return require_request(repositories, principal, id); },
                [&central_system, pem, reply, requested_by = request.principal().subject](
                    storage::Outcome<storage::CertificateRequestRecord> found) {
                    if (!found.ok()) {
                        reply_storage_failure(reply, found.error());
                        return;
                    }
                    const auto certificate_request = found.value();
                    std::string chain;
                    try {
                        require_signable(certificate_request);
                        chain = security::chain_for_csr(pem, certificate_request.csr);
                        if (chain.size() > security::kMaxCertificateChainLength) {
                            throw ApiError::invalid_field(
                                "certificateChain",
                                "is longer than the 10000 characters CertificateSigned "
                                "can carry");
                        }
                        if (!central_system.registry().find(certificate_request.charger_id)) {
                            throw ApiError(409, "charger_offline", "the charger is not connected");
                        }
                    } catch (const security::InvalidCertificateData& e) {
                        reply(error_response(ApiError::invalid_field("certificateChain", e.what())));
                        return;
                    } catch (const ApiError& e) {
                        reply(error_response(e));
                        return;
                    }
                    security::deliver_certificate(central_system, certificate_request, chain, "external",
                                                  requested_by,
                                                  [reply](const security::CertificateDelivery& delivery) {
                                                      reply(delivery_response(delivery));
                                                  });
                });
        });
}

}  // namespace parkgrid::server::api
