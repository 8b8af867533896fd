#include "multipart.hpp"

#include <gtest/gtest.h>

namespace parkgrid::server {
namespace {

TEST(MultipartTest, FindsTheFirstFilePartAsCurlSendsIt) {
    const std::string body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"diag 1.log\"\r\n"
        "Content-Type: application/octet-stream\r\n\r\nline1\r\nline2\r\n--XyZ--\r\n";
    const auto file = first_file_part("multipart/form-data; boundary=XyZ", body);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->file_name, "diag 1.log");
    EXPECT_EQ(file->content, "line1\r\nline2");
}

TEST(MultipartTest, QuotedBoundaryAndBinaryContent) {
    const std::string content("\x00\x01\xff--not a boundary", 20);
    const std::string body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"x.bin\"\r\n\r\n" +
                             content + "\r\n--b--";
    const auto file = first_file_part("Multipart/Form-Data; boundary=\"b\"", body);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->content, content);
}

TEST(MultipartTest, RejectsWhatIsNotAMultipartFile) {
    EXPECT_FALSE(first_file_part("application/octet-stream", "raw"));
    EXPECT_FALSE(first_file_part("multipart/form-data", "--x\r\n"));
    EXPECT_FALSE(first_file_part("multipart/form-data; boundary=x",
                                 "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nv\r\n--x--"));
    EXPECT_FALSE(
        first_file_part("multipart/form-data; boundary=x",
                        "--x\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nunterminated"));
}

}  // namespace
}  // namespace parkgrid::server
