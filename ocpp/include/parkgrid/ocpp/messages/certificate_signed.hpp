#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class CertificateSignedStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(CertificateSignedStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct CertificateSignedResponse {
    CertificateSignedStatus status{};
};
BOOST_DESCRIBE_STRUCT(CertificateSignedResponse, (), (status))

struct CertificateSignedRequest {
    static constexpr std::string_view action = "CertificateSigned";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = CertificateSignedResponse;

    // PEM: the signed certificate, optionally followed by its sub-CA certificates.
    CiString<10000> certificate_chain;
};
BOOST_DESCRIBE_STRUCT(CertificateSignedRequest, (), (certificate_chain))

}  // namespace parkgrid::ocpp
