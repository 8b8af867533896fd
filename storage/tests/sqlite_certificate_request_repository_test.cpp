#include "sqlite_certificate_request_repository.hpp"

#include <gtest/gtest.h>

#include "organisation_test_fixture.hpp"

namespace parkgrid::storage {
namespace {

using testing::at_millis;

class CertificateRequestRepositoryTest : public testing::OrganisationTest {
protected:
    void SetUp() override {
        add_charger("CP-1");
        add_charger("CP-2");
    }

    CertificateRequestRepository& requests() { return repositories_.certificate_requests(); }

    std::int64_t add_request(const std::string& charger_id, std::int64_t received,
                             const std::string& status = "pending") {
        CertificateRequestRecord request;
        request.charger_id = charger_id;
        request.csr = "-----BEGIN CERTIFICATE REQUEST-----\n...\n-----END CERTIFICATE REQUEST-----\n";
        request.subject = "CN=" + charger_id;
        request.received_at = at_millis(received);
        request.status = status;
        return requests().insert(request);
    }
};

TEST_F(CertificateRequestRepositoryTest, StoresARequestAndFindsIt) {
    CertificateRequestRecord request;
    request.id = 77;  // ignored
    request.charger_id = "CP-1";
    request.csr = "PEM";
    request.subject = "CN=CP-1,O=ParkGrid";
    request.received_at = at_millis(100);
    request.status = "invalid";
    request.error = "the key is RSA with 1024 bits";
    const auto id = requests().insert(request);
    EXPECT_NE(id, 77);

    const auto found = requests().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->id, id);
    EXPECT_EQ(found->charger_id, "CP-1");
    EXPECT_EQ(found->csr, "PEM");
    EXPECT_EQ(found->subject, "CN=CP-1,O=ParkGrid");
    EXPECT_EQ(found->received_at, at_millis(100));
    EXPECT_EQ(found->updated_at, at_millis(100));
    EXPECT_EQ(found->status, "invalid");
    EXPECT_EQ(found->error, "the key is RSA with 1024 bits");
    EXPECT_FALSE(found->certificate_chain);
    EXPECT_FALSE(found->signed_by);
    EXPECT_FALSE(found->signed_at);
    EXPECT_FALSE(found->command_id);
    EXPECT_FALSE(requests().find(id + 1));
}

TEST_F(CertificateRequestRepositoryTest, FollowsASignatureToTheChargersAnswer) {
    const auto id = add_request("CP-1", 100);
    requests().set_status(id, "failed", "the charger was not connected", 5, at_millis(150));
    requests().record_signature(id, "LEAF\nCA\n", "ca:parkgrid", at_millis(200));
    auto found = requests().find(id);
    ASSERT_TRUE(found);
    EXPECT_EQ(found->status, "signed");
    EXPECT_EQ(found->certificate_chain, "LEAF\nCA\n");
    EXPECT_EQ(found->signed_by, "ca:parkgrid");
    EXPECT_EQ(found->signed_at, at_millis(200));
    EXPECT_EQ(found->updated_at, at_millis(200));
    EXPECT_FALSE(found->error);       // a new signature clears the earlier failure
    EXPECT_EQ(found->command_id, 5);  // until the next command

    requests().set_status(id, "accepted", std::nullopt, 9, at_millis(300));
    found = requests().find(id);
    EXPECT_EQ(found->status, "accepted");
    EXPECT_EQ(found->command_id, 9);
    EXPECT_EQ(found->updated_at, at_millis(300));
    requests().set_status(id, "rejected", "charger said Rejected", std::nullopt, at_millis(400));
    found = requests().find(id);
    EXPECT_EQ(found->status, "rejected");
    EXPECT_EQ(found->error, "charger said Rejected");
    EXPECT_EQ(found->command_id, 9);  // kept when none is given
}

TEST_F(CertificateRequestRepositoryTest, ListsNewestFirstWithFiltersAndPages) {
    const auto a = add_request("CP-1", 100);
    const auto b = add_request("CP-2", 200, "invalid");
    const auto c = add_request("CP-1", 300);
    EXPECT_EQ(ids_of(requests().query({})), (std::vector<std::int64_t>{c, b, a}));
    EXPECT_EQ(ids_of(requests().query({.charger_id = "CP-1"})), (std::vector<std::int64_t>{c, a}));
    EXPECT_EQ(ids_of(requests().query({.status = "invalid"})), (std::vector<std::int64_t>{b}));
    const auto page = requests().query({.limit = 1, .offset = 1});
    EXPECT_EQ(page.total, 3U);
    EXPECT_EQ(ids_of(page), (std::vector<std::int64_t>{b}));
}

TEST_F(CertificateRequestRepositoryTest, ScopeFollowsTheChargersSite) {
    const auto ministry = add_institution("Ministry", kCreditCodes[0]);
    const auto school = add_institution("School", kCreditCodes[1]);
    ASSERT_TRUE(repositories_.chargers().set_site("CP-1", add_site(ministry, "Garage M")));
    add_charger("CP-S");
    ASSERT_TRUE(repositories_.chargers().set_site("CP-S", add_site(school, "Garage S")));
    const auto mine = add_request("CP-1", 100);
    add_request("CP-S", 200);
    add_request("CP-2", 300);  // unassigned: the admin's
    EXPECT_EQ(ids_of(requests().query({.scope = std::vector<std::int64_t>{ministry}})),
              (std::vector<std::int64_t>{mine}));
    EXPECT_EQ(requests().query({.scope = std::vector<std::int64_t>{}}).total, 0U);
    EXPECT_EQ(requests().query({}).total, 3U);
}

TEST_F(CertificateRequestRepositoryTest, RefusesUnknownChargersAndStatuses) {
    EXPECT_ANY_THROW(add_request("NO-SUCH", 100));
    EXPECT_ANY_THROW(add_request("CP-1", 100, "done"));
}

}  // namespace
}  // namespace parkgrid::storage
