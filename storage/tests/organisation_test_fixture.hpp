#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "repository_test_fixture.hpp"

namespace parkgrid::storage::testing {

// Repositories over a migrated database, with helpers that create organisation objects with plausible
// defaults and return their ids.
class OrganisationTest : public RepositoryTest {
protected:
    // Valid unified social credit codes (check characters computed per GB 32100-2015).
    static constexpr const char* kCreditCodes[] = {"11110000MB0000001Y", "11110000MB00000022",
                                                   "12110000MB00000032", "51110000MB00000044"};

    static InstitutionRecord institution(std::string name, std::string code) {
        InstitutionRecord record;
        record.name = std::move(name);
        record.unified_social_credit_code = std::move(code);
        record.type = "state_organ";
        record.created_at = record.updated_at = at_millis(100);
        return record;
    }

    std::int64_t add_institution(const std::string& name, const std::string& code) {
        const auto id = repositories_.institutions().insert(institution(name, code));
        EXPECT_TRUE(id) << name;
        return id.value_or(0);
    }

    std::int64_t add_site(std::int64_t institution_id, const std::string& name) {
        SiteRecord site;
        site.institution_id = institution_id;
        site.name = name;
        site.created_at = site.updated_at = at_millis(100);
        const auto id = repositories_.sites().insert(site);
        EXPECT_TRUE(id) << name;
        return id.value_or(0);
    }

    std::int64_t add_department(std::int64_t institution_id, const std::string& name,
                                std::optional<std::int64_t> parent_id = std::nullopt) {
        DepartmentRecord department;
        department.institution_id = institution_id;
        department.parent_id = parent_id;
        department.name = name;
        department.created_at = department.updated_at = at_millis(100);
        return repositories_.departments().insert(department);
    }

    static VehicleRecord vehicle(std::int64_t institution_id, std::string plate, std::string kind = "BEV") {
        VehicleRecord record;
        record.institution_id = institution_id;
        record.plate_number = std::move(plate);
        record.kind = std::move(kind);
        record.acquired_date = "2025-03-01";
        record.created_at = record.updated_at = at_millis(100);
        return record;
    }

    std::int64_t add_vehicle(std::int64_t institution_id, const std::string& plate,
                             std::optional<std::int64_t> department_id = std::nullopt) {
        auto record = vehicle(institution_id, plate);
        record.department_id = department_id;
        const auto id = repositories_.vehicles().insert(record);
        EXPECT_TRUE(id) << plate;
        return id.value_or(0);
    }

    static DriverRecord driver(std::int64_t institution_id, std::string name,
                               std::optional<std::string> employee_number = std::nullopt) {
        DriverRecord record;
        record.institution_id = institution_id;
        record.name = std::move(name);
        record.employee_number = std::move(employee_number);
        record.created_at = record.updated_at = at_millis(100);
        return record;
    }

    std::int64_t add_driver(std::int64_t institution_id, const std::string& name,
                            std::optional<std::int64_t> department_id = std::nullopt) {
        auto record = driver(institution_id, name);
        record.department_id = department_id;
        const auto id = repositories_.drivers().insert(record);
        EXPECT_TRUE(id) << name;
        return id.value_or(0);
    }

    static IdTagRecord id_tag(std::string tag, std::optional<std::int64_t> institution_id) {
        IdTagRecord record;
        record.id_tag = std::move(tag);
        record.status = "Accepted";
        record.institution_id = institution_id;
        record.created_at = record.updated_at = at_millis(100);
        return record;
    }

    template <typename Record>
    static std::vector<std::int64_t> ids_of(const Listing<Record>& listing) {
        std::vector<std::int64_t> ids;
        for (const auto& item : listing.items) {
            ids.push_back(item.id);
        }
        return ids;
    }
};

}  // namespace parkgrid::storage::testing
