#pragma once

// Checks and helpers shared by the routes of the organisation model (institutions, sites, departments,
// vehicles, drivers) and by the routes that link into it (chargers, id tags).

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "access.hpp"
#include "api_error.hpp"
#include "body_reader.hpp"
#include "parkgrid/storage/repositories.hpp"
#include "router.hpp"

namespace parkgrid::server::api {

// The path parameter `index` as the id of a `kind` object ("site", ...): anything but a positive whole
// number names no object, so it is a 404 like an unknown id.
std::int64_t id_param(const ApiRequest& request, std::size_t index, const std::string& kind);

// A query parameter naming an object by id, e.g. ?institutionId=3 (422 when malformed).
std::optional<std::int64_t> query_id(const ApiRequest& request, const std::string& name);

// The object `record` as `principal` may see it: 404 when it does not exist or its institution lies
// outside the caller's scope, exactly as if it did not exist.
template <typename Record>
Record require_visible_record(std::optional<Record> record, const Principal& principal,
                              const std::string& what) {
    if (!record || !principal.sees_institution(record->institution_id)) {
        throw ApiError::not_found(what);
    }
    return std::move(*record);
}

// The institution `id` as `principal` may see it: 404 when it does not exist or lies outside the caller's
// scope.
storage::InstitutionRecord require_visible_institution(storage::Repositories& repositories,
                                                       const Principal& principal, std::int64_t id);

// The institution a new object is created in (or a tag is moved to): 422 on `field` when it does not
// exist or lies outside the caller's scope; both get the same answer so that scopes do not leak.
void require_institution_for_write(storage::Repositories& repositories, const Principal& principal,
                                   std::int64_t institution_id, const std::string& field = "institutionId");

// A site a charger is assigned to: 422 on "siteId" when it does not exist or lies outside the caller's
// scope.
void require_site_for_write(storage::Repositories& repositories, const Principal& principal,
                            std::int64_t site_id);

// A department referred to by an object of `institution_id` (departmentId, parentId): 422 on `field` unless
// it exists in that institution.
void require_department_in(storage::Repositories& repositories, std::int64_t department_id,
                           std::int64_t institution_id, const std::string& field);

// 409 for a deletion refused because other objects still refer to `what`, naming them.
[[noreturn]] void refuse_removal(const std::string& what, const std::vector<storage::Dependents>& dependents);

// A body field naming an object by id, e.g. "siteId": a positive whole number (422 otherwise).
std::optional<std::int64_t> optional_id(const BodyReader& fields, const std::string& name);
std::int64_t required_id(const BodyReader& fields, const std::string& name);

// PATCH: `name` may be left out but not cleared (422 for null).
void refuse_null(const BodyReader& fields, const std::string& name);

// PATCH: an object's institution is fixed (422 when the field is sent).
void refuse_institution_change(const BodyReader& fields);

storage::Timestamp now();

}  // namespace parkgrid::server::api
