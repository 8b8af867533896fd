#include "auth/password_hash.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "auth/base64.hpp"

namespace parkgrid::server::auth {
namespace {

std::string hex(const std::vector<unsigned char>& bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out;
    for (const unsigned char byte : bytes) {
        out += kDigits[byte >> 4];
        out += kDigits[byte & 0x0f];
    }
    return out;
}

std::vector<unsigned char> bytes(std::string_view text) {
    return {text.begin(), text.end()};
}

// RFC 7914 section 11: the PBKDF2-HMAC-SHA256 test vectors.
TEST(Pbkdf2Test, MatchesRfc7914Vectors) {
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("passwd", bytes("salt"), 1, 64)),
              "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
              "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("Password", bytes("NaCl"), 80000, 64)),
              "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56"
              "a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d");
}

// The widely published PBKDF2-HMAC-SHA256 vectors for "password"/"salt".
TEST(Pbkdf2Test, MatchesWellKnownVectors) {
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("password", bytes("salt"), 1, 32)),
              "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    EXPECT_EQ(hex(pbkdf2_hmac_sha256("password", bytes("salt"), 4096, 32)),
              "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
}

TEST(Base64Test, RoundTripsAndRejectsNonCanonicalText) {
    EXPECT_EQ(base64_encode(bytes("")), "");
    EXPECT_EQ(base64_encode(bytes("f")), "Zg==");
    EXPECT_EQ(base64_encode(bytes("fo")), "Zm8=");
    EXPECT_EQ(base64_encode(bytes("foo")), "Zm9v");
    EXPECT_EQ(base64_encode(bytes("foobar")), "Zm9vYmFy");
    for (const char* text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
        EXPECT_EQ(base64_decode(base64_encode(bytes(text))), bytes(text)) << text;
    }
    const std::vector<unsigned char> all_values = [] {
        std::vector<unsigned char> values;
        values.reserve(256);
        for (int i = 0; i < 256; ++i) {
            values.push_back(static_cast<unsigned char>(i));
        }
        return values;
    }();
    EXPECT_EQ(base64_decode(base64_encode(all_values)), all_values);
    for (const char* bad : {"Zg=", "Zg", "Z===", "Zh==", "Zm9=", "Zm=v", "Zm9v!A==", "=Zm9"}) {
        EXPECT_FALSE(base64_decode(bad)) << bad;
    }
}

TEST(PasswordHashTest, EncodesItsParametersAndVerifies) {
    const auto started = std::chrono::steady_clock::now();
    const std::string encoded = hash_password("correct horse battery staple");
    const auto took = std::chrono::steady_clock::now() - started;
    EXPECT_TRUE(encoded.starts_with("pbkdf2-sha256$600000$")) << encoded;
    const auto parameters = parse_password_hash(encoded);
    ASSERT_TRUE(parameters);
    EXPECT_EQ(parameters->iterations, 600000U);
    EXPECT_EQ(parameters->salt.size(), 16U);
    EXPECT_EQ(parameters->hash.size(), 32U);
    EXPECT_EQ(encode_password_hash(*parameters), encoded);
    EXPECT_EQ(encoded.find("correct horse"), std::string::npos);
    EXPECT_GE(took, std::chrono::milliseconds(50)) << "600,000 iterations must be slow";

    EXPECT_TRUE(verify_password("correct horse battery staple", encoded));
    EXPECT_FALSE(verify_password("correct horse battery stapl", encoded));
    EXPECT_FALSE(verify_password("", encoded));
    EXPECT_FALSE(needs_rehash(encoded));
}

TEST(PasswordHashTest, SaltsEveryHash) {
    const std::string password = "the same password twice";
    const auto first = parse_password_hash(hash_password(password, 1000));
    const auto second = parse_password_hash(hash_password(password, 1000));
    ASSERT_TRUE(first && second);
    EXPECT_NE(first->salt, second->salt);
    EXPECT_NE(first->hash, second->hash);
}

TEST(PasswordHashTest, VerifiesWithTheStoredIterationCountAndAsksForRehashWhenWeaker) {
    // Written when the cost was lower: still verifies, with its own count.
    const std::string older = hash_password("an older password", 1000);
    EXPECT_TRUE(older.starts_with("pbkdf2-sha256$1000$"));
    EXPECT_TRUE(verify_password("an older password", older));
    EXPECT_TRUE(needs_rehash(older));

    // A hash made by hand from the KDF verifies too: the format is all there is to it.
    const auto salt = bytes("0123456789abcdef");
    const std::string by_hand = "pbkdf2-sha256$2000$" + base64_encode(salt) + "$" +
                                base64_encode(pbkdf2_hmac_sha256("by hand password", salt, 2000, 32));
    EXPECT_TRUE(verify_password("by hand password", by_hand));
}

TEST(PasswordHashTest, RefusesMalformedOrUnsaneEncodings) {
    const std::string salt = base64_encode(bytes("0123456789abcdef"));
    const std::string hash = base64_encode(std::vector<unsigned char>(32, 7));
    // Joins the fields with '$'.
    const auto encoded = [](std::initializer_list<std::string_view> fields) {
        std::string out;
        for (const auto field : fields) {
            out += out.empty() ? "" : "$";
            out += field;
        }
        return out;
    };
    const std::string short_value = base64_encode(bytes("short"));
    EXPECT_TRUE(parse_password_hash(encoded({"pbkdf2-sha256", "1000", salt, hash})));
    for (const std::string& bad : std::vector<std::string>{
             "",
             "plaintext",
             encoded({"pbkdf2-sha1", "1000", salt, hash}),
             encoded({"pbkdf2-sha256", "0", salt, hash}),
             encoded({"pbkdf2-sha256", "01000", salt, hash}),
             encoded({"pbkdf2-sha256", "-5", salt, hash}),
             encoded({"pbkdf2-sha256", "1000x", salt, hash}),
             encoded({"pbkdf2-sha256", "99999999999", salt, hash}),
             encoded({"pbkdf2-sha256", "20000000", salt, hash}),  // would stall the worker
             encoded({"pbkdf2-sha256", "1000", salt}),
             encoded({"pbkdf2-sha256", "1000", salt, hash, "extra"}),
             encoded({"pbkdf2-sha256", "1000", "not base64!", hash}),
             encoded({"pbkdf2-sha256", "1000", short_value, hash}),
             encoded({"pbkdf2-sha256", "1000", salt, short_value}),
         }) {
        EXPECT_FALSE(parse_password_hash(bad)) << bad;
        EXPECT_FALSE(verify_password("anything at all", bad)) << bad;
        EXPECT_TRUE(needs_rehash(bad)) << bad;
    }
}

TEST(PasswordHashTest, TheUnknownUserHashMatchesNothingButIsWellFormed) {
    const std::string encoded = unmatchable_password_hash();
    const auto parameters = parse_password_hash(encoded);
    ASSERT_TRUE(parameters);
    EXPECT_EQ(parameters->iterations, kPasswordIterations) << "costs as much as a real check";
    EXPECT_FALSE(verify_password("", encoded));
    EXPECT_NE(unmatchable_password_hash(), encoded);
}

}  // namespace
}  // namespace parkgrid::server::auth
