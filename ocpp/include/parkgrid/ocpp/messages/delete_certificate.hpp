#pragma once

#include "parkgrid/ocpp/message.hpp"
#include "parkgrid/ocpp/types/certificate_hash_data.hpp"

namespace parkgrid::ocpp {

enum class DeleteCertificateStatus { Accepted, Failed, NotFound };
PARKGRID_OCPP_ENUM(DeleteCertificateStatus, {Accepted, "Accepted"}, {Failed, "Failed"},
                   {NotFound, "NotFound"});

struct DeleteCertificateResponse {
    DeleteCertificateStatus status{};
};
BOOST_DESCRIBE_STRUCT(DeleteCertificateResponse, (), (status))

struct DeleteCertificateRequest {
    static constexpr std::string_view action = "DeleteCertificate";
    static constexpr Initiator initiator = Initiator::CentralSystem;
    using Response = DeleteCertificateResponse;

    CertificateHashData certificate_hash_data;
};
BOOST_DESCRIBE_STRUCT(DeleteCertificateRequest, (), (certificate_hash_data))

}  // namespace parkgrid::ocpp
