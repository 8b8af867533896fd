#include "security/csr.hpp"

#include <gtest/gtest.h>

#include "test_pki.hpp"

namespace parkgrid::server::security {
namespace {

using testing::ec_key;
using testing::ed25519_key;
using testing::make_certificate;
using testing::make_csr;
using testing::rsa_key;

TEST(CsrTest, ReadsAValidRsaRequest) {
    const auto key = rsa_key(2048);
    const auto csr = parse_csr(make_csr(key.get(), "CP-1"));
    EXPECT_EQ(csr.common_name, "CP-1");
    EXPECT_EQ(csr.subject, "CN=CP-1,O=ParkGrid Test");
    EXPECT_EQ(csr.key_type, "RSA");
    EXPECT_EQ(csr.key_bits, 2048);
}

TEST(CsrTest, AcceptsEcKeysFrom224Bits) {
    EXPECT_EQ(parse_csr(make_csr(ec_key("P-256").get(), "CP-1")).key_bits, 256);
    EXPECT_EQ(parse_csr(make_csr(ec_key("P-224").get(), "CP-1")).key_type, "EC");
}

TEST(CsrTest, RefusesWeakKeys) {
    try {
        parse_csr(make_csr(rsa_key(1024).get(), "CP-1"));
        FAIL() << "a 1024-bit RSA key was accepted";
    } catch (const InvalidCertificateData& e) {
        EXPECT_NE(std::string(e.what()).find("1024"), std::string::npos) << e.what();
    }
    EXPECT_THROW(parse_csr(make_csr(ec_key("prime192v1").get(), "CP-1")), InvalidCertificateData);
    EXPECT_THROW(parse_csr(make_csr(ed25519_key().get(), "CP-1")), InvalidCertificateData);
}

TEST(CsrTest, RefusesARequestWhoseSignatureDoesNotVerify) {
    const auto key = rsa_key(2048);
    const auto other = rsa_key(2048);
    try {
        parse_csr(make_csr(key.get(), "CP-1", other.get()));
        FAIL() << "a request signed with another key was accepted";
    } catch (const InvalidCertificateData& e) {
        EXPECT_NE(std::string(e.what()).find("signature"), std::string::npos) << e.what();
    }
}

TEST(CsrTest, RefusesWhatIsNoRequest) {
    EXPECT_THROW(parse_csr(""), InvalidCertificateData);
    EXPECT_THROW(parse_csr("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"),
                 InvalidCertificateData);
    const auto key = ec_key("P-256");
    const auto certificate = make_certificate(key.get(), "CP-1", false);
    EXPECT_THROW(parse_csr(certificate_pem(certificate.get())), InvalidCertificateData);
}

TEST(CsrTest, TheCommonNameMustBeTheIdentity) {
    const auto key = ec_key("P-256");
    const auto csr = parse_csr(make_csr(key.get(), "CP-1"));
    EXPECT_FALSE(common_name_problem(csr, "CP-1", CommonNameRule::Identity, std::nullopt));
    const auto problem = common_name_problem(csr, "CP-2", CommonNameRule::Identity, std::nullopt);
    ASSERT_TRUE(problem);
    EXPECT_NE(problem->find("CP-2"), std::string::npos) << *problem;
    EXPECT_TRUE(common_name_problem(parse_csr(make_csr(key.get(), "")), "CP-1", CommonNameRule::Identity,
                                    std::nullopt));
}

TEST(CsrTest, OrContainsTheSerialNumber) {
    const auto key = ec_key("P-256");
    const auto csr = parse_csr(make_csr(key.get(), "ACME-SN12345"));
    EXPECT_FALSE(common_name_problem(csr, "CP-1", CommonNameRule::SerialNumber, "SN12345"));
    EXPECT_TRUE(common_name_problem(csr, "CP-1", CommonNameRule::SerialNumber, "SN99999"));
    // Without a serial number from the boot there is nothing to compare with.
    EXPECT_TRUE(common_name_problem(csr, "CP-1", CommonNameRule::SerialNumber, std::nullopt));
}

}  // namespace
}  // namespace parkgrid::server::security
