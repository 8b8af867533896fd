#pragma once

// Plain records of the organisation model (institutions, sites, departments, vehicles, drivers) and the
// filters of scoped queries. Vocabularies (institution types, sectors, vehicle kinds) are carried as their
// API strings: the API validates them, and the schema's CHECK constraints refuse anything else.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "parkgrid/storage/timestamp.hpp"

namespace parkgrid::storage {

// The institutions a query is limited to: nullopt means every institution (an admin); an empty list
// matches nothing.
using InstitutionScope = std::optional<std::vector<std::int64_t>>;

// One page of a query, with the number of rows matching the filter on all pages.
template <typename T>
struct Listing {
    std::vector<T> items{};
    std::size_t total = 0;
};

// How many rows of one kind still refer to an object, e.g. {"vehicles", 3}; names why a deletion is refused.
struct Dependents {
    std::string kind{};
    std::int64_t count = 0;
};

struct InstitutionRecord {
    std::int64_t id = 0;
    std::string name{};
    std::string unified_social_credit_code{};
    std::string type{};                   // state_organ, public_institution, social_organisation
    std::optional<std::string> sector{};  // public institutions only: education, science, culture, ...
    std::optional<std::string> region{};  // free text or a 6-digit administrative division code
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct InstitutionFilter {
    InstitutionScope scope{};
    std::optional<std::string> type{};
    std::optional<std::string> sector{};
    std::optional<std::string> text{};  // part of the name or of the credit code
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// A car park.
struct SiteRecord {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::string name{};
    std::optional<std::string> address{};
    std::string time_zone = "Asia/Shanghai";  // IANA name
    double service_fee_per_kwh = 0;           // CNY, charged on top of the energy price
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct SiteFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::string> text{};  // part of the name or of the address
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// A fleet or department; the parent belongs to the same institution.
struct DepartmentRecord {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::optional<std::int64_t> parent_id{};
    std::string name{};
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct DepartmentFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> parent_id{};
    std::optional<std::string> text{};  // part of the name
    std::size_t limit = 100;
    std::size_t offset = 0;
};

struct VehicleRecord {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::optional<std::int64_t> department_id{};  // of the same institution
    std::string plate_number{};
    std::optional<std::string> make{};
    std::optional<std::string> model{};
    std::string kind{};                                 // BEV, PHEV, petrol, diesel
    std::optional<double> battery_kwh{};                // BEV and PHEV only
    std::optional<std::string> usual_departure_time{};  // HH:MM, site-local
    std::int32_t priority = 5;                          // 0..10
    std::string acquired_date{};                        // YYYY-MM-DD
    std::optional<std::string> retired_date{};          // YYYY-MM-DD
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct VehicleFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> department_id{};
    std::optional<std::string> kind{};
    std::optional<std::string> text{};  // part of the plate number, make or model
    std::size_t limit = 100;
    std::size_t offset = 0;
};

struct DriverRecord {
    std::int64_t id = 0;
    std::int64_t institution_id = 0;
    std::optional<std::int64_t> department_id{};  // of the same institution
    std::string name{};
    std::optional<std::string> employee_number{};  // unique within the institution
    std::optional<std::string> phone{};
    Timestamp created_at{};
    Timestamp updated_at{};
};

struct DriverFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> department_id{};
    std::optional<std::string> text{};  // part of the name or of the employee number
    std::size_t limit = 100;
    std::size_t offset = 0;
};

// Chargers are in scope through their site's institution; unassigned chargers only with no scope.
struct ChargerFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> site_id{};
    std::optional<std::int64_t> institution_id{};
    std::size_t limit = 1000;
    std::size_t offset = 0;
};

// Id tags are in scope through their own institution; global tags only with no scope.
struct IdTagFilter {
    InstitutionScope scope{};
    std::optional<std::int64_t> institution_id{};
    std::optional<std::int64_t> vehicle_id{};
    std::optional<std::int64_t> driver_id{};
    std::size_t limit = 100;
    std::size_t offset = 0;
};

}  // namespace parkgrid::storage
