#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/certificate_use.hpp"

namespace parkgrid::ocpp {

enum class InstallCertificateStatus { Accepted, Failed, Rejected };
PARKGRID_OCPP_ENUM(InstallCertificateStatus, {Accepted, "Accepted"}, {Failed, "Failed"},
                   {Rejected, "Rejected"});

struct InstallCertificateResponse {
    InstallCertificateStatus status{};
};
BOOST_DESCRIBE_STRUCT(InstallCertificateResponse, (), (status))

struct InstallCertificateRequest {
    static constexpr std::string_view action = "InstallCertificate";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = InstallCertificateResponse;

    CertificateUse certificate_type{};
    CiString<5500> certificate;  // PEM-encoded X.509 certificate
};
BOOST_DESCRIBE_STRUCT(InstallCertificateRequest, (), (certificate_type, certificate))

}  // namespace parkgrid::ocpp
