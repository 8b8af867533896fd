#pragma once

// Repository interfaces of the organisation model. Each kind has exactly one uniqueness rule, so
// "Duplicate" below is unambiguous:
//   institutions: the unified social credit code;  sites: the name within the institution;
//   vehicles: the plate number;  drivers: the employee number within the institution;
//   departments: none.
// An object's institution never changes: update() ignores institution_id.

#include <cstdint>
#include <optional>
#include <vector>

#include "parkgrid/storage/organisation_records.hpp"

namespace parkgrid::storage {

enum class UpdateResult { Updated, NotFound, Duplicate };
// StillReferenced: another row still refers to the object (see dependents()); nothing was deleted.
enum class RemoveResult { Removed, NotFound, StillReferenced };

class InstitutionRepository {
public:
    virtual ~InstitutionRepository() = default;

    virtual std::optional<InstitutionRecord> find(std::int64_t id) = 0;
    virtual Listing<InstitutionRecord> query(const InstitutionFilter& filter) = 0;
    // Returns the new id, or nullopt when the credit code is taken.
    virtual std::optional<std::int64_t> insert(const InstitutionRecord& institution) = 0;
    virtual UpdateResult update(const InstitutionRecord& institution) = 0;
    // Sites, departments, vehicles, drivers and id tags of the institution (kinds with a count of 0 left
    // out).
    virtual std::vector<Dependents> dependents(std::int64_t id) = 0;
    virtual RemoveResult remove(std::int64_t id) = 0;
};

class SiteRepository {
public:
    virtual ~SiteRepository() = default;

    virtual std::optional<SiteRecord> find(std::int64_t id) = 0;
    virtual Listing<SiteRecord> query(const SiteFilter& filter) = 0;
    // Returns the new id, or nullopt when the institution has a site of this name already.
    virtual std::optional<std::int64_t> insert(const SiteRecord& site) = 0;
    virtual UpdateResult update(const SiteRecord& site) = 0;
    // The chargers, circuits and tariff periods of the site.
    virtual std::vector<Dependents> dependents(std::int64_t id) = 0;
    virtual RemoveResult remove(std::int64_t id) = 0;
};

class DepartmentRepository {
public:
    virtual ~DepartmentRepository() = default;

    virtual std::optional<DepartmentRecord> find(std::int64_t id) = 0;
    virtual Listing<DepartmentRecord> query(const DepartmentFilter& filter) = 0;
    virtual std::int64_t insert(const DepartmentRecord& department) = 0;
    // Returns false when there is no such department. The caller keeps the parent chain free of cycles.
    virtual bool update(const DepartmentRecord& department) = 0;
    // Sub-departments, vehicles and drivers of the department.
    virtual std::vector<Dependents> dependents(std::int64_t id) = 0;
    virtual RemoveResult remove(std::int64_t id) = 0;
};

class VehicleRepository {
public:
    virtual ~VehicleRepository() = default;

    virtual std::optional<VehicleRecord> find(std::int64_t id) = 0;
    virtual Listing<VehicleRecord> query(const VehicleFilter& filter) = 0;
    // Returns the new id, or nullopt when the plate number is taken.
    virtual std::optional<std::int64_t> insert(const VehicleRecord& vehicle) = 0;
    virtual UpdateResult update(const VehicleRecord& vehicle) = 0;
    // Id tags linked to the vehicle lose the link.
    virtual RemoveResult remove(std::int64_t id) = 0;
};

class DriverRepository {
public:
    virtual ~DriverRepository() = default;

    virtual std::optional<DriverRecord> find(std::int64_t id) = 0;
    virtual Listing<DriverRecord> query(const DriverFilter& filter) = 0;
    // Returns the new id, or nullopt when the employee number is taken within the institution.
    virtual std::optional<std::int64_t> insert(const DriverRecord& driver) = 0;
    virtual UpdateResult update(const DriverRecord& driver) = 0;
    // Id tags linked to the driver lose the link.
    virtual RemoveResult remove(std::int64_t id) = 0;
};

}  // namespace parkgrid::storage
