#pragma once

#include "parkgrid/ocpp/message.hpp"

namespace parkgrid::ocpp {

enum class CertificateUse { CentralSystemRootCertificate, ManufacturerRootCertificate };
PARKGRID_OCPP_ENUM(CertificateUse, {CentralSystemRootCertificate, "CentralSystemRootCertificate"},
                   {ManufacturerRootCertificate, "ManufacturerRootCertificate"});

}  // namespace parkgrid::ocpp
