#include "api/plate_number.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server::api {
namespace {

TEST(PlateNumberTest, AcceptsOrdinaryAndNewEnergyPlates) {
    for (const char* plate : {"京A12345", "沪B8888Z", "粤Z1234港", "京AD12345", "京A12345F", "新AF0001",
                              "京A1234警", "琼E00001"}) {
        EXPECT_EQ(plate_number_problem(plate), std::nullopt) << plate;
    }
}

TEST(PlateNumberTest, NeedsSevenOrEightCharacters) {
    EXPECT_TRUE(plate_number_problem("京A1234"));
    EXPECT_TRUE(plate_number_problem("京A1234567"));
    EXPECT_TRUE(plate_number_problem(""));
}

TEST(PlateNumberTest, NeedsAProvinceCharacterFirst) {
    EXPECT_NE(plate_number_problem("AA12345")->find("province"), std::string::npos);
    EXPECT_TRUE(plate_number_problem("中A12345"));
    EXPECT_TRUE(plate_number_problem("A京12345"));
}

TEST(PlateNumberTest, RefusesLowerCaseSpacesAndOtherCharacters) {
    EXPECT_EQ(plate_number_problem("京a12345"), "letters must be capitals");
    EXPECT_EQ(plate_number_problem("京A1234f"), "letters must be capitals");
    EXPECT_TRUE(plate_number_problem("京A 12345"));
    EXPECT_TRUE(plate_number_problem("京A·1234"));
    EXPECT_TRUE(plate_number_problem("京112345")) << "the authority is a letter";
    EXPECT_TRUE(plate_number_problem("京A12警45")) << "special characters only at the end";
    EXPECT_TRUE(plate_number_problem("京A1234O")) << "O is no plate letter";
    EXPECT_TRUE(plate_number_problem("京AI2345"));
    EXPECT_EQ(plate_number_problem("\xe4\xba"), "is not valid UTF-8");
}

}  // namespace
}  // namespace parkgrid::server::api
