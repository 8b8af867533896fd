// Scoped queries over the kinds that reach an institution indirectly: chargers through their site, id tags
// through their own institution, transactions through their charger's site.

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"
#include "sqlite/sqlite_error.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class InstitutionScopeTest : public testing::OrganisationTest {
protected:
    InstitutionScopeTest()
        : a_(add_institution("A", kCreditCodes[0])),
          b_(add_institution("B", kCreditCodes[1])),
          site_a_(add_site(a_, "Garage A")),
          site_b_(add_site(b_, "Garage B")) {
        add_charger("CP-A");
        add_charger("CP-B");
        add_charger("CP-FREE");
        EXPECT_TRUE(repositories_.chargers().set_site("CP-A", site_a_));
        EXPECT_TRUE(repositories_.chargers().set_site("CP-B", site_b_));
    }

    static std::vector<std::string> charger_ids(const Listing<ChargerRecord>& listing) {
        std::vector<std::string> ids;
        for (const auto& charger : listing.items) {
            ids.push_back(charger.id);
        }
        return ids;
    }
    static std::vector<std::string> tag_ids(const Listing<IdTagRecord>& listing) {
        std::vector<std::string> ids;
        for (const auto& tag : listing.items) {
            ids.push_back(tag.id_tag);
        }
        return ids;
    }

    std::int32_t start_transaction(const std::string& charger, std::int64_t at) {
        return repositories_.transactions().insert(TransactionStart{.charger_id = charger,
                                                                    .connector_id = 1,
                                                                    .id_tag = "TAG",
                                                                    .timestamp = at_millis(at),
                                                                    .meter_start = 0,
                                                                    .reservation_id = std::nullopt,
                                                                    .authorization_status = "Accepted",
                                                                    .received_at = at_millis(at)});
    }

    std::int64_t a_;
    std::int64_t b_;
    std::int64_t site_a_;
    std::int64_t site_b_;
};

TEST_F(InstitutionScopeTest, ChargersCarryTheirSiteAndItsInstitution) {
    const auto charger = repositories_.chargers().find("CP-A");
    EXPECT_EQ(charger->site_id, site_a_);
    EXPECT_EQ(charger->institution_id, a_);
    const auto free = repositories_.chargers().find("CP-FREE");
    EXPECT_FALSE(free->site_id);
    EXPECT_FALSE(free->institution_id);
    EXPECT_EQ(repositories_.chargers().list().back().institution_id, std::nullopt) << "list() too";
}

TEST_F(InstitutionScopeTest, ChargersAreScopedThroughTheirSite) {
    auto& chargers = repositories_.chargers();
    EXPECT_EQ(charger_ids(chargers.query({})), (std::vector<std::string>{"CP-A", "CP-B", "CP-FREE"}));
    EXPECT_EQ(charger_ids(chargers.query({.scope = std::vector<std::int64_t>{a_}})),
              (std::vector<std::string>{"CP-A"}))
        << "unassigned chargers are outside every scope";
    EXPECT_EQ(charger_ids(chargers.query({.scope = std::vector<std::int64_t>{a_, b_}})),
              (std::vector<std::string>{"CP-A", "CP-B"}));
    EXPECT_EQ(charger_ids(chargers.query({.site_id = site_b_})), (std::vector<std::string>{"CP-B"}));
    EXPECT_EQ(charger_ids(chargers.query({.institution_id = a_})), (std::vector<std::string>{"CP-A"}));
    const auto page = chargers.query({.limit = 1, .offset = 1});
    EXPECT_EQ(charger_ids(page), (std::vector<std::string>{"CP-B"}));
    EXPECT_EQ(page.total, 3U);
}

TEST_F(InstitutionScopeTest, AssigningAChargerNeedsAnExistingSite) {
    EXPECT_THROW(repositories_.chargers().set_site("CP-FREE", 999), sqlite::SqliteError);
    EXPECT_FALSE(repositories_.chargers().set_site("CP-UNKNOWN", site_a_));
    EXPECT_TRUE(repositories_.chargers().set_site("CP-A", std::nullopt));
    EXPECT_FALSE(repositories_.chargers().find("CP-A")->site_id);
}

TEST_F(InstitutionScopeTest, IdTagsStoreTheirOwnerAndAreScopedByInstitution) {
    const auto vehicle = add_vehicle(a_, "京A12345");
    const auto driver = add_driver(b_, "Zhao");
    auto tag_a = id_tag("TAG-A", a_);
    tag_a.vehicle_id = vehicle;
    auto tag_b = id_tag("TAG-B", b_);
    tag_b.driver_id = driver;
    ASSERT_TRUE(repositories_.id_tags().insert(tag_a));
    ASSERT_TRUE(repositories_.id_tags().insert(tag_b));
    ASSERT_TRUE(repositories_.id_tags().insert(id_tag("TAG-GLOBAL", std::nullopt)));

    const auto found = repositories_.id_tags().find("tag-a");
    EXPECT_EQ(found->institution_id, a_);
    EXPECT_EQ(found->vehicle_id, vehicle);
    EXPECT_FALSE(found->driver_id);

    auto& tags = repositories_.id_tags();
    EXPECT_EQ(tag_ids(tags.query({})), (std::vector<std::string>{"TAG-A", "TAG-B", "TAG-GLOBAL"}));
    EXPECT_EQ(tag_ids(tags.query({.scope = std::vector<std::int64_t>{b_}})),
              (std::vector<std::string>{"TAG-B"}));
    EXPECT_EQ(tag_ids(tags.query({.institution_id = a_})), (std::vector<std::string>{"TAG-A"}));
    EXPECT_EQ(tag_ids(tags.query({.vehicle_id = vehicle})), (std::vector<std::string>{"TAG-A"}));
    EXPECT_EQ(tag_ids(tags.query({.driver_id = driver})), (std::vector<std::string>{"TAG-B"}));
    EXPECT_EQ(tags.query({.limit = 1}).total, 3U);

    auto moved = *tags.find("TAG-B");
    moved.driver_id = std::nullopt;
    moved.vehicle_id = vehicle;
    moved.institution_id = a_;
    EXPECT_TRUE(tags.update(moved));
    EXPECT_EQ(tags.find("TAG-B")->vehicle_id, vehicle);
    EXPECT_EQ(tags.find("TAG-B")->institution_id, a_);
}

TEST_F(InstitutionScopeTest, AnIdTagsOwnerMustBelongToTheTagsInstitution) {
    const auto vehicle = add_vehicle(a_, "京A12345");
    const auto driver = add_driver(a_, "Li");
    auto foreign = id_tag("T1", b_);
    foreign.vehicle_id = vehicle;
    EXPECT_THROW(repositories_.id_tags().insert(foreign), sqlite::SqliteError);
    auto global = id_tag("T2", std::nullopt);
    global.driver_id = driver;
    EXPECT_THROW(repositories_.id_tags().insert(global), sqlite::SqliteError);
    auto both = id_tag("T3", a_);
    both.vehicle_id = vehicle;
    both.driver_id = driver;
    EXPECT_THROW(repositories_.id_tags().insert(both), sqlite::SqliteError) << "at most one owner";

    auto tag = id_tag("T4", a_);
    tag.vehicle_id = vehicle;
    ASSERT_TRUE(repositories_.id_tags().insert(tag));
    tag.institution_id = b_;
    EXPECT_THROW(repositories_.id_tags().update(tag), sqlite::SqliteError)
        << "moving the tag without its vehicle breaks the rule";
    EXPECT_EQ(repositories_.id_tags().find("T4")->institution_id, a_);
}

TEST_F(InstitutionScopeTest, TransactionsAreScopedThroughTheirChargersSite) {
    const auto on_a = start_transaction("CP-A", 1000);
    const auto on_b = start_transaction("CP-B", 2000);
    const auto on_free = start_transaction("CP-FREE", 3000);
    auto& transactions = repositories_.transactions();
    const auto ids = [&](const TransactionFilter& filter) {
        std::vector<std::int32_t> result;
        for (const auto& transaction : transactions.query(filter)) {
            result.push_back(transaction.id);
        }
        return result;
    };
    TransactionFilter all;
    EXPECT_EQ(ids(all), (std::vector<std::int32_t>{on_free, on_b, on_a}));
    EXPECT_EQ(transactions.count(all), 3U);

    TransactionFilter scoped;
    scoped.scope = std::vector<std::int64_t>{a_};
    EXPECT_EQ(ids(scoped), (std::vector<std::int32_t>{on_a}));
    EXPECT_EQ(transactions.count(scoped), 1U);

    scoped.scope = std::vector<std::int64_t>{};
    EXPECT_TRUE(ids(scoped).empty());
    EXPECT_EQ(transactions.count(scoped), 0U);

    TransactionFilter paged;
    paged.limit = 1;
    paged.offset = 1;
    paged.open = true;
    EXPECT_EQ(ids(paged), (std::vector<std::int32_t>{on_b}));
    EXPECT_EQ(transactions.count(paged), 3U) << "the count ignores paging";
}

}  // namespace
}  // namespace parkgrid::storage
