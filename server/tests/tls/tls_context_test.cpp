#include "tls/tls_context.hpp"

#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <filesystem>
#include <fstream>

#include "../security/test_pki.hpp"

namespace parkgrid::server {
namespace {

namespace pki = security::testing;

class TlsContextTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("parkgrid-tls-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // Writes a self-signed certificate and its key; returns the pair of file names.
    TlsCertificateFiles write_pair(const std::string& name, EVP_PKEY* key) {
        const auto certificate = pki::make_certificate(key, "localhost", false);
        TlsCertificateFiles files{(dir_ / (name + ".pem")).string(), (dir_ / (name + ".key")).string()};
        std::ofstream(files.certificate_chain) << security::certificate_pem(certificate.get());
        std::ofstream(files.private_key) << pki::private_key_pem(key);
        return files;
    }

    std::filesystem::path dir_;
};

TEST_F(TlsContextTest, LoadsAnRsaAndAnEcdsaCertificateAndOnlyTheWhitepaperSuites) {
    const auto rsa = pki::rsa_key(2048);
    const auto ec = pki::ec_key("prime256v1");
    Config config;
    config.tls_certificates = {write_pair("rsa", rsa.get()), write_pair("ec", ec.get())};
    const TlsContextProvider provider(config);
    SSL_CTX* context = provider.current()->native_handle();
    EXPECT_EQ(SSL_CTX_get_min_proto_version(context), TLS1_2_VERSION);
    EXPECT_NE(SSL_CTX_get_options(context) & SSL_OP_NO_COMPRESSION, 0u);

    const std::unique_ptr<SSL, decltype(&SSL_free)> connection(SSL_new(context), SSL_free);
    std::vector<std::string> tls12;
    STACK_OF(SSL_CIPHER)* ciphers = SSL_get_ciphers(connection.get());
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i) {
        const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(ciphers, i);
        if (std::string(SSL_CIPHER_get_version(cipher)) != "TLSv1.3") {
            tls12.emplace_back(SSL_CIPHER_get_name(cipher));
        }
    }
    std::sort(tls12.begin(), tls12.end());
    EXPECT_EQ(tls12,
              (std::vector<std::string>{"ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384"}));
}

TEST_F(TlsContextTest, RefusesWeakKeysAndKeysOfAnotherCertificate) {
    const auto weak = pki::rsa_key(1024);
    Config config;
    config.tls_certificates = {write_pair("weak", weak.get())};
    EXPECT_THROW(TlsContextProvider{config}, TlsConfigError);

    const auto a = pki::ec_key("prime256v1");
    const auto b = pki::ec_key("prime256v1");
    auto mismatched = write_pair("a", a.get());
    mismatched.private_key = write_pair("b", b.get()).private_key;
    config.tls_certificates = {mismatched};
    EXPECT_THROW(TlsContextProvider{config}, TlsConfigError);

    config.tls_certificates = {{(dir_ / "missing.pem").string(), (dir_ / "missing.key").string()}};
    EXPECT_THROW(TlsContextProvider{config}, TlsConfigError);
}

TEST_F(TlsContextTest, AFailedReloadKeepsTheCurrentContext) {
    const auto key = pki::ec_key("prime256v1");
    Config config;
    config.tls_certificates = {write_pair("ec", key.get())};
    TlsContextProvider provider(config);
    const auto before = provider.current();
    provider.reload();
    EXPECT_NE(provider.current(), before) << "a reload builds a new context";
    const auto reloaded = provider.current();
    std::filesystem::remove(config.tls_certificates[0].certificate_chain);
    EXPECT_THROW(provider.reload(), TlsConfigError);
    EXPECT_EQ(provider.current(), reloaded);
}

}  // namespace
}  // namespace parkgrid::server
