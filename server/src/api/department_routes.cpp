#include "body_reader.hpp"
#include "organisation_access.hpp"
#include "organisation_routes.hpp"
#include "organisation_views.hpp"
#include "storage_reply.hpp"

namespace parkgrid::server::api {
namespace {

using storage::DepartmentRecord;
using storage::Repositories;

const std::initializer_list<std::string_view> kFields = {"institutionId", "parentId", "name"};
constexpr std::size_t kMaxNameLength = 200;

std::string what(std::int64_t id) {
    return "department " + std::to_string(id);
}

// The parent must be a department of the same institution, and not the department itself or one of its
// descendants (the tree would become a cycle).
void check_parent(Repositories& repositories, const DepartmentRecord& department) {
    if (!department.parent_id) {
        return;
    }
    require_department_in(repositories, *department.parent_id, department.institution_id, "parentId");
    // Walks up from the new parent; the existing tree has no cycle, so this ends at a root.
    for (auto ancestor = department.parent_id; ancestor;
         ancestor = repositories.departments().find(*ancestor)->parent_id) {
        if (*ancestor == department.id) {
            throw ApiError::invalid_field(
                "parentId", "would make " + what(department.id) + " a sub-department of itself");
        }
    }
}

}  // namespace

void add_department_routes(Router& router, storage::Database& database) {
    router.add("POST", "/api/v1/departments", [&database](const ApiRequest& request, const HttpReply& reply) {
        require_change_right(request.principal());
        const auto body = request.json_body();
        const BodyReader fields(body, kFields);
        DepartmentRecord department;
        department.institution_id = required_id(fields, "institutionId");
        department.parent_id = optional_id(fields, "parentId");
        department.name = fields.required_string("name", kMaxNameLength);
        department.created_at = department.updated_at = now();
        write_then_reply(
            database,
            [department, principal = request.principal()](Repositories& repositories) {
                require_institution_for_write(repositories, principal, department.institution_id);
                check_parent(repositories, department);
                return *repositories.departments().find(repositories.departments().insert(department));
            },
            [](const DepartmentRecord& created) { return json_response(201, department_json(created)); },
            reply);
    });

    router.add("GET", "/api/v1/departments", [&database](const ApiRequest& request, const HttpReply& reply) {
        storage::DepartmentFilter filter;
        filter.scope = request.principal().scope();
        filter.institution_id = query_id(request, "institutionId");
        filter.parent_id = query_id(request, "parentId");
        filter.text = request.query("q");
        const auto page = page_of(request);
        filter.limit = page.limit;
        filter.offset = page.offset;
        read_then_reply(
            database,
            [filter](Repositories& repositories) { return repositories.departments().query(filter); },
            [](const storage::Listing<DepartmentRecord>& listing) {
                return json_response(200, listing_json(listing, department_json));
            },
            reply);
    });

    router.add(
        "GET", "/api/v1/departments/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            const auto id = id_param(request, 0, "department");
            read_then_reply(
                database,
                [id, principal = request.principal()](Repositories& repositories) {
                    return require_visible_record(repositories.departments().find(id), principal, what(id));
                },
                [](const DepartmentRecord& department) {
                    return json_response(200, department_json(department));
                },
                reply);
        });

    router.add(
        "PATCH", "/api/v1/departments/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto id = id_param(request, 0, "department");
            const auto body = request.json_body();
            const BodyReader fields(body, kFields);
            refuse_institution_change(fields);
            refuse_null(fields, "name");
            const auto name = fields.optional_string("name", kMaxNameLength);
            const bool change_parent = fields.has("parentId");
            const auto parent_id = optional_id(fields, "parentId");
            write_then_reply(
                database,
                [=, principal = request.principal()](Repositories& repositories) {
                    auto department =
                        require_visible_record(repositories.departments().find(id), principal, what(id));
                    department.name = name.value_or(department.name);
                    if (change_parent) {
                        department.parent_id = parent_id;
                        check_parent(repositories, department);
                    }
                    department.updated_at = now();
                    repositories.departments().update(department);
                    return department;
                },
                [](const DepartmentRecord& department) {
                    return json_response(200, department_json(department));
                },
                reply);
        });

    router.add(
        "DELETE", "/api/v1/departments/{id}", [&database](const ApiRequest& request, const HttpReply& reply) {
            require_change_right(request.principal());
            const auto id = id_param(request, 0, "department");
            write_then_reply(
                database,
                [id, principal = request.principal()](Repositories& repositories) {
                    require_visible_record(repositories.departments().find(id), principal, what(id));
                    if (const auto dependents = repositories.departments().dependents(id);
                        !dependents.empty()) {
                        refuse_removal(what(id), dependents);
                    }
                    if (repositories.departments().remove(id) == storage::RemoveResult::StillReferenced) {
                        throw ApiError::conflict(what(id) + " is still referred to by other records");
                    }
                    return true;
                },
                [](bool) { return no_content(); }, reply);
        });
}

}  // namespace parkgrid::server::api
