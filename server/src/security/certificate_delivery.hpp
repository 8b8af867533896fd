#pragma once

#include <functional>
#include <optional>
#include <string>

#include "parkgrid/server/central_system.hpp"
#include "parkgrid/storage/security_records.hpp"

namespace parkgrid::server::security {

// The largest chain CertificateSigned can carry (certificateChain is CiString[10000]).
inline constexpr std::size_t kMaxCertificateChainLength = 10000;

// How the delivery of a certificate ended.
struct CertificateDelivery {
    bool stored = false;  // false: the chain could not be stored, so nothing was sent
    CommandOutcome outcome;
    std::optional<storage::CertificateRequestRecord> request;  // as stored afterwards
};

// Sends a signed chain to the charger of a certificate request with CertificateSigned and follows it: the
// chain and its signer are stored first (status "signed"), then the charger's answer ("accepted" or
// "rejected") or why there was none ("failed"), and a "certificate.status" event is published. `done` runs
// on a storage thread once the outcome is stored.
void deliver_certificate(CentralSystem& central_system, const storage::CertificateRequestRecord& request,
                         const std::string& chain, const std::string& signed_by,
                         const std::string& requested_by,
                         std::function<void(const CertificateDelivery&)> done);

}  // namespace parkgrid::server::security
