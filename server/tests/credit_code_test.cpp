#include "api/credit_code.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::api {
namespace {

TEST(CreditCodeTest, AcceptsPublishedCodes) {
    // Codes of real organisations as published, and codes built for the tests.
    for (const char* code : {"91350100M000100Y43", "12100000400000624D", "91110000600037341L",
                             "11110000MB0000001Y", "11110000MB00000022", "12310000MB0000007U"}) {
        EXPECT_EQ(credit_code_problem(code), std::nullopt) << code;
    }
}

TEST(CreditCodeTest, ComputesTheCheckCharacter) {
    EXPECT_EQ(credit_code_check_character("91350100M000100Y4"), '3');
    EXPECT_EQ(credit_code_check_character("12100000400000624"), 'D');
    EXPECT_EQ(credit_code_check_character("11110000MB0000001"), 'Y');
    // A check value of 31 is written 0.
    EXPECT_EQ(credit_code_check_character("00000000000000000"), '0');
}

TEST(CreditCodeTest, CatchesTyposWithTheCheckCharacter) {
    EXPECT_TRUE(credit_code_problem("91350100M000100Y44")) << "last character wrong";
    EXPECT_TRUE(credit_code_problem("91350100M000101Y43")) << "one character changed";
    EXPECT_TRUE(credit_code_problem("91350100M001000Y43")) << "two characters swapped";
    EXPECT_NE(credit_code_problem("12100000400000624C")->find("check character"), std::string::npos);
}

TEST(CreditCodeTest, RefusesWrongLengthsAndCharacters) {
    EXPECT_EQ(credit_code_problem("9135010"), "must have 18 characters");
    EXPECT_EQ(credit_code_problem("91350100M000100Y431"), "must have 18 characters");
    EXPECT_EQ(credit_code_problem(""), "must have 18 characters");
    // I, O, S, V and Z are not in the code table, nor are lower-case letters.
    EXPECT_NE(credit_code_problem("91350100I000100Y43")->find("character 9"), std::string::npos);
    EXPECT_TRUE(credit_code_problem("91350100O000100Y43"));
    EXPECT_TRUE(credit_code_problem("91350100S000100Y43"));
    EXPECT_TRUE(credit_code_problem("91350100m000100y43"));
    EXPECT_TRUE(credit_code_problem("91350100-000100Y43"));
}

}  // namespace
}  // namespace parkgrid::server::api
