#pragma once

#include "parkgrid/storage/security_repositories.hpp"
#include "sqlite/connection.hpp"

namespace parkgrid::storage {

class SqliteCertificateRequestRepository final : public CertificateRequestRepository {
public:
    explicit SqliteCertificateRequestRepository(sqlite::Connection& connection) : connection_(connection) {}

    std::int64_t insert(const CertificateRequestRecord& request) override;
    std::optional<CertificateRequestRecord> find(std::int64_t id) override;
    void record_signature(std::int64_t id, const std::string& certificate_chain, const std::string& signed_by,
                          Timestamp at) override;
    void set_status(std::int64_t id, const std::string& status, const std::optional<std::string>& error,
                    std::optional<std::int64_t> command_id, Timestamp at) override;
    Listing<CertificateRequestRecord> query(const CertificateRequestFilter& filter) override;

private:
    sqlite::Connection& connection_;
};

}  // namespace parkgrid::storage
