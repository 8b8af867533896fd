#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/certificate_hash_data.hpp"
#include "parkgrid/ocpp/types/certificate_use.hpp"

namespace parkgrid::ocpp {

enum class GetInstalledCertificateStatus { Accepted, NotFound };
PARKGRID_OCPP_ENUM(GetInstalledCertificateStatus, {Accepted, "Accepted"}, {NotFound, "NotFound"});

struct GetInstalledCertificateIdsResponse {
    std::optional<NonEmptyVector<CertificateHashData>> certificate_hash_data;
    GetInstalledCertificateStatus status{};
};
BOOST_DESCRIBE_STRUCT(GetInstalledCertificateIdsResponse, (), (certificate_hash_data, status))

struct GetInstalledCertificateIdsRequest {
    static constexpr std::string_view action = "GetInstalledCertificateIds";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = GetInstalledCertificateIdsResponse;

    CertificateUse certificate_type{};
};
BOOST_DESCRIBE_STRUCT(GetInstalledCertificateIdsRequest, (), (certificate_type))

}  // namespace parkgrid::ocpp
