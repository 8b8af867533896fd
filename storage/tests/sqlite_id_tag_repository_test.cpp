#include "sqlite_id_tag_repository.hpp"

#include <gtest/gtest.h>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

IdTagRecord tag(std::string id_tag, std::string status = "Accepted") {
    return IdTagRecord{.id_tag = std::move(id_tag),
                       .status = std::move(status),
                       .expiry_date = std::nullopt,
                       .parent_id_tag = std::nullopt,
                       .created_at = at_millis(100),
                       .updated_at = at_millis(100)};
}

class IdTagRepositoryTest : public testing::RepositoryTest {
protected:
    IdTagRepository& id_tags() { return repositories_.id_tags(); }
};

TEST_F(IdTagRepositoryTest, InsertsAndFindsWithEveryField) {
    IdTagRecord record = tag("04A1B2C3");
    record.expiry_date = at_millis(99999);
    record.parent_id_tag = "FLEET-1";
    EXPECT_TRUE(id_tags().insert(record));
    const auto found = id_tags().find("04A1B2C3");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id_tag, "04A1B2C3");
    EXPECT_EQ(found->status, "Accepted");
    EXPECT_EQ(found->expiry_date, at_millis(99999));
    EXPECT_EQ(found->parent_id_tag, "FLEET-1");
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(100));
    EXPECT_FALSE(id_tags().find("unknown"));
}

TEST_F(IdTagRepositoryTest, IsCaseInsensitive) {
    ASSERT_TRUE(id_tags().insert(tag("04a1b2c3")));
    const auto found = id_tags().find("04A1B2C3");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id_tag, "04a1b2c3") << "the stored spelling is kept";
    EXPECT_FALSE(id_tags().insert(tag("04A1B2C3"))) << "same tag in other case is a duplicate";

    IdTagRecord blocked = tag("04A1B2C3", "Blocked");
    EXPECT_TRUE(id_tags().update(blocked));
    EXPECT_EQ(id_tags().find("04a1b2c3")->status, "Blocked");
    EXPECT_TRUE(id_tags().remove("04A1b2C3"));
    EXPECT_FALSE(id_tags().find("04a1b2c3"));
}

TEST_F(IdTagRepositoryTest, DuplicateInsertReturnsFalseAndKeepsTheFirst) {
    ASSERT_TRUE(id_tags().insert(tag("T1", "Accepted")));
    EXPECT_FALSE(id_tags().insert(tag("T1", "Blocked")));
    EXPECT_EQ(id_tags().find("T1")->status, "Accepted");
}

TEST_F(IdTagRepositoryTest, UpdateChangesStatusExpiryParentAndUpdatedAt) {
    ASSERT_TRUE(id_tags().insert(tag("T1")));
    IdTagRecord changed = tag("T1", "Expired");
    changed.expiry_date = at_millis(500);
    changed.parent_id_tag = "P";
    changed.created_at = at_millis(999);  // ignored: creation does not change
    changed.updated_at = at_millis(600);
    EXPECT_TRUE(id_tags().update(changed));
    const auto found = id_tags().find("T1");
    EXPECT_EQ(found->status, "Expired");
    EXPECT_EQ(found->expiry_date, at_millis(500));
    EXPECT_EQ(found->parent_id_tag, "P");
    EXPECT_EQ(found->created_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(600));
    EXPECT_FALSE(id_tags().update(tag("unknown")));
}

TEST_F(IdTagRepositoryTest, RemoveReportsWhetherTheTagExisted) {
    ASSERT_TRUE(id_tags().insert(tag("T1")));
    EXPECT_TRUE(id_tags().remove("T1"));
    EXPECT_FALSE(id_tags().remove("T1"));
}

TEST_F(IdTagRepositoryTest, ListsPagesInTagOrder) {
    for (const char* id : {"C", "a", "B", "d"}) {
        ASSERT_TRUE(id_tags().insert(tag(id)));
    }
    const auto names = [](const std::vector<IdTagRecord>& tags) {
        std::vector<std::string> result;
        for (const IdTagRecord& record : tags) {
            result.push_back(record.id_tag);
        }
        return result;
    };
    EXPECT_EQ(names(id_tags().list(10, 0)), (std::vector<std::string>{"a", "B", "C", "d"}));
    EXPECT_EQ(names(id_tags().list(2, 1)), (std::vector<std::string>{"B", "C"}));
    EXPECT_TRUE(id_tags().list(10, 4).empty());
    EXPECT_EQ(id_tags().list(static_cast<std::size_t>(-1), 0).size(), 4U) << "a huge limit means no limit";
}

TEST_F(IdTagRepositoryTest, InvalidStatusIsRefused) {
    EXPECT_THROW(id_tags().insert(tag("T1", "Whatever")), std::runtime_error);
}

}  // namespace
}  // namespace parkgrid::storage
