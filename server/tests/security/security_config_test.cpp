#include <gtest/gtest.h>

#include "parkgrid/server/config.hpp"

namespace parkgrid::server {
namespace {

TEST(SecurityConfigTest, ChargerCaFlags) {
    const auto defaults = parse_config({});
    ASSERT_TRUE(defaults);
    EXPECT_TRUE(defaults->charger_ca_certificate.empty());
    EXPECT_EQ(defaults->charger_certificate_validity, std::chrono::days(365));

    const auto config = parse_config(
        {"--charger-ca-cert", "ca.pem", "--charger-ca-key", "ca.key", "--charger-cert-days", "90"});
    ASSERT_TRUE(config);
    EXPECT_EQ(config->charger_ca_certificate, "ca.pem");
    EXPECT_EQ(config->charger_ca_key, "ca.key");
    EXPECT_EQ(config->charger_certificate_validity, std::chrono::days(90));
}

TEST(SecurityConfigTest, TheCaNeedsBothFilesAndASensibleValidity) {
    EXPECT_THROW(parse_config({"--charger-ca-cert", "ca.pem"}), ConfigError);
    EXPECT_THROW(parse_config({"--charger-ca-key", "ca.key"}), ConfigError);
    EXPECT_THROW(parse_config({"--charger-cert-days", "0"}), ConfigError);
    EXPECT_THROW(parse_config({"--charger-cert-days", "3651"}), ConfigError);
}

}  // namespace
}  // namespace parkgrid::server
