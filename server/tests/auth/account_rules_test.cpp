#include "auth/account_rules.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace parkgrid::server::auth {
namespace {

TEST(AccountRulesTest, Usernames) {
    for (const std::string& good :
         std::vector<std::string>{"abc", "wang.fang@moj.gov.cn", "Li_Na-2", std::string(64, 'a')}) {
        EXPECT_FALSE(username_problem(good)) << good;
    }
    for (const std::string& bad :
         std::vector<std::string>{"", "ab", std::string(65, 'a'), "wang fang", "王芳", "a/b", "x:y"}) {
        EXPECT_TRUE(username_problem(bad)) << bad;
    }
}

TEST(AccountRulesTest, PasswordsCountCharactersNotBytes) {
    EXPECT_TRUE(password_problem("elevenchars"));
    EXPECT_FALSE(password_problem("twelve chars"));
    // Six Chinese characters are 18 bytes but only six characters.
    EXPECT_TRUE(password_problem("充电桩管理员"));
    EXPECT_FALSE(password_problem("公共机构充电桩管理系统密码"));
    EXPECT_FALSE(password_problem(std::string(1024, 'x')));
    EXPECT_TRUE(password_problem(std::string(1025, 'x')));
}

}  // namespace
}  // namespace parkgrid::server::auth
