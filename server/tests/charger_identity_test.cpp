#include "parkgrid/server/charger_identity.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

TEST(ChargerIdentityTest, TakesThePercentDecodedLastSegment) {
    EXPECT_EQ(charger_identity_from_target("/ocpp/CP-1"), "CP-1");
    EXPECT_EQ(charger_identity_from_target("/ocpp/Car%20Park%2F7"), "Car Park/7");
    EXPECT_EQ(charger_identity_from_target("/ocpp/" + std::string(48, 'x')), std::string(48, 'x'));
}

TEST(ChargerIdentityTest, RejectsAnythingElse) {
    const std::vector<std::string> targets = {"/ocpp/",
                                              "/ocpp",
                                              "/",
                                              "/ocpp/a/b",
                                              "/OCPP/a",
                                              "/ocpp/a?x=1",
                                              "/ocpp/%00",
                                              "/ocpp/%7F",
                                              "/ocpp/%E4%B8%AD",
                                              "/ocpp/%G1",
                                              "/ocpp/" + std::string(49, 'x')};
    for (const auto& target : targets) {
        EXPECT_FALSE(charger_identity_from_target(target)) << target;
    }
}

}  // namespace
}  // namespace parkgrid::server
