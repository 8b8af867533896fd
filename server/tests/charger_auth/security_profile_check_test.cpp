#include "charger_auth/security_profile_check.hpp"

#include <gtest/gtest.h>

#include "charger_auth/authorization_key.hpp"
#include "charger_auth/charger_credentials.hpp"

namespace parkgrid::server {
namespace {

using Outcome = SecurityProfileCheck::Outcome;

storage::ChargerRecord charger(int profile, std::optional<std::string> key_hash = "hash") {
    storage::ChargerRecord record;
    record.id = "CP-1";
    record.security_profile = profile;
    record.authorization_key_hash = std::move(key_hash);
    return record;
}

ChargerCredentials basic(bool tls, std::string username = "CP-1") {
    ChargerCredentials credentials;
    credentials.tls = tls;
    credentials.basic = BasicCredentials{std::move(username), "secret"};
    return credentials;
}

ChargerCredentials certificate(std::string common_name, std::string organisation = "Operator") {
    ChargerCredentials credentials;
    credentials.tls = true;
    credentials.certificate = PeerCertificate{std::move(common_name), std::move(organisation)};
    return credentials;
}

SecurityProfileCheck check(const std::optional<storage::ChargerRecord>& record,
                           const ChargerCredentials& credentials, const Config& config = {}) {
    return check_security_profile("CP-1", record, credentials, config);
}

TEST(SecurityProfileCheckTest, UnknownIdentitiesAreNotFoundUnlessProfileZeroIsAllowed) {
    EXPECT_EQ(check(std::nullopt, basic(false)).http_status, 404u);
    Config open;
    open.allow_security_profile_0 = true;
    EXPECT_EQ(check(std::nullopt, {}, open).outcome, Outcome::Admit);
}

TEST(SecurityProfileCheckTest, ProfileZeroNeedsTheServerToAllowIt) {
    EXPECT_EQ(check(charger(0), {}).http_status, 403u);
    Config open;
    open.allow_security_profile_0 = true;
    EXPECT_EQ(check(charger(0), {}, open).outcome, Outcome::Admit);
}

TEST(SecurityProfileCheckTest, BasicProfilesVerifyTheKeyOfTheNamedCharger) {
    const auto one = check(charger(1), basic(false));
    EXPECT_EQ(one.outcome, Outcome::VerifyKey);
    EXPECT_EQ(one.key_hash, "hash");
    EXPECT_EQ(check(charger(2), basic(true)).outcome, Outcome::VerifyKey);

    const auto missing = check(charger(1), {});
    EXPECT_EQ(missing.http_status, 401u);
    EXPECT_TRUE(missing.challenge);
    EXPECT_EQ(check(charger(1), basic(false, "CP-2")).http_status, 401u);
    EXPECT_EQ(check(charger(1, std::nullopt), basic(false)).http_status, 401u);
}

TEST(SecurityProfileCheckTest, NoProfileIsAcceptedOnAnotherOne) {
    EXPECT_EQ(check(charger(2), basic(false)).http_status, 403u) << "downgrade from TLS";
    EXPECT_EQ(check(charger(3), basic(false)).http_status, 403u);
    EXPECT_EQ(check(charger(1), basic(true)).http_status, 403u);
    EXPECT_EQ(check(charger(3), basic(true)).http_status, 401u) << "a password is no certificate";
}

TEST(SecurityProfileCheckTest, ProfileThreeMatchesTheCertificateSubject) {
    EXPECT_EQ(check(charger(3), certificate("CP-1")).outcome, Outcome::Admit);
    EXPECT_EQ(check(charger(3), certificate("CP-2")).http_status, 403u);

    Config organisation;
    organisation.charger_certificate_organisation = "Operator";
    EXPECT_EQ(check(charger(3), certificate("CP-1"), organisation).outcome, Outcome::Admit);
    EXPECT_EQ(check(charger(3), certificate("CP-1", "Other"), organisation).http_status, 403u);

    Config serial;
    serial.charger_certificate_subject = ChargerCertificateSubject::CommonNameIsSerialNumber;
    auto booted = charger(3);
    EXPECT_EQ(check(booted, certificate("SN-42"), serial).http_status, 403u) << "serial number not known yet";
    storage::BootInfo boot;
    boot.vendor = "V";
    boot.model = "M";
    boot.charge_point_serial_number = "SN-42";
    booted.boot_info = boot;
    EXPECT_EQ(check(booted, certificate("SN-42"), serial).outcome, Outcome::Admit);
    EXPECT_EQ(check(booted, certificate("ACME SN-42"), serial).outcome, Outcome::Admit) << "contains";
    EXPECT_EQ(check(booted, certificate("CP-1"), serial).http_status, 403u);
}

TEST(ChargerCredentialsTest, ParsesBasicAuthorization) {
    const auto parsed = parse_basic_authorization("Basic Q1AtMTpwYXNzOndvcmQ=");  // CP-1:pass:word
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->username, "CP-1");
    EXPECT_EQ(parsed->password, "pass:word");
    EXPECT_TRUE(parse_basic_authorization("basic Q1AtMTpwYXNzOndvcmQ="));
    EXPECT_FALSE(parse_basic_authorization("Bearer Q1AtMTpwYXNzOndvcmQ="));
    EXPECT_FALSE(parse_basic_authorization("Basic not base64!"));
    EXPECT_FALSE(parse_basic_authorization("Basic Q1AtMQ=="));  // no colon
    EXPECT_FALSE(parse_basic_authorization(""));
}

TEST(ChargerCredentialsTest, ObservedProfileFollowsTransportAndCredentials) {
    EXPECT_EQ(observed_security_profile({}), 0);
    EXPECT_EQ(observed_security_profile(basic(false)), 1);
    EXPECT_EQ(observed_security_profile(basic(true)), 2);
    EXPECT_EQ(observed_security_profile(certificate("CP-1")), 3);
}

TEST(AuthorizationKeyTest, FollowsTheWhitepaperLengthRules) {
    EXPECT_FALSE(authorization_key_problem("sixteen-chars-ok"));
    EXPECT_FALSE(authorization_key_problem("twenty-characters-ok"));
    EXPECT_FALSE(authorization_key_problem(std::string(32, 'a')));
    EXPECT_FALSE(authorization_key_problem(std::string(40, 'F')));
    EXPECT_TRUE(authorization_key_problem("fifteen-chars-x"));
    EXPECT_TRUE(authorization_key_problem("twenty-one-characters"));
    EXPECT_TRUE(authorization_key_problem("has a space inside"));
    EXPECT_TRUE(authorization_key_problem(std::string(41, 'a')));
    EXPECT_TRUE(authorization_key_problem(std::string(31, 'g') + "x"));
}

TEST(AuthorizationKeyTest, GeneratedKeysAreFortyFreshHexDigits) {
    const auto first = generate_authorization_key();
    EXPECT_EQ(first.size(), 40u);
    EXPECT_FALSE(authorization_key_problem(first));
    EXPECT_NE(first, generate_authorization_key());
}

}  // namespace
}  // namespace parkgrid::server
