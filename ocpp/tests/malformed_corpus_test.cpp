// Feeds every frame of the malformed-frame regression corpus through the server's inbound path and checks
// the answer the OCPP-J rules prescribe. The corpus and the rules behind it:
// tools/fuzz/make_malformed_corpus.py.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "parkgrid/ocpp/inbound_frame.hpp"
#include "support/default_answer_handler.hpp"

namespace parkgrid::ocpp {
namespace {

constexpr std::size_t kMinimumCorpusSize = 1000;

std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    return out;
}

struct CorpusEntry {
    std::size_t line = 0;
    std::string frame;
    std::string expect;  // "drop" or a CALLERROR code
    std::string unique_id;
    std::string why;
};

std::vector<CorpusEntry> load_corpus() {
    std::ifstream input(PARKGRID_MALFORMED_CORPUS_FILE);
    std::vector<CorpusEntry> entries;
    std::string text;
    for (std::size_t line = 1; std::getline(input, text); ++line) {
        const auto json = nlohmann::json::parse(text);
        CorpusEntry entry;
        entry.line = line;
        entry.frame = json.contains("frame") ? json["frame"].get<std::string>()
                                             : from_hex(json["frame_hex"].get<std::string>());
        entry.expect = json["expect"];
        entry.unique_id = json.value("id", "");
        entry.why = json.value("why", "");
        entries.push_back(std::move(entry));
    }
    return entries;
}

TEST(MalformedCorpusTest, EveryFrameGetsTheAnswerTheRulesPrescribe) {
    const auto corpus = load_corpus();
    ASSERT_GE(corpus.size(), kMinimumCorpusSize) << PARKGRID_MALFORMED_CORPUS_FILE;
    for (const auto& entry : corpus) {
        SCOPED_TRACE("line " + std::to_string(entry.line) + ": " + entry.why);
        testing::DefaultAnswerHandler handler;
        std::vector<std::string> replies;
        ASSERT_NO_THROW(handle_inbound_frame(
            entry.frame, handler, [&](std::string frame) { replies.push_back(std::move(frame)); }));
        EXPECT_EQ(handler.requests, 0u) << "a malformed request reached the handler";
        if (entry.expect == "drop") {
            EXPECT_TRUE(replies.empty()) << "answered: " << (replies.empty() ? "" : replies.front());
            continue;
        }
        ASSERT_EQ(replies.size(), 1u);
        const auto reply = nlohmann::json::parse(replies.front(), nullptr, false);
        ASSERT_TRUE(reply.is_array() && reply.size() == 5) << replies.front();
        EXPECT_EQ(reply[0], 4);
        EXPECT_EQ(reply[1], entry.unique_id);
        EXPECT_EQ(reply[2], entry.expect) << reply[3];
        EXPECT_TRUE(reply[3].is_string());
        EXPECT_TRUE(reply[4].is_object());
    }
}

}  // namespace
}  // namespace parkgrid::ocpp
