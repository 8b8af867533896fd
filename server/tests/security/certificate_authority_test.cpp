#include "security/certificate_authority.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "security/certificate_chain.hpp"
#include "test_pki.hpp"

namespace parkgrid::server::security {
namespace {

using testing::ec_key;
using testing::make_certificate;
using testing::make_csr;
using testing::private_key_pem;
using testing::rsa_key;

class CertificateAuthorityTest : public ::testing::Test {
protected:
    CertificateAuthorityTest()
        : directory_(std::filesystem::temp_directory_path() /
                     ("parkgrid-ca-test-" + std::to_string(::getpid()) + "-" +
                      ::testing::UnitTest::GetInstance()->current_test_info()->name())),
          ca_key_(ec_key("P-256")),
          ca_certificate_(make_certificate(ca_key_.get(), "ParkGrid Charger CA", true)) {
        std::filesystem::create_directories(directory_);
        write("ca.pem", certificate_pem(ca_certificate_.get()));
        write("ca.key", private_key_pem(ca_key_.get()));
    }
    ~CertificateAuthorityTest() override { std::filesystem::remove_all(directory_); }

    std::string write(const std::string& name, const std::string& content) {
        const auto path = directory_ / name;
        std::ofstream(path) << content;
        return path.string();
    }
    std::string path(const std::string& name) const { return (directory_ / name).string(); }

    std::filesystem::path directory_;
    EvpPkeyPtr ca_key_;
    X509Ptr ca_certificate_;
};

TEST_F(CertificateAuthorityTest, IssuesAClientCertificateForTheRequest) {
    const CertificateAuthority authority(path("ca.pem"), path("ca.key"));
    const auto charger_key = rsa_key(2048);
    const auto chain = authority.sign(make_csr(charger_key.get(), "CP-1"), std::chrono::days(30));
    const auto certificates = read_certificates(chain);
    ASSERT_EQ(certificates.size(), 2U);
    X509* leaf = certificates[0].get();
    EXPECT_EQ(X509_cmp(certificates[1].get(), ca_certificate_.get()), 0)
        << "the CA certificate follows the leaf";

    EXPECT_EQ(X509_get_version(leaf), X509_VERSION_3);
    EXPECT_EQ(name_text(X509_get_subject_name(leaf)), "CN=CP-1,O=ParkGrid Test");
    EXPECT_EQ(name_text(X509_get_issuer_name(leaf)), "CN=ParkGrid Charger CA");
    EXPECT_EQ(EVP_PKEY_eq(X509_get0_pubkey(leaf), charger_key.get()), 1);
    EXPECT_EQ(X509_verify(leaf, ca_key_.get()), 1);

    const BignumPtr serial(ASN1_INTEGER_to_BN(X509_get0_serialNumber(leaf), nullptr));
    EXPECT_EQ(BN_num_bytes(serial.get()), 16);
    EXPECT_FALSE(BN_is_negative(serial.get()));

    EXPECT_EQ(X509_check_ca(leaf), 0);
    EXPECT_TRUE(X509_get_key_usage(leaf) & KU_DIGITAL_SIGNATURE);
    EXPECT_FALSE(X509_get_key_usage(leaf) & KU_KEY_CERT_SIGN);
    EXPECT_TRUE(X509_get_extended_key_usage(leaf) & XKU_SSL_CLIENT);
    EXPECT_FALSE(X509_get_extended_key_usage(leaf) & XKU_SSL_SERVER);

    int days = 0;
    int seconds = 0;
    ASSERT_EQ(ASN1_TIME_diff(&days, &seconds, nullptr, X509_get0_notAfter(leaf)), 1);
    EXPECT_TRUE(days == 29 || days == 30) << days;
    EXPECT_LT(X509_cmp_current_time(X509_get0_notBefore(leaf)), 0);

    // A TLS client check (purpose sslclient) against the CA accepts it.
    const std::unique_ptr<X509_STORE, OpenSslFree<X509_STORE_free>> store(X509_STORE_new());
    X509_STORE_add_cert(store.get(), ca_certificate_.get());
    const std::unique_ptr<X509_STORE_CTX, OpenSslFree<X509_STORE_CTX_free>> context(X509_STORE_CTX_new());
    X509_STORE_CTX_init(context.get(), store.get(), leaf, nullptr);
    X509_STORE_CTX_set_purpose(context.get(), X509_PURPOSE_SSL_CLIENT);
    EXPECT_EQ(X509_verify_cert(context.get()), 1)
        << X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.get()));
}

TEST_F(CertificateAuthorityTest, EveryCertificateGetsItsOwnSerialNumber) {
    const CertificateAuthority authority(path("ca.pem"), path("ca.key"));
    const auto key = ec_key("P-256");
    const auto csr = make_csr(key.get(), "CP-1");
    const auto first = read_certificates(authority.sign(csr, std::chrono::days(1)));
    const auto second = read_certificates(authority.sign(csr, std::chrono::days(1)));
    EXPECT_NE(
        ASN1_INTEGER_cmp(X509_get0_serialNumber(first[0].get()), X509_get0_serialNumber(second[0].get())), 0);
}

TEST_F(CertificateAuthorityTest, RefusesFilesThatDoNotMakeACa) {
    EXPECT_THROW(CertificateAuthority(path("missing.pem"), path("ca.key")), std::runtime_error);
    const auto other_key = ec_key("P-256");
    write("other.key", private_key_pem(other_key.get()));
    EXPECT_THROW(CertificateAuthority(path("ca.pem"), path("other.key")), std::runtime_error);
    const auto leaf = make_certificate(other_key.get(), "not a CA", false);
    write("leaf.pem", certificate_pem(leaf.get()));
    EXPECT_THROW(CertificateAuthority(path("leaf.pem"), path("other.key")), std::runtime_error);
    write("garbage.pem", "no certificate here");
    EXPECT_THROW(CertificateAuthority(path("garbage.pem"), path("ca.key")), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::server::security
