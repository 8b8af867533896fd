#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class GenericStatus { Accepted, Rejected };
PARKGRID_OCPP_ENUM(GenericStatus, {Accepted, "Accepted"}, {Rejected, "Rejected"});

struct SignCertificateResponse {
    GenericStatus status{};
};
BOOST_DESCRIBE_STRUCT(SignCertificateResponse, (), (status))

struct SignCertificateRequest {
    static constexpr std::string_view action = "SignCertificate";
    static constexpr Initiator initiator = Initiator::ChargePoint;
    using Response = SignCertificateResponse;

    CiString<5500> csr;  // PEM-encoded PKCS#10 certificate signing request
};
BOOST_DESCRIBE_STRUCT(SignCertificateRequest, (), (csr))

}  // namespace parkgrid::ocpp
