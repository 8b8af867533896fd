#include "parkgrid/server/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace parkgrid::server {
namespace {

TEST(ConfigTest, DefaultsMatchTheDocumentation) {
    const auto config = parse_config({});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->listen.host, "0.0.0.0");
    EXPECT_EQ(config->listen.port, 8180);
    EXPECT_EQ(config->db_path, "data/parkgrid.db");
    EXPECT_EQ(config->unknown_chargers, UnknownChargerPolicy::Pending);
    EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(300));
    EXPECT_EQ(config->max_frame_bytes, 64u * 1024);
    EXPECT_EQ(config->db_commit_gather, std::chrono::microseconds(1000));
}

TEST(ConfigTest, FlagsInBothSpellings) {
    const auto config =
        parse_config({"--listen", "127.0.0.1:0", "--db=/tmp/x.db", "--log-level", "debug",
                      "--unknown-chargers", "reject", "--max-frame-size", "4096", "--db-commit-gather=0"});
    EXPECT_EQ(config->listen.host, "127.0.0.1");
    EXPECT_EQ(config->listen.port, 0);
    EXPECT_EQ(config->db_path, "/tmp/x.db");
    EXPECT_EQ(config->log_level, LogLevel::Debug);
    EXPECT_EQ(config->unknown_chargers, UnknownChargerPolicy::Reject);
    EXPECT_EQ(config->max_frame_bytes, 4096u);
    EXPECT_EQ(config->db_commit_gather, std::chrono::microseconds(0));
}

TEST(ConfigTest, FlagsOverrideTheConfigFile) {
    const auto path = std::filesystem::temp_directory_path() / "parkgrid-config-test.json";
    std::ofstream(path) << R"({"listen": "10.0.0.1:9000", "heartbeat-interval": 60, "db": "file.db"})";
    const auto config = parse_config({"--db", "flag.db", "--config", path.string()});
    std::filesystem::remove(path);
    EXPECT_EQ(config->listen.host, "10.0.0.1");
    EXPECT_EQ(config->listen.port, 9000);
    EXPECT_EQ(config->heartbeat_interval, std::chrono::seconds(60));
    EXPECT_EQ(config->db_path, "flag.db");
}

TEST(ConfigTest, RejectsBadValuesWithAClearMessage) {
    EXPECT_THROW(parse_config({"--listen", "nonsense"}), ConfigError);
    EXPECT_THROW(parse_config({"--listen", "host:99999"}), ConfigError);
    EXPECT_THROW(parse_config({"--unknown-chargers", "maybe"}), ConfigError);
    EXPECT_THROW(parse_config({"--no-such-flag", "1"}), ConfigError);
    EXPECT_THROW(parse_config({"--db"}), ConfigError);
    EXPECT_THROW(parse_config({"--db-commit-gather", "-1"}), ConfigError);
    EXPECT_THROW(parse_config({"--db-commit-gather", "100001"}), ConfigError);
    EXPECT_THROW(parse_config({"--config", "/nonexistent/parkgrid.json"}), ConfigError);
    try {
        parse_config({"--heartbeat-interval", "0"});
        FAIL();
    } catch (const ConfigError& error) {
        EXPECT_NE(std::string(error.what()).find("--heartbeat-interval"), std::string::npos);
    }
}

TEST(ConfigTest, SecurityDefaultsAreClosed) {
    const auto config = parse_config({});
    EXPECT_FALSE(config->allow_security_profile_0);
    EXPECT_TRUE(config->tls_certificates.empty());
    EXPECT_EQ(config->tls_listen.port, 8443);
    EXPECT_EQ(config->charger_certificate_subject, ChargerCertificateSubject::CommonNameIsIdentity);
}

TEST(ConfigTest, TlsCertificatesAndKeysPairByPosition) {
    const auto config = parse_config({"--tls-cert", "rsa.pem,ecdsa.pem", "--tls-key", "rsa.key,ecdsa.key",
                                      "--tls-ca", "ca.pem", "--charger-cert-subject", "serial"});
    ASSERT_EQ(config->tls_certificates.size(), 2u);
    EXPECT_EQ(config->tls_certificates[1].certificate_chain, "ecdsa.pem");
    EXPECT_EQ(config->tls_certificates[1].private_key, "ecdsa.key");
    EXPECT_EQ(config->charger_certificate_subject, ChargerCertificateSubject::CommonNameIsSerialNumber);

    EXPECT_THROW(parse_config({"--tls-cert", "rsa.pem,ecdsa.pem", "--tls-key", "rsa.key"}), ConfigError);
    EXPECT_THROW(parse_config({"--tls-ca", "ca.pem"}), ConfigError);
    EXPECT_THROW(parse_config({"--charger-cert-subject", "cn"}), ConfigError);
}

TEST(ConfigTest, ParsesIpv6Endpoints) {
    const auto endpoint = parse_endpoint("[::1]:8180");
    EXPECT_EQ(endpoint.host, "::1");
    EXPECT_EQ(endpoint.port, 8180);
}

}  // namespace
}  // namespace parkgrid::server
