#include "security/certificate_chain.hpp"

#include <gtest/gtest.h>

#include "security/csr.hpp"
#include "test_pki.hpp"

namespace parkgrid::server::security {
namespace {

using testing::ec_key;
using testing::make_certificate;
using testing::make_csr;
using testing::private_key_pem;

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
        ++n;
    }
    return n;
}

class CertificateChainTest : public ::testing::Test {
protected:
    CertificateChainTest()
        : ca_key_(ec_key("P-256")),
          ca_(make_certificate(ca_key_.get(), "External CA", true)),
          charger_key_(ec_key("P-256")),
          csr_(make_csr(charger_key_.get(), "CP-1")) {}

    std::string leaf_pem(EVP_PKEY* key, long valid_seconds = 3600L * 24 * 365) {
        const auto leaf = make_certificate(key, "CP-1", false, ca_.get(), ca_key_.get(), valid_seconds);
        return certificate_pem(leaf.get());
    }

    EvpPkeyPtr ca_key_;
    X509Ptr ca_;
    EvpPkeyPtr charger_key_;
    std::string csr_;
};

TEST_F(CertificateChainTest, AcceptsTheLeafForTheRequestWithItsCaAndDropsWhatIsNotACertificate) {
    const auto chain = chain_for_csr(
        "issued by our CA:\n" + leaf_pem(charger_key_.get()) + "\n\n" + certificate_pem(ca_.get()), csr_);
    EXPECT_EQ(count(chain, "-----BEGIN CERTIFICATE-----"), 2U);
    EXPECT_EQ(chain.find("issued by"), std::string::npos);
    EXPECT_EQ(read_certificates(chain).size(), 2U);
    EXPECT_EQ(count(chain_for_csr(leaf_pem(charger_key_.get()), csr_), "BEGIN CERTIFICATE"), 1U);
}

TEST_F(CertificateChainTest, RefusesALeafForAnotherKey) {
    const auto other = ec_key("P-256");
    try {
        chain_for_csr(leaf_pem(other.get()), csr_);
        FAIL() << "a certificate for another key was accepted";
    } catch (const InvalidCertificateData& e) {
        EXPECT_NE(std::string(e.what()).find("public key"), std::string::npos) << e.what();
    }
}

TEST_F(CertificateChainTest, RefusesExpiredLeavesAndChainsInTheWrongOrder) {
    EXPECT_THROW(chain_for_csr(leaf_pem(charger_key_.get(), -60), csr_), InvalidCertificateData);
    const auto other_ca_key = ec_key("P-256");
    const auto other_ca = make_certificate(other_ca_key.get(), "Other CA", true);
    EXPECT_THROW(chain_for_csr(leaf_pem(charger_key_.get()) + certificate_pem(other_ca.get()), csr_),
                 InvalidCertificateData);
}

TEST_F(CertificateChainTest, RefusesPrivateKeysGarbageAndNothing) {
    EXPECT_THROW(chain_for_csr(leaf_pem(charger_key_.get()) + private_key_pem(charger_key_.get()), csr_),
                 InvalidCertificateData);
    EXPECT_THROW(chain_for_csr("", csr_), InvalidCertificateData);
    EXPECT_THROW(chain_for_csr("-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n", csr_),
                 InvalidCertificateData);
    EXPECT_THROW(read_certificates(leaf_pem(charger_key_.get()) +
                                   "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
                 InvalidCertificateData);
}

}  // namespace
}  // namespace parkgrid::server::security
